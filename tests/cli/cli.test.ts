/**
 * The real `plan-archive` bin on fixtures: parse and check in every format,
 * exit codes, the position of every problem in a broken file, the config,
 * and `--changed-since` in a temporary git repository.
 */
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const bin = join(repoRoot, 'bin', 'plan-archive.js')
const fixtures = 'tests/fixtures/cli'
const brokenPath = `${fixtures}/broken/broken.md`
let scratch: string

interface Run {
  code: number
  stdout: string
  stderr: string
}

function cli(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { cwd: options.cwd ?? repoRoot, env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr })
    )
  })
}

/** 1-based line and column of the first occurrence of `needle` in the broken fixture. */
function positionOf(needle: string): { line: number; column: number } {
  const text = readFileSync(join(repoRoot, brokenPath), 'utf8')
  const offset = text.indexOf(needle)
  if (offset < 0) throw new Error(`fixture lacks ${needle}`)
  const before = text.slice(0, offset).split('\n')
  return { line: before.length, column: before.at(-1)!.length + 1 }
}

/** Every problem planted in the broken fixture: where it starts and the rule it must raise. */
const planted = [
  { needle: '[[year:20x4]]', rule: 'year-invalid', severity: 'warning' },
  { needle: '[[country Peru]]', rule: 'tag-malformed', severity: 'error' },
  { needle: '[[country:Narnia]]', rule: 'country-unknown', severity: 'warning' },
  { needle: '[[sdgs:18. Happiness]]', rule: 'sdg-unknown', severity: 'warning' },
  { needle: '[[latlng:95.2,-74.0]]', rule: 'latlng-out-of-range', severity: 'warning' },
  { needle: '[[focal_point:not-an-email]]', rule: 'email-invalid', severity: 'warning' },
  { needle: '[[:orphan]]', rule: 'tag-empty-key', severity: 'error' },
  { needle: '[[country:Peru\n', rule: 'tag-unclosed', severity: 'error' }
].map((p) => ({ ...p, ...positionOf(p.needle) }))

beforeAll(() => {
  scratch = realpathSync(mkdtempSync(join(tmpdir(), 'plan-archive-cli-')))
})
afterAll(() => rmSync(scratch, { recursive: true, force: true }))

