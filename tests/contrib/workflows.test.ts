/**
 * The GitHub Actions workflows: valid against the workflow schema
 * (@action-validator/core), and saying what the project needs of them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import actionValidator from '@action-validator/core'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { REPO } from './helpers.ts'

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }
type Job = { 'runs-on': string; steps: Step[]; permissions?: Record<string, string>; needs?: string; environment?: unknown }
type Workflow = { on: Record<string, unknown>; permissions?: Record<string, string>; concurrency?: { group: string }; jobs: Record<string, Job> }

const text = (name: string): string => readFileSync(join(REPO, '.github/workflows', name), 'utf8')
const load = (name: string): Workflow => YAML.parse(text(name)) as Workflow
const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps)
const uses = (wf: Workflow, action: string): Step => {
  const step = steps(wf).find((s) => s.uses?.startsWith(`${action}@`))
  expect(step, `${action} is used`).toBeDefined()
  return step!
}

describe.each(['pr.yml', 'deploy.yml'])('%s', (name) => {
  it('validates against the GitHub Actions workflow schema', () => {
    expect(actionValidator.validateWorkflow(text(name)).errors).toEqual([])
  })

  it('pins every action to a major version and uses no secrets', () => {
    for (const step of steps(load(name))) if (step.uses) expect(step.uses).toMatch(/^[\w.-]+\/[\w.-]+@v\d+$/)
    expect(text(name)).not.toMatch(/\$\{\{[^}]*secrets\./)
  })

  it('installs from the lockfile with Node 20 and keeps the parse cache between runs', () => {
    const wf = load(name)
    expect(uses(wf, 'actions/setup-node').with).toMatchObject({ 'node-version': 20, cache: 'npm' })
    expect(steps(wf).some((s) => /^npm ci\b/.test(s.run ?? ''))).toBe(true)
    const cache = uses(wf, 'actions/cache').with!
    expect(String(cache.path).split('\n').map((line) => line.trim())).toContain('.cache/plan-archive')
    expect(cache.key).toMatch(/hashFiles\('package-lock\.json'\).*hashFiles\('content\/\*\*'\)/)
    expect(String(cache['restore-keys'])).toMatch(/hashFiles\('package-lock\.json'\)/)
  })
})

describe('pr.yml', () => {
  const wf = load('pr.yml')

  it('runs on pull requests, forks included: read-only token', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request'])
    expect(wf.permissions).toEqual({ contents: 'read' })
    expect(text('pr.yml')).not.toMatch(/pull_request_target/)
  })

  it('checks out the full history, for --changed-since', () => {
    expect(uses(wf, 'actions/checkout').with).toMatchObject({ 'fetch-depth': 0 })
  })

  it('checks the changed content against the base branch with annotations', () => {
    const check = steps(wf).find((s) => s.run?.includes('plan-archive check'))!
    expect(check.run).toMatch(/--changed-since "origin\/\$BASE_REF"/)
    expect(check.run).toMatch(/--format github/)
    expect(check.env?.BASE_REF).toBe('${{ github.base_ref }}')
  })

  it('uploads the built site', () => {
    expect(uses(wf, 'actions/upload-artifact').with).toMatchObject({ path: 'dist/' })
  })
})

describe('deploy.yml', () => {
  const wf = load('deploy.yml')

  it('runs on pushes to main, one deployment at a time', () => {
    expect(wf.on.push).toEqual({ branches: ['main'] })
    expect(wf.concurrency?.group).toBeTruthy()
  })

  it('keeps the last built site, so the build renders only the pages that changed', () => {
    expect(String(uses(wf, 'actions/cache').with!.path).split('\n').map((line) => line.trim())).toContain('dist')
  })

  it('builds with the project site base URL from the github context', () => {
    const build = steps(wf).find((s) => s.run?.includes('plan-archive build'))!
    expect(build.run).toMatch(/--base-url "\$BASE_URL"/)
    expect(build.env?.BASE_URL).toBe('https://${{ github.repository_owner }}.github.io/${{ github.event.repository.name }}/')
  })

  it('publishes with the Pages actions and only the deploy job may write Pages', () => {
    uses(wf, 'actions/configure-pages')
    expect(uses(wf, 'actions/upload-pages-artifact').with).toMatchObject({ path: 'dist/' })
    uses(wf, 'actions/deploy-pages')
    expect(wf.permissions).toEqual({ contents: 'read' })
    const deploy = Object.values(wf.jobs).find((j) => j.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')))!
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
    expect(deploy.needs).toBe('build')
  })
})

describe('the schema validation', () => {
  it('catches a broken workflow', () => {
    const broken = load('pr.yml') as unknown as { jobs: Record<string, Record<string, unknown>> }
    const job = Object.values(broken.jobs)[0]!
    delete job['runs-on']
    ;(job.steps as Step[])[0]!.with = undefined
    ;(job.steps as Record<string, unknown>[]).push({ name: 'neither run nor uses' })
    const errors = actionValidator.validateWorkflow(YAML.stringify(broken)).errors
    expect(errors.length).toBeGreaterThan(0)
    expect(JSON.stringify(errors)).toMatch(/runs-on/)
  })

  it('catches a misspelt key', () => {
    const errors = actionValidator.validateWorkflow(text('deploy.yml').replace('runs-on:', 'run-on:')).errors
    expect(errors.length).toBeGreaterThan(0)
  })
})
