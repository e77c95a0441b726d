/**
 * Index shards with Pagefind, a few at a time, each shard in a fresh Pagefind
 * process. The Node API keeps one service process per module instance, so each
 * concurrent slot imports its own instance of the `pagefind` module (the same
 * file under another URL) and closes it after every shard, which frees the
 * shard's memory before the next one starts.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { readFileSync, existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'
import type * as PagefindApi from 'pagefind'
import { childPids, peakRss, type ProcessSpan } from './peak-memory.ts'
import type { SearchPage } from './shards.ts'

export interface ShardJob {
  slot: number
  key: string
  pages: SearchPage[]
  /** Folder to write the shard's bundle into (emptied first). */
  dir: string
}

export interface ShardResult<T> {
  job: ShardJob
  errors: string[]
  /** The Pagefind process's life and peak memory (null when unknown). */
  span: ProcessSpan | null
  /** What `done` returned for the written shard. */
  bundle: T | null
}

type PagefindModule = typeof PagefindApi

/** Paths that mean themselves in a glob (no `{},*?[]\\` or other syntax). */
const SAFE_PATH = /^[\w./-]+$/

/** Files named in one glob: Pagefind fails to parse a glob of a whole corpus's names (docs/performance.md). */
const GLOB_BATCH = 1000

/** Files copied at once while staging a shard. */
const IN_FLIGHT = 16

/**
 * How long one shard may go without finishing before its Pagefind process is
 * closed and the shard indexed again in a fresh one. A corpus shard takes well
 * under a minute; a Pagefind service that stops answering (seen once in CI: both
 * sides waiting to read) would otherwise stall the build forever.
 */
export const SHARD_DEADLINE_MS = 180_000

/** How the pool gets its Pagefind modules and how long it waits (tests give a fake and a short deadline). */
export interface PoolOptions {
  deadlineMs?: number
  load?: (slot: number) => Promise<PagefindModule>
}

const TIMED_OUT = Symbol('timed out')

/** Index a shard, and once more in a fresh process if the first attempt does not finish in time. */
async function indexWithDeadline<T>(
  pagefind: PagefindModule,
  siteDir: string,
  job: ShardJob,
  config: PagefindApi.PagefindServiceConfig,
  deadlineMs: number
): Promise<ShardResult<T>> {
  for (let attempt = 1; ; attempt++) {
    const run = indexShard<T>(pagefind, siteDir, job, config)
    // The losing attempt may still reject once its process is closed: nobody awaits it.
    run.catch(() => {})
    let timer: NodeJS.Timeout | undefined
    const outcome = await Promise.race([run, new Promise<typeof TIMED_OUT>((done) => (timer = setTimeout(() => done(TIMED_OUT), deadlineMs)))])
    clearTimeout(timer)
    if (outcome !== TIMED_OUT) return outcome
    await pagefind.close()
    if (attempt === 2) {
      return { job, errors: [`shard ${job.slot}: Pagefind did not finish within ${Math.round(deadlineMs / 1000)} s, twice`], span: null, bundle: null }
    }
  }
}

/**
 * Index every job, `concurrency` Pagefind processes at a time; `done` runs on
 * each written shard (while the others are still being indexed).
 */
export async function indexShards<T>(
  siteDir: string,
  jobs: ShardJob[],
  config: PagefindApi.PagefindServiceConfig,
  concurrency: number,
  done: (job: ShardJob) => Promise<T>,
  options: PoolOptions = {}
): Promise<ShardResult<T>[]> {
  const results: ShardResult<T>[] = []
  const modules: PagefindModule[] = []
  const load = options.load ?? (async (slot: number) => (await import(/* @vite-ignore */ `${(await pagefindPackage()).entry}?slot=${slot}`)) as PagefindModule)
  for (let i = 0; i < Math.min(concurrency, jobs.length); i++) modules.push(await load(i))
  let next = 0
  const finishing: Promise<void>[] = []
  await Promise.all(
    modules.map(async (pagefind) => {
      while (next < jobs.length) {
        const job = jobs[next++]!
        const result = await indexWithDeadline<T>(pagefind, siteDir, job, config, options.deadlineMs ?? SHARD_DEADLINE_MS)
        results.push(result)
        if (result.errors.length === 0) {
          finishing.push(
            done(job).then(
              (bundle) => void (result.bundle = bundle),
              (error: unknown) => void result.errors.push(`shard ${job.slot}: ${String(error)}`)
            )
          )
        }
      }
    })
  )
  await Promise.all(finishing)
  return results.sort((a, b) => a.job.slot - b.job.slot)
}