describe('plan-archive parse', () => {
  it('prints a JSON array of records, diagnostics included, paths relative to the folder', async () => {
    const run = await cli(['parse', `${fixtures}/clean`, `${fixtures}/broken`])
    expect(run.code).toBe(0)
    const records = JSON.parse(run.stdout) as { source: { path: string }; kind: string; type: string; title: string; diagnostics: unknown[]; year: number | null }[]
    expect(records.map((r) => r.source.path)).toEqual(['broken.md', 'frameworks/intro.md', 'plan-ok.md'])
    expect(records.map((r) => [r.kind, r.type])).toEqual([['learningplan', 'learningplan'], ['framework', 'framework'], ['other', 'solution']])
    expect(records[2]).toMatchObject({ title: 'Rain gardens in Lima', year: 2023 })
    expect(records[0]!.diagnostics.length).toBe(planted.length)
  })

  it('prints one record per line with --format ndjson, and a file named alone keeps its folders', async () => {
    const run = await cli(['parse', '--format', 'ndjson', `${fixtures}/clean/frameworks/intro.md`, `${fixtures}/clean/plan-ok.md`])
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    const records = lines.map((line) => JSON.parse(line) as { source: { path: string }; kind: string })
    expect(records.map((r) => r.source.path)).toEqual([`${fixtures}/clean/frameworks/intro.md`, `${fixtures}/clean/plan-ok.md`])
    expect(records[0]!.kind).toBe('framework')
  })

  it('exits 2 with a message when an argument cannot be read or the format is unknown', async () => {
    const missing = await cli(['parse', 'no/such/folder'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('cannot read no/such/folder')
    expect(missing.stdout).toBe('')
    expect((await cli(['parse', `${fixtures}/clean`, '--format', 'xml'])).code).toBe(2)
    expect((await cli(['parse'])).code).toBe(2)
  })
})

describe('plan-archive check', () => {
  it('text: the file, line and column of every problem, hints indented, counts last; exit 1', async () => {
    const run = await cli(['check', `${fixtures}/broken`, `${fixtures}/clean`])
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    const problems = lines.slice(0, -1).filter((line) => !line.startsWith('    '))
    const expected = planted.map((p) => new RegExp(`^${brokenPath.replace(/[.]/g, '\\.')}:${p.line}:${p.column} ${p.severity} .+ ${p.rule}$`))
    expect(problems).toHaveLength(expected.length)
    expected.forEach((pattern, i) => expect(problems[i]).toMatch(pattern))
    // Every problem has its hint under it.
    expect(lines.filter((line) => line.startsWith('    '))).toHaveLength(planted.length)
    expect(lines.at(-1)).toBe('3 files, 3 errors, 5 warnings')
  })

  it('json: a flat array with the path; the count line goes to stderr', async () => {
    const run = await cli(['check', `${fixtures}/broken`, '--format', 'json'])
    expect(run.code).toBe(1)
    const diagnostics = JSON.parse(run.stdout) as { path: string; rule: string; line: number; column: number; message: string }[]
    expect(diagnostics.map(({ path, rule, line, column }) => ({ path, rule, line, column }))).toEqual(
      planted.map(({ rule, line, column }) => ({ path: brokenPath, rule, line, column }))
    )
    expect(diagnostics.every((d) => d.message.length > 0)).toBe(true)
    expect(run.stderr.trim()).toBe('1 files, 3 errors, 5 warnings')
  })

  it('github: annotations per problem, and the step summary appended when GITHUB_STEP_SUMMARY is set', async () => {
    const summaryFile = join(scratch, 'step-summary.md')
    writeFileSync(summaryFile, '# earlier step\n')
    const run = await cli(['check', `${fixtures}/broken`, `${fixtures}/clean`, '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summaryFile } })
    expect(run.code).toBe(1)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines).toHaveLength(planted.length)
    planted.forEach((p, i) => {
      const command = p.severity === 'error' ? 'error' : 'warning'
      expect(lines[i]).toMatch(new RegExp(`^::${command} file=${brokenPath},line=${p.line},col=${p.column},title=${p.rule}::\\S`))
      // Multi-line messages (message + hint) stay on one line, escaped.
      expect(lines[i]).toContain('%0A')
    })
    const summary = readFileSync(summaryFile, 'utf8')
    expect(summary.startsWith('# earlier step\n')).toBe(true)
    expect(summary).toContain('3 files, 3 errors, 5 warnings')
    expect(summary).toMatch(new RegExp(`\\| \`${brokenPath}\` \\| 3 \\| 5 \\| 0 \\| error 3:1 `))
    expect(summary).not.toContain('plan-ok.md')
  })

  it('summary: a Markdown table on stdout', async () => {
    const run = await cli(['check', `${fixtures}/broken`, '--format', 'summary'])
    expect(run.code).toBe(1)
    expect(run.stdout).toContain('| File | Errors | Warnings | Infos | First problems |')
    expect(run.stdout).toContain(`| \`${brokenPath}\` | 3 | 5 | 0 |`)
  })

  it('exits 0 on clean files and on content/ (npm run check)', async () => {
    const clean = await cli(['check', `${fixtures}/clean`])
    expect(clean).toMatchObject({ code: 0, stdout: '2 files, 0 errors, 0 warnings\n' })
    const content = await cli(['check', 'content/'])
    expect(content.code).toBe(0)
    expect(content.stdout).toMatch(/^5 files, 0 errors, \d+ warnings$/m)
  })

  it('uses --config to change or silence rules', async () => {
    const config = join(scratch, 'config.json')
    writeFileSync(config, JSON.stringify({ rules: { 'tag-malformed': 'warning', 'tag-unclosed': 'off', 'tag-empty-key': 'info' } }))
    const run = await cli(['check', `${fixtures}/broken`, '--config', config])
    expect(run.code).toBe(0)
    expect(run.stdout).not.toContain('tag-unclosed')
    expect(run.stdout).toMatch(/:3:1 warning .+ tag-malformed$/m)
    expect(run.stdout).toMatch(/:8:1 info .+ tag-empty-key$/m)
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('1 files, 0 errors, 6 warnings')
    const bad = await cli(['check', `${fixtures}/broken`, '--config', join(scratch, 'missing.json')])
    expect(bad.code).toBe(2)
  })

  it('usage errors exit 2; --help exits 0', async () => {
    expect((await cli(['check', `${fixtures}/clean`, '--format', 'xml'])).code).toBe(2)
    expect((await cli(['check', '--bogus', `${fixtures}/clean`])).code).toBe(2)
    expect((await cli(['nope'])).code).toBe(2)
    const help = await cli(['check', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('--changed-since REF')
    const top = await cli(['--help'])
    expect(top.stdout).toMatch(/parse .+\n\s+check /)
  })
})

describe('plan-archive check --changed-since', () => {
  let repo: string
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' })

  beforeAll(() => {
    repo = join(scratch, 'repo')
    cpSync(join(repoRoot, fixtures, 'clean'), join(repo, 'content'), { recursive: true })
    cpSync(join(repoRoot, fixtures, 'broken'), join(repo, 'content', 'broken'), { recursive: true })
    writeFileSync(join(repo, '.gitignore'), '.cache/\n')
    git('init', '-q', '-b', 'main')
    git('config', 'user.email', 'test@example.org')
    git('config', 'user.name', 'Test')
    git('add', '.')
    git('commit', '-q', '-m', 'base')
    git('checkout', '-q', '-b', 'pr')
    writeFileSync(join(repo, 'content', 'plan-ok.md'), readFileSync(join(repo, 'content', 'plan-ok.md'), 'utf8').replace('[[year:2023]]', '[[year:soon]]'))
    git('commit', '-q', '-am', 'edit one plan')
  })

  it('checks only the file the branch changed', async () => {
    const run = await cli(['check', 'content', '--changed-since', 'main'], { cwd: repo })
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines.at(-1)).toBe('1 files, 0 errors, 1 warnings')
    expect(lines[0]).toMatch(/^content\/plan-ok\.md:2:1 warning .+ year-invalid$/)
    expect(run.stdout).not.toContain('broken')
  })

  it('includes uncommitted and untracked files, and nothing when nothing changed', async () => {
    const none = await cli(['check', 'content', '--changed-since', 'HEAD'], { cwd: repo })
    expect(none).toMatchObject({ code: 0, stdout: '0 files, 0 errors, 0 warnings\n' })
    writeFileSync(join(repo, 'content', 'new.md'), '[[type:solution]]\n[[country Chile]]\n# New\n')
    const untracked = await cli(['check', 'content', '--changed-since', 'HEAD', '--format', 'json'], { cwd: repo })
    expect(untracked.code).toBe(1)
    expect((JSON.parse(untracked.stdout) as { path: string; rule: string }[]).map((d) => `${d.path} ${d.rule}`)).toEqual(['content/new.md tag-malformed'])
    rmSync(join(repo, 'content', 'new.md'))
  })

  it('exits 2 with git’s message on an unknown revision', async () => {
    const run = await cli(['check', 'content', '--changed-since', 'no-such-ref'], { cwd: repo })
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('no-such-ref')
  })
})
