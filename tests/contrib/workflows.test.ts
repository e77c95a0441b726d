/**
 * The GitHub Actions workflows: valid against the workflow schema
 * (@action-validator/core), and saying what the project needs of them.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import actionValidator from '@action-validator/core'
import { describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { splitBaseUrl } from '../../src/site/options.ts'
import { REPO } from './helpers.ts'

type Step = { name?: string; uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; id?: string }
type Job = {
  'runs-on': string
  steps: Step[]
  permissions?: Record<string, string>
  needs?: string | string[]
  container?: string | { image: string }
  env?: Record<string, string>
  environment?: unknown
  'timeout-minutes'?: number
}
type Workflow = {
  on: Record<string, unknown>
  permissions?: Record<string, string>
  concurrency?: { group: string; 'cancel-in-progress'?: boolean }
  jobs: Record<string, Job>
}

/**
 * The current major version of every action the workflows may use, from each
 * action's release notes. A new action, or a new major, is added here first.
 */
const MAJORS: Record<string, number> = {
  'actions/checkout': 6,
  'actions/setup-node': 6,
  'actions/cache': 5,
  'actions/upload-artifact': 7,
  'actions/configure-pages': 6,
  'actions/upload-pages-artifact': 5,
  'actions/deploy-pages': 5
}

/** The Node version of CI: the current LTS. (The package itself supports >=20.19; tests run there too.) */
const NODE = 24

/** Steps that need the parse cache: they parse content. */
const PARSES = /plan-archive (check|build)\b|^npm run build$/