/** One shard in a fresh Pagefind process: add its pages, write the bundle, note the peak memory, close. */
async function indexShard<T>(
  pagefind: PagefindModule,
  siteDir: string,
  job: ShardJob,
  config: PagefindApi.PagefindServiceConfig
): Promise<ShardResult<T>> {
  const errors: string[] = []
  await rm(job.dir, { recursive: true, force: true })
  const start = performance.now()
  // createIndex spawns the service synchronously: the new child is the one not there before.
  const before = new Set(childPids('pagefind'))
  const creating = pagefind.createIndex(config)
  const pid = childPids('pagefind').find((p) => !before.has(p)) ?? null
  let peak: number | null = null
  try {
    const created = await creating
    errors.push(...created.errors)
    const index = created.index
    if (index) {
      if (job.pages.every((page) => SAFE_PATH.test(page.path))) {
        // Globs naming the shard's files: Pagefind reads and parses them itself (faster than
        // sending them). Pagefind rejects a glob of a few thousand names: a batch at a time.
        for (let i = 0; i < job.pages.length; i += GLOB_BATCH) {
          const names = job.pages.slice(i, i + GLOB_BATCH).map((page) => page.path)
          const added = await index.addDirectory({ path: siteDir, glob: `{${names.join(',')}}` })
          errors.push(...added.errors)
        }
      } else {
        // A path a glob could misread: copy the shard's pages into a folder of their own instead.
        const stage = await mkdtemp(join(tmpdir(), 'plan-archive-search-'))
        try {
          await stagePages(siteDir, job.pages, stage)
          const added = await index.addDirectory({ path: stage })
          errors.push(...added.errors)
        } finally {
          await rm(stage, { recursive: true, force: true })
        }
      }
      const written = await index.writeFiles({ outputPath: job.dir })
      errors.push(...written.errors)
      // Pagefind answers before it has finished writing pagefind-entry.json (its last
      // file): closing at once, which kills the process, can leave it empty.
      if (written.errors.length === 0 && !(await entryWritten(job.dir))) errors.push(`shard ${job.slot}: Pagefind did not finish ${join(job.dir, 'pagefind-entry.json')}`)
    }
    if (pid !== null) peak = peakRss(pid)
  } finally {
    await pagefind.close()
  }
  return {
    job,
    errors,
    span: peak === null ? null : { start, end: performance.now(), peakRss: peak },
    bundle: null
  }
}

/** Wait (up to a minute) until the bundle's entry file holds complete JSON. */
async function entryWritten(dir: string): Promise<boolean> {
  const deadline = performance.now() + 60_000
  for (;;) {
    try {
      JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8'))
      return true
    } catch {
      if (performance.now() > deadline) return false
      await new Promise((done) => setTimeout(done, 20))
    }
  }
}

/** Copy the pages under `stage` at their site paths. */
async function stagePages(siteDir: string, pages: SearchPage[], stage: string): Promise<void> {
  let cursor = 0
  const copy = async (): Promise<void> => {
    while (cursor < pages.length) {
      const page = pages[cursor++]!
      const target = join(stage, page.path)
      await mkdir(dirname(target), { recursive: true })
      await copyFile(join(siteDir, page.path), target)
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, copy))
}

/** The installed `pagefind` package: its version and the URL of its Node API module. */
export async function pagefindPackage(): Promise<{ version: string; entry: string }> {
  // Found by walking up node_modules folders (its exports hide package.json from resolve).
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', 'pagefind', 'package.json')
    if (existsSync(manifest)) {
      const json = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string; exports: { '.': { import: string } } }
      return { version: json.version, entry: pathToFileURL(join(dirname(manifest), json.exports['.'].import)).href }
    }
    if (dirname(dir) === dir) throw new Error('the pagefind package is not installed')
  }
}
