/**
 * `plan-archive serve`: the dev server over a copy of content/ under a base
 * URL, its search index (built after the first build, refreshed after each
 * rebuild), one line of output per rebuild, and one SIGINT ending it all.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, relative, resolve, sep } from 'node:path'
import { createInterface } from 'node:readline'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = resolve(import.meta.dirname, '../../..')
const PREFIX = '/sub/'
/** A word no page holds until the test puts it in a title. */
const WORD = 'Quokkaserve'
const PLAN = 'learningplan-peru-2023'

async function until<T>(probe: () => Promise<T | null>, seconds: number, what: string): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const value = await probe().catch(() => null)
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`${what}: not within ${seconds} s`)
    await new Promise((done) => setTimeout(done, 250))
  }
}

/** A port nothing listens on now (the server takes the next one if it is taken meanwhile; it prints which). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer()
    probe.once('error', fail)
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number }
      probe.close(() => done(port))
    })
  })
}

/** True while any process of the group `pgid` is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0)
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false
    throw error
  }
}

interface SearchModule {
  openSearch(base: URL, options: Record<string, unknown>): Promise<{
    search(term: string): Promise<{ results: { length: number; next(count: number): Promise<Array<{ url: string }>> } }>
  }>
}

describe('plan-archive serve', () => {
  const work = mkdtempSync(join(tmpdir(), 'serve-'))
  // The server runs in a copy of the project: it restarts when src/ changes, and work on
  // src/ during the test must not restart it (nor the test's edit reach content/).
  const project = join(work, 'project')
  const SKIP = new Set(['node_modules', '.git', '.cache', 'dist'])
  const copied = (path: string): boolean => {
    const top = relative(REPO, path).split(sep)[0]!
    return !SKIP.has(top) && !top.startsWith('.dist-old-')
  }
  cpSync(REPO, project, { recursive: true, filter: copied })
  symlinkSync(join(REPO, 'node_modules'), join(project, 'node_modules'))
  const content = join(project, 'content')
  // The output folder sits at <site><PREFIX>, so the files' paths match their URLs.
  const out = join(work, 'site', PREFIX)
  let server: ChildProcess | null = null
  afterAll(() => {
    // Whatever happened above: nothing of the server's process group outlives the test.
    if (server?.pid && groupAlive(server.pid)) process.kill(-server.pid, 'SIGKILL')
  })

  it('serves the site and its search index under the base URL, rebuilds both on a change with one line, and stops on one SIGINT', async () => {
    const args = ['bin/plan-archive.js', 'serve', '--content', content, '--out', out, '--cache-dir', join(work, 'cache')]
    args.push('--port', String(await freePort()), '--base-url', PREFIX)
    // Its own process group: the test can tell when every process of it is gone.
    const started = spawn(process.execPath, args, { cwd: project, detached: true, stdio: ['ignore', 'pipe', 'pipe'] })
    server = started
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => started.once('exit', (code, signal) => done({ code, signal })))
    const lines: string[] = []
    for (const stream of [started.stdout!, started.stderr!]) createInterface({ input: stream }).on('line', (line) => lines.push(line))

    const url = await until(async () => [...lines].reverse().map((line) => /^plan-archive serve: serving (http:\/\/localhost:\d+\/sub\/)$/.exec(line)?.[1]).find(Boolean) ?? null, 120, 'the server URL')
    const base = url.replace('localhost', '127.0.0.1')
    const get = (path: string) => async (): Promise<string | null> => {
      const response = await fetch(new URL(path, base))
      return response.ok ? await response.text() : null
    }
    expect(await until(get(''), 60, 'the home page')).toContain('Learning plan archive')

    // The search bundle is served under the prefix, as the search page asks for it.
    expect((await fetch(new URL('pagefind/pagefind.js', base))).status).toBe(200)
    const manifest = JSON.parse((await until(get('pagefind/shards.json'), 30, 'shards.json'))!) as { shards: unknown[] }
    expect(manifest.shards.length).toBeGreaterThan(0)
    // Searches run as the search page runs them: its client, Pagefind's, the index fetched from the dev server.
    const pagefind = await import(/* @vite-ignore */ pathToFileURL(join(out, 'pagefind', 'pagefind.js')).href)
    const { openSearch } = (await import(/* @vite-ignore */ pathToFileURL(join(out, 'assets', 'search.js')).href)) as SearchModule
    const search = async (term: string): Promise<string[]> => {
      const index = await openSearch(new URL('pagefind/', base), { baseUrl: PREFIX, pagefind, filters: [] })
      const { results } = await index.search(term)
      return (await results.next(results.length)).map((hit) => hit.url)
    }
    expect(await search('citizen')).toContain(`${PREFIX}plans/${PLAN}/`)
    expect(await search(WORD)).toEqual([])

    const mark = lines.length
    const file = join(content, 'plans', `${PLAN}.md`)
    const before = readFileSync(file, 'utf8')
    const title = '# From citizen participation to citizen action'
    expect(before).toContain(title)
    writeFileSync(file, before.replace(title, `# ${WORD} reaches readers`))
    await until(async () => ((await get(`plans/${PLAN}/`)())?.includes(`${WORD} reaches readers`) ? true : null), 90, 'the page with the new title')
    // Printed once the index is rebuilt (searching while it is being replaced fetches files that are gone).
    await until(async () => (lines.slice(mark).some((line) => /^plan-archive serve: rebuilt \d+ pages in [\d.]+ s, search \d+ pages/.test(line)) ? true : null), 30, 'the rebuild line')
    await until(async () => ((await search(WORD)).includes(`${PREFIX}plans/${PLAN}/`) ? true : null), 90, 'the new word in the search index')
    await new Promise((done) => setTimeout(done, 1000))

    // One line per rebuild, ours: not Eleventy's line per page (126 here) nor its "File changed"/"Wrote"/"Watching".
    // (Two if the edit happened to reach Eleventy as two changes.)
    const rebuild = lines.slice(mark)
    expect(rebuild.every((line) => line.startsWith('plan-archive serve: rebuilt ')), rebuild.join('\n')).toBe(true)
    expect(rebuild.length, rebuild.join('\n')).toBeLessThanOrEqual(2)

    // One SIGINT to the supervisor: it and everything it started end, promptly, with code 0.
    const sent = Date.now()
    process.kill(started.pid!, 'SIGINT')
    const ended = await Promise.race([exit, new Promise<null>((done) => setTimeout(() => done(null), 10_000))])
    expect(ended, lines.slice(-5).join('\n')).toEqual({ code: 0, signal: null })
    expect(Date.now() - sent).toBeLessThan(5000)
    // The supervisor's own helper processes (tsx's esbuild service) end when it does: a moment's grace.
    await until(async () => (groupAlive(started.pid!) ? null : true), 3, 'the end of the process group')
  }, 300_000)
})

describe('plan-archive serve: what the user can fix exits 2 before a server starts', () => {
  it.each([
    [['--content', join(tmpdir(), 'no-such-content')], 'does not exist'],
    [['--port', 'eighty'], '--port must be a number, not "eighty"'],
    [['--prot', '8080'], 'unknown option --prot (did you mean --port?)'],
    [['--config', join(REPO, 'tests/fixtures/config/severity-eror.json')], '"eror" is not a rule setting. Did you mean "error"?']
  ])('%j', async (argv, message) => {
    const { runMain } = await import('../helpers.ts')
    const run = await runMain(['serve', ...argv])
    expect(run.code).toBe(2)
    expect(run.stderr).toContain(message)
  })
})
