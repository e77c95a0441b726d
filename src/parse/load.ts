/**
 * The corpus loader: list the Markdown files, hash their bytes, serve what the
 * content-hash cache already knows, parse the rest in batches on a worker
 * pool, make ids unique across the corpus, and return records sorted by path.
 * Never throws on content: a file that crashes the parser still yields a record.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { availableParallelism, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import fg from 'fast-glob'
import { assignUniqueIds } from '../records/ids.ts'
import type { ArchiveRecord } from '../records/types.ts'
import { DEFAULT_CACHE_DIR, ParseCache, parserVersion, variantHash } from './cache.ts'
import type { LoadedRecord, LoadOptions, LoadResult } from './contract.ts'
import { createParsePool, type ParsePool } from './pool.ts'
import { taskModules, type BatchFile, type BatchResult, type BatchTask } from './worker.ts'

/** One input file: its record path (relative to its content root) and where to read it. */
export interface CorpusFile {
  path: string
  absPath: string
}

/** Options of `loadFiles`: those of `loadCorpus` without the folder, plus a test hook. */
export interface LoadFilesOptions extends Omit<LoadOptions, 'contentDir'> {
  /** Module exporting `parseFile` to use instead of `src/parse/index.ts` (tests). */
  parserModule?: string
}

/** A loaded record with the file it came from (record paths may repeat across roots). */
export interface LoadedFile extends LoadedRecord {
  absPath: string
}

/** The loader's result: `LoadResult` whose records also say where they were read. */
export interface LoadFilesResult extends LoadResult {
  records: LoadedFile[]
}

/** Files per task and bytes per task: big enough to amortise messaging, small enough to balance two cores. */
const BATCH_FILES = 48
const BATCH_BYTES = 512 * 1024
/** Below this many files to parse (and no `workers` option), parse inline. */
const INLINE_MAX = 24

/** Plain code-unit order: the same on every machine and locale. */
function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0
}

/**
 * Every `.md` file under `contentDir` (dot files included: one corpus page is named `.md`), sorted by path.
 * @returns record paths relative to `contentDir`, `/`-separated, with absolute paths to read
 */
export async function listCorpus(contentDir: string): Promise<CorpusFile[]> {
  const root = resolve(contentDir)
  const paths = await fg('**/*.md', { cwd: root, dot: true, onlyFiles: true, followSymbolicLinks: false })
  return paths.map((path) => ({ path, absPath: join(root, path) })).sort(byPath)
}

/** Parse every Markdown file of `options.contentDir` (see `loadFiles`). */
export async function loadCorpus(options: LoadOptions & { parserModule?: string }): Promise<LoadFilesResult> {
  const { contentDir, ...rest } = options
  return loadFiles(await listCorpus(contentDir), rest)
}

/** Group misses into tasks: big files alone and first, so the two cores finish together. */
function batchesOf(misses: (BatchFile & { size: number })[]): BatchFile[][] {
  const big = misses.filter((file) => file.size >= BATCH_BYTES).sort((a, b) => b.size - a.size)
  const batches: BatchFile[][] = big.map(({ path, absPath }) => [{ path, absPath }])
  let current: BatchFile[] = []
  let bytes = 0
  for (const file of misses) {
    if (file.size >= BATCH_BYTES) continue
    current.push({ path: file.path, absPath: file.absPath })
    bytes += file.size
    if (current.length >= BATCH_FILES || bytes >= BATCH_BYTES) {
      batches.push(current)
      current = []
      bytes = 0
    }
  }
  if (current.length) batches.push(current)
  return batches
}

/**
 * Parse the given files through the cache and the worker pool.
 * @param files record path and absolute path of each file (order does not matter)
 * @returns records sorted by path, ids unique, with cache statistics
 * @throws StageLoadError when the worker, the parser or the renderer module cannot be loaded
 */
