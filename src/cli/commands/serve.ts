/**
 * `plan-archive serve [--content DIR] [--port N] [--base-url URL]`: a preview of
 * the site as `build` makes it, search included, with live reload.
 *
 * Two processes. The supervisor (what you start) runs the server in a child
 * process and restarts it when src/ changes: our TypeScript modules cannot be
 * re-imported into a running process (the browser's reload client reconnects
 * on its own). The child runs Eleventy's watcher and dev server; content and
 * template changes rebuild in place (the parse cache re-parses only the changed
 * file), and after each build the Pagefind index is brought up to date before
 * the browser reloads.
 *
 * Output: Eleventy's own lines are off (it would print one per page and a few
 * per rebuild); the child prints one line per build and the URL once, and
 * Eleventy's errors and warnings still come through.
 *
 * Ending: one Ctrl-C (SIGINT) or SIGTERM. The supervisor passes SIGTERM on to
 * the child, waits for it (SIGKILL to it and its descendants after
 * `CHILD_GRACE_MS`), closes its own watcher and exits 0. The child closes
 * Eleventy's watcher and server, kills the Pagefind processes it may be running
 * and exits; it also ends when the supervisor disappears (its IPC channel closes).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { watch } from 'node:fs'
import { join, resolve } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { UserError } from '../../records/errors.ts'
import type { SearchIndexResult } from '../../search/index.ts'
import { checkFolders } from '../../site/folders.ts'
import { parseCommandArgs } from '../args.ts'
import { CONFIG_HELP, projectConfig } from '../options.ts'
import { descendants, endDescendants, kill } from '../processes.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'serve'

/** One line for `plan-archive --help`. */
export const summary = 'Preview the site with search and live reload (Eleventy dev server)'

const USAGE = `Usage: plan-archive serve [options]

Options:
  --content DIR     corpus folder (default: content)
  --out DIR         output folder (default: dist)
  --port N          port of the dev server (default: 8080; the next free one if taken)
  --base-url URL    preview under a path prefix, e.g. /repo/
  --config FILE     ${CONFIG_HELP}
  --cache-dir DIR   the parse and search cache folder (default .cache/plan-archive)
  --no-cache        no cache: parse every file and index every search shard again
  -h, --help        this text

Rebuilds (pages and search index) on changes to the content folder and templates/;
restarts on changes to src/. One Ctrl-C stops it.`

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  port: { type: 'string', default: '8080' },
  'base-url': { type: 'string' },
  config: { type: 'string' },
  'cache-dir': { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  child: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' }
} as const

type Values = { content: string; out: string; port: string; 'base-url'?: string; config?: string; 'cache-dir'?: string; 'no-cache': boolean }

/** How long the supervisor waits for the child to end on its own before SIGKILL. */
const CHILD_GRACE_MS = 3000

/** How long the child waits for Eleventy's watcher and server to close before it exits anyway. */
const CLOSE_GRACE_MS = 1500

const say = (line: string): void => void process.stderr.write(`plan-archive serve: ${line}\n`)

/**
 * What we use of Eleventy beyond `vendor.d.ts` (its own fields, stable in 3.x):
 * `start` is reset at the start of each build, `logger` and `eleventyServe.logger`
 * are the loggers of Eleventy and of its dev server, `bench` its timers.
 */
interface EleventyInternals {
  start: number
  logger: ConsoleLogger
  eleventyServe: { logger: ConsoleLogger; server: DevServer }
  bench: { get(): Record<string, { setIsVerbose(verbose: boolean): void }> }
  stopWatch(): Promise<void>
}
interface ConsoleLogger {
  overrideLogger(logger: Pick<Console, 'log' | 'info' | 'warn' | 'error'>): void
}
interface DevServer {
  ready?(): Promise<void>
  getServerUrl(host: string): string
}

/**
 * Eleventy's routine lines, forced to the console even in quiet mode (quietMode
 * only drops the per-page "Writing …" lines): our own line per build replaces them.
 */
const ROUTINE = /^(Watching…|File (changed|added|deleted): |(Copied \d+ )?Wrote \d+ files?\b|Server (at|started)\b|You saved while Eleventy was running)/

