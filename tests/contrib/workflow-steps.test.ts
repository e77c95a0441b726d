/**
 * Runs the pull-request workflow's own `run:` steps, unchanged, in a temporary
 * clone of this repository, so the workflow cannot drift from what works here.
 * A pull request is simulated: a base ref `origin/pr-base`, then commits that
 * add content on top of it. Only installation steps and `npm test` (which
 * would run this test again) are skipped, and they are asserted to be present.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { REPO, cli, tempDir } from './helpers.ts'

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Job { env?: Record<string, string>; steps: Step[] }

const workflow = YAML.parse(readFileSync(join(REPO, '.github/workflows/pr.yml'), 'utf8')) as { jobs: Record<string, Job> }
const job = Object.values(workflow.jobs)[0]!

/** Steps this test does not execute, and why. Anything else in the workflow is run. */
const SKIPPED: Array<[RegExp, string]> = [
  [/^npm ci\b/, 'installs from the registry; node_modules is linked from the checkout instead'],
  [/\bapt-get\b/, 'needs root and the network; the browser tests say when chromium is missing'],
  [/^npm test$/, 'would run this test again'],
  [/^git config --global\b/, "changes this machine's global git config; only the CI container needs it"]
]

/** The github context the `${{ … }}` expressions of `run` steps' env may use here. */
const CONTEXT: Record<string, string> = { 'github.base_ref': 'pr-base' }

function expand(value: string): string {
  return value.replace(/\$\{\{\s*([\w.]+)\s*\}\}/g, (_all, name: string) => {
    if (!(name in CONTEXT)) throw new Error(`the workflow uses \${{ ${name} }}, which this test does not simulate`)
    return CONTEXT[name]!
  })
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=CI test', '-c', 'user.email=ci@example.invalid', ...args], { cwd, encoding: 'utf8' })

/** Run one `run:` step as the runner would (`bash -e`), with the job's and step's env. */
function runStep(step: Step, cwd: string, summaryFile: string): { code: number; stdout: string; stderr: string } {
  const env: Record<string, string> = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: cwd }
  for (const [k, v] of Object.entries({ ...job.env, ...step.env })) env[k] = expand(String(v))
  if (step.run!.includes('${{')) throw new Error(`expressions in run: scripts are unsafe; pass them through env: ${step.run}`)
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

const runSteps = job.steps.filter((s) => s.run !== undefined)
const executed = runSteps.filter((s) => !SKIPPED.some(([re]) => re.test(s.run!.trim())))
const checkStep = executed.find((s) => s.run!.includes('plan-archive check'))
const buildStep = executed.find((s) => /npm run build|plan-archive build/.test(s.run!))

describe('the pull-request workflow, run locally', () => {
  let clone: string
  let summary: string

  beforeAll(() => {
    clone = join(tempDir('workflow'), 'repo')
    summary = join(dirname(clone), 'step-summary.md')
    git(REPO, 'clone', '--quiet', '--no-hardlinks', REPO, clone)
    // The working tree as it would be committed (identical to HEAD on CI), so the
    // steps run against the code under test, not only the last commit.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO, encoding: 'utf8' })
      .split('\0')
      // Regular files only: a symlinked node_modules is not covered by `node_modules/` in .gitignore.
      .filter((f) => f && existsSync(join(REPO, f)) && lstatSync(join(REPO, f)).isFile())
    for (const f of files) {
      mkdirSync(dirname(join(clone, f)), { recursive: true })
      copyFileSync(join(REPO, f), join(clone, f))
    }
    git(clone, 'add', '-A')
    if (git(clone, 'status', '--porcelain')) git(clone, 'commit', '-q', '-m', 'working tree under test')
    symlinkSync(join(REPO, 'node_modules'), join(clone, 'node_modules'), 'dir')
    // The pull request's base: what `origin/${{ github.base_ref }}` points at.
    git(clone, 'update-ref', 'refs/remotes/origin/pr-base', 'HEAD')
  })

  it('has the steps this test skips, in the order CI needs them', () => {
    const runs = runSteps.map((s) => s.run!.trim())
    const at = (re: RegExp): number => runs.findIndex((r) => re.test(r))
    for (const [re] of SKIPPED) expect(at(re), String(re)).toBeGreaterThanOrEqual(0)
    expect(at(/^npm ci\b/)).toBeLessThan(at(/^npm test$/))
    expect(at(/\bapt-get install -y chromium\b/)).toBeLessThan(at(/^npm test$/))
    expect(at(/safe\.directory/)).toBeLessThan(at(/plan-archive check/))
    expect(checkStep, 'a plan-archive check step').toBeDefined()
    expect(buildStep, 'a build step').toBeDefined()
  })

  it('check --changed-since passes a pull request that adds a scaffolded plan, and checks only that file', () => {
    const made = cli(['new', 'learningplan', '--title', 'CI smoke plan', '--country', 'Peru', '--year', '2025', '--sdg', '13'], clone)
    expect(made.code).toBe(0)
    git(clone, 'add', 'content')
    git(clone, 'commit', '-q', '-m', 'add a plan')
    const r = runStep(checkStep!, clone, summary)
    expect(r.stderr + r.stdout).not.toMatch(/::error/)
    expect(r.code).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/^1 files, 0 errors/m)
  })

  it('check --changed-since fails a pull request that adds a broken file, with annotations on that file only', () => {
    const broken = join(clone, 'content/plans/broken.md')
    writeFileSync(broken, '# Broken\n\n[[type:learningplan]]\n[[year:2025]]\n[[country Peru]]\n[[sdgs:18]]\n')
    git(clone, 'add', 'content')
    git(clone, 'commit', '-q', '-m', 'add a broken plan')
    writeFileSync(summary, '')
    const r = runStep(checkStep!, clone, summary)
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^::error file=content\/plans\/broken\.md,line=5,col=1\b/m)
    expect(r.stdout).toMatch(/^::warning file=content\/plans\/broken\.md,line=6\b/m)
    // Seeds untouched by the pull request are not checked.
    expect(r.stdout).not.toMatch(/learningplan-peru-2023|framework-/)
    expect(r.stdout + r.stderr).toMatch(/^2 files, 1 errors/m)
  })

  it('writes the step summary as a Markdown table', () => {
    const text = readFileSync(summary, 'utf8')
    expect(text).toMatch(/^\|.*\|$/m)
    expect(text).toContain('content/plans/broken.md')
  })

  it('builds the site into the folder the artifact step uploads', () => {
    const r = runStep(buildStep!, clone, summary)
    expect(r.code, r.stderr).toBe(0)
    const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    const out = join(clone, upload.with!.path!)
    expect(existsSync(join(out, 'index.html'))).toBe(true)
    expect(existsSync(join(out, 'plans/ci-smoke-plan/index.html'))).toBe(true)
  })
})