export async function loadFiles(files: CorpusFile[], options: LoadFilesOptions = {}): Promise<LoadFilesResult> {
  const started = performance.now()
  // What the threads load: the cache's version is the hash of these modules' code.
  const modules = { parserModule: options.parserModule, renderModule: options.renderModule }
  const render = Boolean(options.renderModule)
  const cacheDir = options.cacheDir === undefined ? resolve(DEFAULT_CACHE_DIR) : options.cacheDir
  const cache = cacheDir === null ? null : new ParseCache(cacheDir, variantHash(options.config, render), parserVersion(taskModules(modules), render))
  const assetDir = cacheDir === null ? mkdtempSync(join(tmpdir(), 'plan-archive-assets-')) : join(cacheDir, 'assets')
  if (cacheDir === null) temporaryAssetDirs.add(assetDir)
  mkdirSync(assetDir, { recursive: true })
  cache?.pruneOtherVersions()

  // Sorted by record path, then location: record paths may repeat when the CLI mixes roots.
  const sorted = [...files].sort((a, b) => byPath(a, b) || (a.absPath < b.absPath ? -1 : a.absPath > b.absPath ? 1 : 0))
  const total = sorted.length
  const found = new Map<string, LoadedRecord>()
  const hashes = new Map<string, string>()
  const sizes = new Map<string, number>()
  const misses: (BatchFile & { size: number })[] = []
  let pool: ParsePool | undefined
  let fromCache = 0
  const startPool = (): ParsePool =>
    createParsePool(
      // A few files parse faster inline than two threads can boot.
      options.workers ?? (misses.length < INLINE_MAX ? 0 : availableParallelism()),
      (absPath) => sizes.get(absPath) ?? 0
    )

  for (let i = 0; i < sorted.length; i++) {
    const file = sorted[i]!
    let bytes: Buffer
    try {
      bytes = readFileSync(file.absPath)
    } catch {
      // Vanished or unreadable since listing: the worker's own read gives it a crashed record.
      bytes = Buffer.alloc(0)
    }
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    hashes.set(file.absPath, sha256)
    sizes.set(file.absPath, bytes.byteLength)
    const entry = cache?.get(file.path, sha256)
    if (entry) {
      found.set(file.absPath, { record: entry.record, html: entry.html })
      fromCache++
      continue
    }
    misses.push({ ...file, size: bytes.byteLength })
    if (!pool && misses.length >= INLINE_MAX) pool = startPool()
    // Let the threads boot while hashing goes on.
    if (pool && i % 64 === 0) await new Promise((done) => setImmediate(done))
  }
  if (!pool && misses.length) pool = startPool()
  options.onProgress?.(fromCache, total)

  let done = fromCache
  const keep = (results: BatchResult[]): void => {
    for (const { path, absPath, record, html } of results) {
      const sha256 = hashes.get(absPath) ?? record.source.sha256
      // Written before ids are made unique, so the entry holds only what this file's bytes decide.
      if (cache && !record.diagnostics.some((d) => d.rule === 'parse-crashed')) cache.set({ path, sha256, record, html })
      found.set(absPath, { record, html })
    }
    done += results.length
    options.onProgress?.(done, total)
  }

  try {
    if (pool) {
      const base: Omit<BatchTask, 'files'> = { config: options.config, assetDir, ...modules }
      await Promise.all(batchesOf(misses).map(async (batch) => keep(await pool!.run({ ...base, files: batch }))))
    }
  } finally {
    await pool?.close()
    // Publishes this run's entries for the next one.
    cache?.close()
  }

  const records: LoadedFile[] = []
  for (const file of sorted) {
    const loaded = found.get(file.absPath)
    if (loaded) records.push({ ...loaded, absPath: file.absPath })
  }
  assignUniqueIds(records.map((r) => r.record) as ArchiveRecord[], options.config?.rules)
  return {
    records,
    assetDir,
    stats: { files: total, fromCache, parsed: total - fromCache, seconds: (performance.now() - started) / 1000 }
  }
}

/** Asset folders this process created for a load without a cache: theirs to delete. */
const temporaryAssetDirs = new Set<string>()

/**
 * Delete the lifted-asset folder of a load that ran without a cache, once its
 * assets are copied (or not needed); a cache's own asset folder is kept.
 * @param result what `loadCorpus` or `loadFiles` returned
 */
export function releaseAssets(result: Pick<LoadResult, 'assetDir'>): void {
  if (!temporaryAssetDirs.delete(result.assetDir)) return
  rmSync(result.assetDir, { recursive: true, force: true })
}
