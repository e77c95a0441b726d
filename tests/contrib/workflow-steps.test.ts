/**
 * Runs the pull-request workflow's own `run:` steps, unchanged, in a temporary
 * clone of this repository, so the workflow cannot drift from what works here.
 * A pull request is simulated: a base ref `origin/pr-base`, then commits that
 * add content on top of it. Every job runs, in the order of their `needs`, each
 * step with its job's and its own env; a job whose step fails stops there, and
 * the jobs that need it do not run, as on GitHub. Only installation steps and
 * `npm test` (which would run this test again) are skipped, and they are
 * asserted to be present.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import YAML from 'yaml'
import { REPO, cli, tempDir } from './helpers.ts'

interface Step { name?: string; run?: string; uses?: string; with?: Record<string, string>; env?: Record<string, string> }
interface Job { needs?: string | string[]; container?: unknown; env?: Record<string, string>; steps: Step[] }

const workflow = YAML.parse(readFileSync(join(REPO, '.github/workflows/pr.yml'), 'utf8')) as { jobs: Record<string, Job> }

const needsOf = (job: Job): string[] => (job.needs === undefined ? [] : ([] as string[]).concat(job.needs))

/** The jobs' ids in an order GitHub could run them: each after every job it `needs`, otherwise as written. */
function jobOrder(jobs: Record<string, Job>): string[] {
  const order: string[] = []
  const visiting = new Set<string>()
  const visit = (id: string): void => {
    if (order.includes(id)) return
    if (!(id in jobs)) throw new Error(`a job needs "${id}", which the workflow does not have`)
    if (visiting.has(id)) throw new Error(`the jobs' needs go round in a circle through "${id}"`)
    visiting.add(id)
    for (const need of needsOf(jobs[id]!)) visit(need)
    order.push(id)
  }
  for (const id of Object.keys(jobs)) visit(id)
  return order
}

const ORDER = jobOrder(workflow.jobs)

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

/** A `run:` step and the job it belongs to. */
interface RunStep { jobId: string; job: Job; step: Step }
interface Result { code: number; stdout: string; stderr: string }