/** A console for Eleventy's loggers that drops the routine lines and passes the rest (errors, warnings) to stderr. */
const quietConsole: Pick<Console, 'log' | 'info' | 'warn' | 'error'> = (() => {
  const pass = (message: unknown): void => {
    const text = stripVTControlCharacters(String(message)).replace(/^\[11ty\] /, '')
    if (!ROUTINE.test(text)) process.stderr.write(`${String(message)}\n`)
  }
  return { log: pass, info: pass, warn: pass, error: pass }
})()

/** "5 pages (1 shard) in 0.2 s", "8552 pages (3 shards, 2 reused) in 4.1 s". */
function describeSearch(search: SearchIndexResult): string {
  const shards = `${search.shards} shard${search.shards === 1 ? '' : 's'}${search.shardsReused ? `, ${search.shardsReused} reused` : ''}`
  return `${search.pages} pages (${shards}) in ${search.seconds.toFixed(1)} s`
}

/** Run Eleventy's watcher and dev server in this process (the supervised child); never returns. */
async function serveHere(values: Values): Promise<number> {
  let eleventy: EleventyInternals | null = null
  let stopping = false
  const stop = async (code: number): Promise<void> => {
    if (stopping) return
    stopping = true
    // Exit even if Eleventy does not close in time.
    const closed = new Promise<void>((done) => setTimeout(done, CLOSE_GRACE_MS).unref())
    await Promise.race([eleventy?.stopWatch().catch(() => {}), closed])
    // The Pagefind processes of an index being built, tsx's esbuild service: nothing outlives us.
    await endDescendants()
    process.exit(code)
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(0))
  // The supervisor is gone (even killed with SIGKILL): end rather than linger.
  process.on('disconnect', () => void stop(0))

  try {
    // Loaded here, not by the supervisor, which needs none of it.
    const [{ default: Eleventy }, { buildSearchIndex }, { invalidateManifest }, { resolveSiteOptions }, { eleventyOptions }] = await Promise.all([
      import('@11ty/eleventy'),
      import('../../search/index.ts'),
      import('../../site/incremental.ts'),
      import('../../site/options.ts'),
      import('../../site/plugin.ts')
    ])
    const cacheDir = values['no-cache'] ? null : values['cache-dir'] === undefined ? undefined : resolve(values['cache-dir'])
    const options = resolveSiteOptions({ contentDir: values.content, outDir: values.out, baseUrl: values['base-url'] ?? null, cacheDir, configFile: values.config })
    // A search cache of its own: the cache keeps one version of each shard, and a preview's
    // pages (another --base-url, edits in progress) would evict the build's.
    const searchCache = options.cacheDir ? join(options.cacheDir, 'serve') : null
    let builds = 0
    const run = { loaded: null, pagesRendered: 0 }
    options.onBuilt = async (loaded) => {
      const siteSeconds = eleventy ? (performance.now() - eleventy.start) / 1000 : 0
      const pages = run.pagesRendered
      let search: string
      try {
        // Pagefind reads the pages Eleventy just wrote. With the cache (`<cacheDir>/search/`), a
        // shard whose pages are byte for byte unchanged is copied from the cache, not indexed;
        // a shard holding any changed page is indexed again whole (Pagefind cannot update an
        // index in place). Every page is still read and hashed to find out, and the shared
        // pagefind.js/wasm, shards.json and search/facets.json are written again each time.
        // The small content/ folder is one shard, so there every edit re-indexes everything.
        const result = await buildSearchIndex(options.outDir, { records: loaded.archive.plain, cacheDir: searchCache })
        search = `search ${describeSearch(result)}`
        for (const error of result.errors.slice(0, 5)) say(`search index: ${error}`)
      } catch (error) {
        search = `search index failed: ${(error as Error).message}`
      }
      say(`${builds++ === 0 ? 'built' : 'rebuilt'} ${pages} pages in ${siteSeconds.toFixed(1)} s, ${search}`)
    }
    // The dev server rewrites pages without keeping the build manifest: the next build must not trust it.
    await invalidateManifest(options.outDir)
    const instance = new Eleventy(options.templatesDir, options.outDir, {
      ...eleventyOptions(options, run),
      runMode: 'serve',
      quietMode: true
    })
    await instance.init()
    eleventy = instance as unknown as EleventyInternals
    eleventy.logger.overrideLogger(quietConsole)
    eleventy.eleventyServe.logger.overrideLogger(quietConsole)
    // Its slow-step warnings ("Benchmark 557ms 12% …") have loggers of their own, some made before quietMode applied.
    for (const group of Object.values(eleventy.bench.get())) group.setIsVerbose(false)
    if (stopping) return await new Promise<number>(() => {})
    await instance.watch()
    await instance.serve(Number(values.port))
    const server = eleventy.eleventyServe.server
    await server.ready?.()
    // The port may not be the one asked for: the dev server takes the next free one.
    if (!stopping) say(`serving ${server.getServerUrl('localhost')}`)
  } catch (error) {
    say(`the server failed: ${(error as Error)?.stack ?? String(error)}`)
    void stop(1)
  }
  // Keep running until stopped.
  return await new Promise<number>(() => {})
}