const text = (name: string): string => readFileSync(join(REPO, '.github/workflows', name), 'utf8')
const load = (name: string): Workflow => YAML.parse(text(name)) as Workflow
const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps)
const action = (step: Step): string | undefined => step.uses?.split('@')[0]
const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs))
const lines = (value: unknown): string[] =>
  String(value ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
/** Index of the first step of `job` matching `test`, -1 if none. */
const at = (job: Job, test: (s: Step) => boolean): number => job.steps.findIndex(test)
const runs = (re: RegExp) => (s: Step): boolean => re.test(s.run?.trim() ?? '')
const usesAction = (name: string) => (s: Step): boolean => action(s) === name

const uses = (wf: Workflow, name: string): Step => {
  const step = steps(wf).find(usesAction(name))
  expect(step, `${name} is used`).toBeDefined()
  return step!
}
/** The one job with a step matching `test`, with its id. */
const jobWith = (wf: Workflow, test: (s: Step) => boolean): [string, Job] => {
  const found = Object.entries(wf.jobs).filter(([, job]) => job.steps.some(test))
  expect(found).toHaveLength(1)
  return found[0]!
}

describe.each(['pr.yml', 'deploy.yml'])('%s', (name) => {
  const wf = load(name)

  it('validates against the GitHub Actions workflow schema', () => {
    expect(actionValidator.validateWorkflow(text(name)).errors).toEqual([])
  })

  it('uses each action at its current major version, and no secrets', () => {
    for (const step of steps(wf)) {
      if (!step.uses) continue
      const major = MAJORS[action(step)!]
      expect(major, `${step.uses} is in the table of current majors`).toBeDefined()
      expect(step.uses).toBe(`${action(step)}@v${major}`)
    }
    expect(text(name)).not.toMatch(/\$\{\{[^}]*secrets\./)
  })

  it(`runs Node ${NODE} LTS everywhere`, () => {
    for (const [id, job] of Object.entries(wf.jobs)) {
      const npm = at(job, runs(/^(npm|npx)\b/))
      if (npm < 0) continue
      const setup = at(job, usesAction('actions/setup-node'))
      expect(setup, `${id} sets up Node before its first npm step`).toBeGreaterThanOrEqual(0)
      expect(setup).toBeLessThan(npm)
      expect(job.steps[setup]!.with).toMatchObject({ 'node-version': NODE, cache: 'npm' })
    }
    for (const job of Object.values(wf.jobs)) {
      if (job.container === undefined) continue
      const image = typeof job.container === 'string' ? job.container : job.container.image
      expect(image).toMatch(new RegExp(`^node:${NODE}-`))
    }
    expect(text(name)).not.toMatch(/node-version:\s*['"]?(1\d|2[0-3])\b|node:(1\d|2[0-3])\b/)
  })

  it('installs from the lockfile and keeps the parse cache between runs, in every job that parses content', () => {
    const parsing = Object.entries(wf.jobs).filter(([, job]) => job.steps.some(runs(PARSES)))
    expect(parsing.length).toBeGreaterThan(0)
    for (const [id, job] of parsing) {
      const first = at(job, runs(PARSES))
      const install = at(job, runs(/^npm ci\b/))
      expect(install, `${id} runs npm ci`).toBeGreaterThanOrEqual(0)
      expect(install).toBeLessThan(first)
      const cacheAt = at(job, usesAction('actions/cache'))
      expect(cacheAt, `${id} restores the parse cache`).toBeGreaterThanOrEqual(0)
      expect(cacheAt).toBeLessThan(first)
      const cache = job.steps[cacheAt]!.with!
      expect(lines(cache.path)).toContain('.cache/plan-archive')
      const key = String(cache.key)
      expect(key).toMatch(/\$\{\{ runner\.os \}\}.*hashFiles\('package-lock\.json'\).*hashFiles\('content\/\*\*'\)/)
      const restore = lines(cache['restore-keys'])
      expect(restore.length).toBeGreaterThan(0)
      expect(restore[0]).toMatch(/hashFiles\('package-lock\.json'\) \}\}-$/)
      // Each restore key is a prefix of the job's own key: a newer cache of the same kind.
      for (const prefix of restore) expect(key.startsWith(prefix), `${prefix} prefixes ${key}`).toBe(true)
    }
  })

  it('gives every job a timeout and every step a name that says what it does', () => {
    for (const [id, job] of Object.entries(wf.jobs)) {
      expect(job['timeout-minutes'], `${id} has timeout-minutes`).toBeGreaterThan(0)
      expect(job['timeout-minutes']).toBeLessThanOrEqual(30)
      for (const step of job.steps) expect(step.name?.trim(), `a name for ${step.uses ?? step.run}`).toBeTruthy()
    }
  })

  it('never pastes an expression into a run script', () => {
    for (const step of steps(wf)) if (step.run) expect(step.run).not.toContain('${{')
  })
})

describe('pr.yml', () => {
  const wf = load('pr.yml')
  const [checkId, checkJob] = jobWith(wf, runs(/plan-archive check/))
  const [buildId, buildJob] = jobWith(wf, runs(/^npm run build$/))

  it('runs on pull requests, forks included: read-only token', () => {
    expect(Object.keys(wf.on)).toEqual(['pull_request'])
    expect(wf.permissions).toEqual({ contents: 'read' })
    for (const job of Object.values(wf.jobs)) expect(job.permissions).toBeUndefined()
    expect(text('pr.yml')).not.toMatch(/pull_request_target/)
  })

  it('runs one pull request at a time, cancelling the run a newer push replaces', () => {
    expect(wf.concurrency?.group).toContain('${{ github.event.pull_request.number }}')
    expect(wf.concurrency?.['cancel-in-progress']).toBe(true)
  })

  it('first checks the contributed content, in a fast job of its own: no browser, no tests', () => {
    expect(Object.keys(wf.jobs)[0]).toBe(checkId)
    expect(checkJob.needs).toBeUndefined()
    expect(checkJob.container, 'the check needs no Debian browser, so no container').toBeUndefined()
    expect(checkJob.steps.some(runs(/\bapt-get\b|chromium/))).toBe(false)
    expect(checkJob.steps.some(runs(/^npm (test|run test)\b/))).toBe(false)
    expect(checkJob.steps.some(runs(/^npm run build$|plan-archive build/))).toBe(false)
    expect(checkJob['timeout-minutes']).toBeLessThanOrEqual(10)
  })

  it('checks out the full history for the check, for --changed-since', () => {
    expect(checkJob.steps.find(usesAction('actions/checkout'))!.with).toMatchObject({ 'fetch-depth': 0 })
  })

  it('checks the changed content against the base branch with annotations', () => {
    const check = checkJob.steps.find(runs(/plan-archive check/))!
    expect(check.run).toMatch(/--changed-since "origin\/\$BASE_REF"/)
    expect(check.run).toMatch(/--format github/)
    expect(check.env?.BASE_REF).toBe('${{ github.base_ref }}')
  })

  it('then tests and builds in Debian, only once the check has passed', () => {
    expect(buildId).not.toBe(checkId)
    expect(needsOf(buildJob)).toEqual([checkId])
    expect(buildJob.container).toBe(`node:${NODE}-bookworm`)
    const test = at(buildJob, runs(/^npm test$/))
    expect(test).toBeGreaterThanOrEqual(0)
    expect(at(buildJob, runs(/\bapt-get install -y chromium\b/))).toBeLessThan(test)
    expect(at(buildJob, runs(/^npm ci\b/))).toBeLessThan(test)
    // The workspace belongs to the runner's user, not the container's root; the tests use git.
    const trust = at(buildJob, runs(/^git config --global --add safe\.directory "\$GITHUB_WORKSPACE"$/))
    expect(trust).toBeGreaterThanOrEqual(0)
    expect(trust).toBeLessThan(test)
    expect(test).toBeLessThan(at(buildJob, runs(/^npm run build$/)))
  })

  it('uploads the built site', () => {
    const upload = at(buildJob, usesAction('actions/upload-artifact'))
    expect(upload).toBeGreaterThan(at(buildJob, runs(/^npm run build$/)))
    expect(buildJob.steps[upload]!.with).toMatchObject({ name: 'site', path: 'dist/', 'if-no-files-found': 'error' })
  })

  it("keeps each job's parse cache under its own key, so the check's partial cache never shadows the build's", () => {
    const caches = [checkJob, buildJob].map((job) => job.steps.find(usesAction('actions/cache'))!.with!)
    const [check, build] = caches.map((c) => String(c.key))
    expect(check).not.toBe(build)
    for (const prefix of lines(caches[0]!['restore-keys'])) expect(build!.startsWith(prefix)).toBe(false)
    for (const prefix of lines(caches[1]!['restore-keys'])) expect(check!.startsWith(prefix)).toBe(false)
  })
})

describe('deploy.yml', () => {
  const wf = load('deploy.yml')
  const [buildId, buildJob] = jobWith(wf, runs(/plan-archive build/))
  const [deployId, deployJob] = jobWith(wf, usesAction('actions/deploy-pages'))

  it('runs on pushes to main, one deployment at a time, never cancelling a live one', () => {
    expect(wf.on.push).toEqual({ branches: ['main'] })
    expect(wf.concurrency?.group).toBeTruthy()
    expect(wf.concurrency?.['cancel-in-progress']).toBe(false)
  })

  it('keeps the last built site, so the build renders only the pages that changed', () => {
    const cache = buildJob.steps.find(usesAction('actions/cache'))!.with!
    expect(lines(cache.path)).toEqual(['.cache/plan-archive', 'dist'])
  })

  it("builds for the address actions/configure-pages gives the site, passed through env", () => {
    const configure = at(buildJob, usesAction('actions/configure-pages'))
    const build = at(buildJob, runs(/plan-archive build/))
    expect(configure).toBeGreaterThanOrEqual(0)
    expect(configure).toBeLessThan(build)
    const id = buildJob.steps[configure]!.id
    expect(id, 'configure-pages has an id, to read its outputs').toBeTruthy()
    expect(buildJob.steps[build]!.run).toMatch(/--base-url "\$BASE_URL"/)
    expect(buildJob.steps[build]!.env?.BASE_URL).toBe(`\${{ steps.${id}.outputs.base_url }}`)
    // Not made by hand from the owner and the repository: wrong for user sites and custom domains.
    expect(text('deploy.yml')).not.toMatch(/repository_owner|event\.repository\.name|\.github\.io\/\$\{\{/)
  })

  it("understands the base URLs configure-pages gives: no trailing slash, project, user site or custom domain", () => {
    expect(splitBaseUrl('https://octo.github.io/plans')).toEqual({ pathPrefix: '/plans/', siteUrl: 'https://octo.github.io/plans/' })
    expect(splitBaseUrl('https://octo.github.io')).toEqual({ pathPrefix: '/', siteUrl: 'https://octo.github.io/' })
    expect(splitBaseUrl('https://plans.example.org')).toEqual({ pathPrefix: '/', siteUrl: 'https://plans.example.org/' })
  })

  it('publishes with the Pages actions', () => {
    expect(buildJob.steps.find(usesAction('actions/upload-pages-artifact'))!.with).toMatchObject({ path: 'dist/' })
    expect(at(buildJob, usesAction('actions/upload-pages-artifact'))).toBeGreaterThan(at(buildJob, runs(/plan-archive build/)))
    expect(needsOf(deployJob)).toEqual([buildId])
    expect(deployJob.environment).toMatchObject({ name: 'github-pages' })
  })

  it('grants least privilege: the workflow reads, only the deploy job may write Pages or mint an OIDC token', () => {
    expect(wf.permissions).toEqual({ contents: 'read' })
    expect(deployJob.permissions).toEqual({ pages: 'write', 'id-token': 'write' })
    for (const [id, job] of Object.entries(wf.jobs)) {
      if (id === deployId) continue
      // A job's permissions replace the workflow's: read-only, whatever they name.
      for (const [scope, level] of Object.entries(job.permissions ?? {})) expect(level, `${id}: ${scope}`).toBe('read')
    }
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