/** Run one `run:` step as the runner would (`bash -e`), with its job's and its own env. */
function runStep({ job, step }: RunStep, cwd: string, summaryFile: string): Result {
  const env: Record<string, string> = { GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summaryFile, GITHUB_WORKSPACE: cwd }
  for (const [k, v] of Object.entries({ ...job.env, ...step.env })) env[k] = expand(String(v))
  if (step.run!.includes('${{')) throw new Error(`expressions in run: scripts are unsafe; pass them through env: ${step.run}`)
  const r = spawnSync('bash', ['-e', '-c', step.run!], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 120_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Every job's `run:` steps, jobs in ORDER. */
const runSteps: RunStep[] = ORDER.flatMap((jobId) => {
  const job = workflow.jobs[jobId]!
  return job.steps.filter((step) => step.run !== undefined).map((step) => ({ jobId, job, step }))
})
const skipped = (s: RunStep): boolean => SKIPPED.some(([re]) => re.test(s.step.run!.trim()))
const executed = runSteps.filter((s) => !skipped(s))
const checkStep = executed.find((s) => s.step.run!.includes('plan-archive check'))
const buildStep = executed.find((s) => /npm run build|plan-archive build/.test(s.step.run!))

interface Run { results: Map<RunStep, Result>; failed: string[]; notRun: string[] }

/**
 * Run the workflow's jobs in ORDER, as GitHub would: each job's executed steps
 * in turn until one fails; a job whose needs did not all succeed does not run.
 */
function runWorkflow(cwd: string, summaryFile: string): Run {
  const run: Run = { results: new Map(), failed: [], notRun: [] }
  for (const jobId of ORDER) {
    if (needsOf(workflow.jobs[jobId]!).some((need) => run.failed.includes(need) || run.notRun.includes(need))) {
      run.notRun.push(jobId)
      continue
    }
    for (const s of executed.filter((e) => e.jobId === jobId)) {
      const result = runStep(s, cwd, summaryFile)
      run.results.set(s, result)
      if (result.code !== 0) {
        run.failed.push(jobId)
        break
      }
    }
  }
  return run
}

/** Each step's output, for a failing assertion's message. */
const log = (run: Run): string =>
  [...run.results].map(([s, r]) => `${s.jobId}: ${s.step.run} -> ${r.code}\n${r.stdout}${r.stderr}`).join('\n')

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

  it('has the steps this test skips, in the jobs and the order CI needs them', () => {
    const inJob = (jobId: string, re: RegExp): number =>
      runSteps.filter((s) => s.jobId === jobId).findIndex((s) => re.test(s.step.run!.trim()))
    for (const [re] of SKIPPED) expect(runSteps.some((s) => re.test(s.step.run!.trim())), String(re)).toBe(true)
    expect(checkStep, 'a plan-archive check step').toBeDefined()
    expect(buildStep, 'a build step').toBeDefined()
    const checkJob = checkStep!.jobId
    const buildJob = buildStep!.jobId
    // The check runs first, in a job of its own; the browser, the tests and the build wait for it.
    expect(ORDER[0]).toBe(checkJob)
    expect(buildJob).not.toBe(checkJob)
    expect(needsOf(workflow.jobs[buildJob]!)).toContain(checkJob)
    expect(inJob(checkJob, /\bapt-get\b/)).toBe(-1)
    expect(inJob(checkJob, /^npm test$/)).toBe(-1)
    const test = inJob(buildJob, /^npm test$/)
    expect(test).toBeGreaterThanOrEqual(0)
    expect(inJob(buildJob, /\bapt-get install -y chromium\b/)).toBeGreaterThanOrEqual(0)
    expect(inJob(buildJob, /\bapt-get install -y chromium\b/)).toBeLessThan(test)
    expect(test).toBeLessThan(inJob(buildJob, /npm run build|plan-archive build/))
    for (const jobId of ORDER) {
      // Each job is a fresh machine: it installs before it runs anything of the package.
      const npm = inJob(jobId, /^(npx|npm (run|test))\b/)
      if (npm >= 0) {
        expect(inJob(jobId, /^npm ci\b/), `${jobId} runs npm ci`).toBeGreaterThanOrEqual(0)
        expect(inJob(jobId, /^npm ci\b/)).toBeLessThan(npm)
      }
      // In a container the workspace is not root's: git needs telling to trust it
      // before the check diffs it or the tests clone it.
      const git = inJob(jobId, /plan-archive check|^npm test$/)
      if (workflow.jobs[jobId]!.container !== undefined && git >= 0) {
        expect(inJob(jobId, /safe\.directory/), `${jobId} trusts the workspace`).toBeGreaterThanOrEqual(0)
        expect(inJob(jobId, /safe\.directory/)).toBeLessThan(git)
      }
    }
  })

  let passing: Run | undefined

  it('a pull request that adds a scaffolded plan passes every job; check --changed-since checks only that file', () => {
    const made = cli(['new', 'learningplan', '--title', 'CI smoke plan', '--country', 'Peru', '--year', '2025', '--sdg', '13'], clone)
    expect(made.code).toBe(0)
    git(clone, 'add', 'content')
    git(clone, 'commit', '-q', '-m', 'add a plan')
    passing = runWorkflow(clone, summary)
    expect(passing.failed, log(passing)).toEqual([])
    expect(passing.notRun).toEqual([])
    // Every step not in SKIPPED ran, in every job.
    expect([...passing.results.keys()]).toEqual(executed)
    const r = passing.results.get(checkStep!)!
    expect(r.stderr + r.stdout).not.toMatch(/::error/)
    expect(r.code).toBe(0)
    expect(r.stdout + r.stderr).toMatch(/^1 files, 0 errors/m)
  })

  it('builds the site into the folder the artifact step uploads', () => {
    const r = passing?.results.get(buildStep!)
    expect(r, 'the build step ran').toBeDefined()
    expect(r!.code, r!.stderr).toBe(0)
    const upload = buildStep!.job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!
    const out = join(clone, upload.with!.path!)
    expect(existsSync(join(out, 'index.html'))).toBe(true)
    expect(existsSync(join(out, 'plans/ci-smoke-plan/index.html'))).toBe(true)
  })

  it('check --changed-since fails a pull request that adds a broken file, with annotations on that file only; the later jobs do not run', () => {
    const broken = join(clone, 'content/plans/broken.md')
    writeFileSync(broken, '# Broken\n\n[[type:learningplan]]\n[[year:2025]]\n[[country Peru]]\n[[sdgs:18]]\n')
    git(clone, 'add', 'content')
    git(clone, 'commit', '-q', '-m', 'add a broken plan')
    writeFileSync(summary, '')
    const run = runWorkflow(clone, summary)
    const r = run.results.get(checkStep!)!
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^::error file=content\/plans\/broken\.md,line=5,col=1\b/m)
    expect(r.stdout).toMatch(/^::warning file=content\/plans\/broken\.md,line=6\b/m)
    // Seeds untouched by the pull request are not checked.
    expect(r.stdout).not.toMatch(/learningplan-peru-2023|framework-/)
    expect(r.stdout + r.stderr).toMatch(/^2 files, 1 errors/m)
    // The check's job fails, and the job that needs it (tests, build) is never started.
    expect(run.failed).toEqual([checkStep!.jobId])
    expect(run.notRun).toContain(buildStep!.jobId)
    expect(run.results.has(buildStep!)).toBe(false)
  })

  it('writes the step summary as a Markdown table', () => {
    const text = readFileSync(summary, 'utf8')
    expect(text).toMatch(/^\|.*\|$/m)
    expect(text).toContain('content/plans/broken.md')
  })
})