/** End a child: SIGTERM, then SIGKILL to it and its descendants if it is still there after `CHILD_GRACE_MS`. */
async function stopChild(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  // Known now: a child killed with SIGKILL leaves its own children to init.
  const family = descendants(child.pid)
  child.kill('SIGTERM')
  let timer: NodeJS.Timeout | undefined
  const ended = await Promise.race([exited.then(() => true), new Promise<boolean>((done) => (timer = setTimeout(() => done(false), CHILD_GRACE_MS)))])
  clearTimeout(timer)
  if (!ended) {
    say(`the server did not stop within ${CHILD_GRACE_MS / 1000} s: killing it`)
    kill([child.pid, ...new Set([...family, ...descendants(child.pid)])], 'SIGKILL')
    await exited
  }
}

/**
 * Run `serve` with the arguments after the command name.
 * @returns the process exit code: 0 when stopped by SIGINT/SIGTERM
 * @throws UserError for bad options, folders or config (exit 2)
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(name, argv, OPTIONS, USAGE)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (!/^\d+$/.test(values.port)) throw new UserError(`plan-archive serve: --port must be a number, not "${values.port}"`)
  if (values.child) return serveHere(values)
  // What the user can fix is said here, exit 2, before a server starts.
  await checkFolders(values.content, values.out)
  projectConfig(values.config, values.content)

  // Supervisor: run the server in a child process, restart it when src/ changes.
  const args = [resolve('bin/plan-archive.js'), 'serve', '--child', ...argv]
  let child: ChildProcess | null = null
  let stopping = false
  const start = (): void => {
    if (stopping) return
    // The IPC channel only tells the child when this process is gone.
    const started = spawn(process.execPath, args, { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] })
    child = started
    started.on('exit', (code, signal) => {
      if (!stopping && child === started) say(`the server ended (${signal ?? `exit code ${code}`}); it restarts when src/ changes`)
    })
  }
  let timer: NodeJS.Timeout | null = null
  let restarting: Promise<void> = Promise.resolve()
  const watcher = watch(join(process.cwd(), 'src'), { recursive: true }, () => {
    if (timer) clearTimeout(timer)
    timer = setTimeout(() => {
      timer = null
      restarting = restarting.then(async () => {
        if (stopping) return
        say('src/ changed, restarting the server')
        const old = child
        child = null
        await stopChild(old)
        start()
      })
    }, 300)
  })
  start()
  return await new Promise<number>((done) => {
    const shutdown = async (): Promise<void> => {
      if (stopping) {
        // A second signal: do not wait any longer.
        const current = child as ChildProcess | null
        if (current?.pid) kill([current.pid, ...descendants(current.pid)], 'SIGKILL')
        return
      }
      stopping = true
      watcher.close()
      if (timer) clearTimeout(timer)
      await restarting
      await stopChild(child)
      // What else this process started (tsx's esbuild service): gone before we are.
      await endDescendants()
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, shutdown)
      // Nothing of ours is left to keep the process alive; should a library still hold
      // a handle, this ends it anyway (unref: it does not itself hold the process).
      setTimeout(() => process.exit(0), 1000).unref()
      done(0)
    }
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, shutdown)
  })
}
