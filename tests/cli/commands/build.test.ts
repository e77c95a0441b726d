/**
 * `plan-archive build` never hides a problem: unusable folders and options exit 2
 * with a message a contributor can act on and nothing deleted; the summary counts
 * the records' errors and warnings and shows the first ones with their position;
 * `--fail-on` gates on them; `--quiet` keeps only problems.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runBin, runMain } from '../helpers.ts'

const REPO = resolve(import.meta.dirname, '../../..')
const temp = (): string => mkdtempSync(join(tmpdir(), 'build-cli-'))

/** A content folder with one plan, inside a fake repository (a `.git` folder at its root). */
function project(): { root: string; content: string } {
  const root = temp()
  mkdirSync(join(root, '.git'))
  const content = join(root, 'notes')
  cpSync(join(REPO, 'tests/fixtures/cli/clean'), content, { recursive: true })
  return { root, content }
}

/** Every file under `dir`, with its bytes: to show nothing was touched. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name)] = readFileSync(join(entry.parentPath, entry.name), 'utf8')
  }
  return out
}

describe('plan-archive build: folders it refuses, before touching anything', () => {
  it('a missing content folder', async () => {
    const run = await runMain(['build', '--content', join(temp(), 'nope'), '--out', join(temp(), 'site')])
    expect(run.code).toBe(2)
    expect(run.stderr).toMatch(/^plan-archive build: the content folder .*nope does not exist\. Name the folder of your Markdown files with --content DIR\.\n$/)
  })

  it('a content folder without Markdown files', async () => {
    const content = temp()
    writeFileSync(join(content, 'notes.txt'), 'not markdown')
    const run = await runMain(['build', '--content', content, '--out', join(temp(), 'site')])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('holds no Markdown (.md) files')
  })

  it.each([
    ['the content folder', (p: { root: string; content: string }) => p.content, 'it is the content folder'],
    ['a folder that holds it', (p: { root: string; content: string }) => join(p.content, '..', '..'), 'holds the content folder'],
    ['the repository root', (p: { root: string; content: string }) => p.root, 'it is the root of the repository'],
    ['the file system root', () => '/', 'it is the root of the file system']
  ])('--out naming %s', async (_name, out, reason) => {
    const p = project()
    const before = snapshot(p.root)
    const run = await runMain(['build', '--content', p.content, '--out', out(p), '--no-search'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(reason)
    expect(run.stderr).toContain('Nothing was deleted')
    expect(run.stderr).not.toMatch(/\n\s+at /) // no stack trace
    expect(snapshot(p.root)).toEqual(before)
  })

  it('--out naming a file', async () => {
    const p = project()
    const file = join(p.root, 'site.html')
    writeFileSync(file, 'mine')
    const run = await runMain(['build', '--content', p.content, '--out', file])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('is a file, not a folder')
    expect(readFileSync(file, 'utf8')).toBe('mine')
  })

  it('a non-empty folder another program wrote', async () => {
    const p = project()
    const out = join(p.root, 'mine')
    mkdirSync(out)
    writeFileSync(join(out, 'keep.txt'), 'mine')
    const run = await runMain(['build', '--content', p.content, '--out', out, '--no-search'])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain('was not written by plan-archive build')
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine')
  })
})

describe('plan-archive: bad invocations', () => {
  it.each([
    [['build', '--ot', 'x'], 'unknown option --ot (did you mean --out?)'],
    [['build', '--fail-on', 'eror'], '--fail-on must be error, warning or never, not "eror" (did you mean "error"?)'],
    [['build', '--search-shards', '0'], '--search-shards must be a whole number of at least 1'],
    [['check', '--formt', 'json', 'content'], 'unknown option --formt (did you mean --format?)'],
    [['parse', '--no-cahce', 'content'], 'unknown option --no-cahce (did you mean --no-cache?)'],
    [['new', 'learningplan', '--titel', 'X'], 'unknown option --titel (did you mean --title?)'],
    [['buld'], 'unknown command "buld" (did you mean "build"?)']
  ])('%j exits 2: %s', async (argv, message) => {
    const run = await runMain(argv)
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
    expect(run.stderr).not.toMatch(/\n\s+at /)
  })

  it('--version prints the package version', async () => {
    const run = await runMain(['--version'])
    expect(run).toMatchObject({ code: 0, stdout: `${JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).version}\n` })
  })

  it('an internal error is short, exit 3; --debug adds the stack', async () => {
    const { commands } = await import('../../../src/cli/main.ts')
    commands.explode = async () => ({ name: 'explode', summary: 'test', run: async () => { throw new Error('disk on fire') } })
    try {
      const short = await runMain(['explode'])
      expect(short.code).toBe(3)
      expect(short.stderr).toBe('plan-archive explode: internal error: disk on fire\n(run again with --debug for the stack trace)\n')
      const debug = await runMain(['explode', '--debug'])
      expect(debug.code).toBe(3)
      expect(debug.stderr).toMatch(/internal error: Error: disk on fire\n\s+at /)
    } finally {
      delete commands.explode
    }
  })
})

describe('plan-archive build: the summary never hides a problem', () => {
  const content = 'tests/fixtures/cli/broken'
  const build = (...args: string[]) => runBin(['build', '--content', content, '--out', join(temp(), 'site'), '--no-search', '--no-cache', ...args])

  it('counts errors and warnings and shows the first ones with file:line:column; exit 0 by default', async () => {
    const run = build()
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^ {2}problems {5}3 errors, 5 warnings \(the first 5 below; `plan-archive check tests\/fixtures\/cli\/broken` lists them all\)$/m)
    const shown = run.stdout.split('\n').filter((line) => line.startsWith('    '))
    expect(shown).toHaveLength(5)
    expect(shown.slice(0, 3).every((line) => / error /.test(line))).toBe(true)
    expect(shown[0]).toMatch(/^ {4}tests\/fixtures\/cli\/broken\/broken\.md:\d+:\d+ error .+ [a-z-]+$/)
  })

  it('--fail-on error and --fail-on warning exit 1, saying why', async () => {
    for (const level of ['error', 'warning']) {
      const run = build('--fail-on', level)
      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`failing because of --fail-on ${level} (3 errors, 5 warnings)`)
    }
  })

  it('--quiet prints only the problems', async () => {
    const run = build('--quiet')
    expect(run.stdout).toBe('')
    expect(run.stderr).toMatch(/^ {2}problems {5}3 errors/)
    expect(run.stderr).not.toContain('records')
    const clean = runBin(['build', '--content', 'tests/fixtures/cli/clean', '--out', join(temp(), 'site'), '--no-search', '--quiet'])
    expect(clean).toMatchObject({ code: 0, stdout: '', stderr: '' })
  })
})

describe('plan-archive: a config with a typo never lets an error pass', () => {
  const broken = join(REPO, 'tests/fixtures/cli/broken/broken.md')
  /** The broken fixture in a content folder of its own, with this config beside it. */
  function withConfig(config: string): { content: string; root: string } {
    const p = project()
    cpSync(broken, join(p.content, 'broken.md'))
    writeFileSync(join(p.content, 'plan-archive.config.json'), config)
    return p
  }

  it.each([
    ['{"rules": {"tag-unclosed": "eror"}}', '/rules/tag-unclosed', 'Did you mean "error"?'],
    ['{"rules": {"tag-unclosed": "fatal"}}', '/rules/tag-unclosed', 'Did you mean "error"?'],
    ['{"rules": {"tag-unclosd": "off"}}', '/rules/tag-unclosd', 'Did you mean "tag-unclosed"?'],
    ['{"publishEmail": true}', '/publishEmail', 'Did you mean "publishEmails"?']
  ])('%s: check and build exit 2 naming the file, the value and the fix', async (config, pointer, suggestion) => {
    const p = withConfig(config)
    for (const argv of [['check', p.content], ['check', p.content, '--format', 'github'], ['build', '--content', p.content, '--out', join(p.root, 'site')]]) {
      const run = await runMain(argv)
      expect(run.code, argv.join(' ')).toBe(2)
      expect(run.stderr).toContain(`${join(p.content, 'plan-archive.config.json')} at ${pointer}`)
      expect(run.stderr).toContain(suggestion)
      expect(run.stdout).not.toContain('::undefined')
    }
  })

  it('finds the config in a parent of the content folder, up to the repository root', async () => {
    const p = withConfig('{}')
    const last = async (): Promise<string | undefined> => (await runMain(['check', p.content])).stdout.trim().split('\n').at(-1)
    expect(await last()).toBe('3 files, 3 errors, 5 warnings')
    writeFileSync(join(p.content, 'plan-archive.config.json'), '{"rules": {"tag-unclosed": "off", "tag-malformed": "off", "tag-empty-key": "off"}}')
    const nested = await last()
    expect(nested).toBe('3 files, 0 errors, 5 warnings')
    const { renameSync } = await import('node:fs')
    renameSync(join(p.content, 'plan-archive.config.json'), join(p.root, 'plan-archive.config.json'))
    expect(await last()).toBe(nested)
  })

  it('--config FILE wins, and a missing one is an error', async () => {
    const p = withConfig('{}')
    const off = join(p.root, 'off.json')
    writeFileSync(off, '{"rules": {"tag-unclosed": "off"}}')
    expect((await runMain(['check', p.content, '--config', off])).stdout).not.toContain('tag-unclosed')
    const missing = await runMain(['check', p.content, '--config', join(p.root, 'nope.json')])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('the file does not exist')
  })
})
