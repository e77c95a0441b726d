/**
 * The search stage: index the built site with Pagefind's Node API, in shards,
 * and write the bundles to `<outDir>/pagefind/`, plus the filter labels the
 * search page shows (`<outDir>/search/facets.json`) and the archive's words
 * it suggests from (`<outDir>/search/words/`, vocabulary.ts).
 *
 * Shards: Pagefind holds the whole index in memory until it writes it (many
 * times the indexed HTML; docs/performance.md has the figures), so the pages are split into shards by a hash of their URL (`shards.ts`), each
 * shard is indexed by its own Pagefind process, two at a time, and written as
 * its own bundle. Layout:
 *
 *     pagefind/pagefind.js, wasm.<lang>.pagefind   shared by every shard
 *     pagefind/shards.json                         { version, shards: [{ path, pages, key }] }
 *     pagefind/s<i>/                               one shard: entry, meta, index, filter, fragment
 *
 * The search page (templates/assets/search.js) opens one Pagefind instance per
 * shard and merges their results. With a `cacheDir`, each shard bundle is kept
 * under its key (the pages' paths and bytes, the options, the Pagefind version)
 * and copied back when nothing in it changed: after one record changes, only
 * its shard is re-indexed.
 *
 * Languages: Pagefind splits its index by each page's `<html lang>` and a
 * search page only searches the index of its own language, so an English
 * search page would never find the Spanish, French or Arabic plans. We
 * therefore index the whole archive as ONE language (`forceLanguage`, default
 * `en`): one search covers every record, filter counts and sorts are exact
 * across languages. The cost is that non-English words are stemmed with the
 * English stemmer (mostly harmless: Pagefind also matches word prefixes and
 * folds diacritics, so `peru` finds `Perú` and `agua` finds `aguas`). Pass
 * `forceLanguage: null` to get Pagefind's per-language split instead.
 */
import { availableParallelism } from 'node:os'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArchiveRecord } from '../records/types.ts'
import { searchFacets } from './facets.ts'
import { indexShards, pagefindPackage, type ShardJob } from './pool.ts'
import { assignShards, searchPages, shardKey } from './shards.ts'
import { assembleBundle, cachedShard, cachedShardDir, folderBytes, latestShard, pruneCache, storeShard, type ShardBundle } from './bundle.ts'
import { DELTA_SLOT, planDelta, type DeltaPlan } from './delta.ts'
import { summedPeak } from './peak-memory.ts'
import { finishShardFragments } from './privacy-scan.ts'
import { vocabularyInThread, writeVocabulary } from './vocabulary.ts'

export { SEARCH_FILTERS, searchFacets, type SearchFacets, type SearchFilter } from './facets.ts'

export interface SearchIndexOptions {
  /** Records of the site: when given, their filter labels are written to `search/facets.json`, their words to `search/words/`. */
  records?: Iterable<ArchiveRecord>
  /** Their words, when already being counted (`vocabularyOf`, started by the caller while the site renders). */
  words?: Promise<Map<string, number>>
  /** Index every page as this language (ISO 639-1); null lets Pagefind split by `<html lang>`. Default `en`. */
  forceLanguage?: string | null
  /** Glob of the HTML files to read, relative to `outDir`. Default: every `.html` file. */
  glob?: string
  /** Extra CSS selectors never indexed (added to the privacy defaults below). */
  excludeSelectors?: string[]
  /**
   * How many shards to split the pages into. Default: one per `SHARD_TARGET_BYTES` of
   * indexed HTML (a small site gets 1, one bundle). The trade-off: fewer shards need more
   * memory to build, more shards make each search download more (one index chunk per shard
   * and query word); docs/performance.md has the corpus's figures.
   */
  shards?: number
  /**
   * Pagefind processes running at once. Default 2 when two shards fit in `MEMORY_BUDGET`
   * together, else 1 (never more than the CPU count).
   */
  concurrency?: number
  /**
   * Folder where shard bundles are kept by key (`<cacheDir>/search/`): a shard whose
   * pages, options and Pagefind version are unchanged is copied from there instead of
   * indexed. Only the latest key of each shard is kept. Default: no cache.
   */
  cacheDir?: string | null
  /** Told what the stage is doing: once when it knows its shards, then as each shard is indexed. */
  onProgress?: (message: string) => void
}

export interface SearchIndexResult {
  /** Pages Pagefind indexed (only pages with `data-pagefind-body`). */
  pages: number
  seconds: number
  /** Total size of the written `pagefind/` bundle. */
  bytes: number
  /** Peak memory of the Pagefind processes alive at once, summed, when the OS tells us (Linux). */
  peakRssBytes: number | null
  /** Problems Pagefind reported; the index is still written when it can be. */
  errors: string[]
  /**
   * Pages whose indexed text still holds an e-mail-like string (e.g. quoted in a
   * body): the build should warn; wrap such text in `data-pagefind-ignore`.
   */
  pagesWithEmails: string[]
  /** Shards written, and how many of them came from `cacheDir` unchanged. */
  shards: number
  shardsReused: number
}

/**
 * Never indexed, even if a template forgets `data-pagefind-ignore`: focal-point
 * e-mails (full or masked) are personal data and must not reach the index.
 */
const PRIVATE_SELECTORS = ['a[href^="mailto:"]', '[data-focal-point]', '.focal-point', '.focal-points']

/**
 * Indexed HTML per shard when `shards` is not given: with `PEAK_PER_HTML_BYTE`, a
 * shard of this size stays under `MEMORY_BUDGET` on its own. Why not smaller shards:
 * every shard adds an index chunk per query word to each search
 * (docs/performance.md, "Shards").
 */
const SHARD_TARGET_BYTES = 40_000_000

/** Peak memory allowed to the Pagefind processes alive at once. */
const MEMORY_BUDGET = 1_000_000_000

/** A Pagefind process's peak, as a multiple of the HTML it indexes (measured on the corpus: docs/performance.md). */
const PEAK_PER_HTML_BYTE = 25

/** Bump when the bundle layout or the HTML given to Pagefind changes: old cache entries then miss. */
const FORMAT = 5

/**
 * Count the records' words in a thread (vocabulary.ts), cached under `cacheDir` (the build's
 * cache folder, as `SearchIndexOptions.cacheDir`). Start it early: it runs beside the caller.
 */
export function vocabularyOf(records: readonly ArchiveRecord[], cacheDir: string | null): Promise<Map<string, number>> {
  return vocabularyInThread(records, cacheDir ? join(cacheDir, 'vocabulary') : null)
}

/** Hash of the settings a shard is indexed with (`settings` of its key, without its pages). */
function settingsHash(settings: { format: number; version: string; config: unknown; shards: number }): string {
  return shardKey(settings, [])
}

/**
 * The delta for the slots whose key missed (delta.ts): the plan, the job indexing its pages
 * (null when they are only removals) and that job's cached bundle when it is already there.
 * Null when those slots must be indexed again.
 */
async function deltaFor(
  cacheDir: string,
  missed: ShardJob[],
  settings: { format: number; version: string; config: unknown; shards: number }
): Promise<{ plan: DeltaPlan; job: ShardJob | null; hit: ShardBundle | null } | null> {
  const same = settingsHash(settings)
  // A base indexed with other settings (a Pagefind upgrade, other selectors) is no base: its pages would stay as they were indexed.
  const bases = await Promise.all(missed.map(async (job) => {
    const base = await latestShard(cacheDir, settings.shards, job.slot)
    return base?.settings === same ? base : null
  }))
  const plan = planDelta(missed.map((job, i) => ({ pages: job.pages, base: bases[i]! })))
  if (!plan) return null
  if (!plan.pages.length) return { plan, job: null, hit: null }
  const key = shardKey({ ...settings, delta: plan.bases.map((base) => base.key) }, plan.pages)
  const job = { slot: DELTA_SLOT, key, pages: plan.pages, dir: cachedShardDir(cacheDir, settings.shards, DELTA_SLOT, key) }
  return { plan, job, hit: await cachedShard(cacheDir, settings.shards, DELTA_SLOT, key) }
}

/** Replace `live` by `next` with two renames (the old one is deleted after). */
async function swapIn(next: string, live: string): Promise<void> {
  const old = `${next}-old`
  await rm(old, { recursive: true, force: true })
  await rename(live, old).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'ENOENT') throw error
  })
  await rename(next, live)
  await rm(old, { recursive: true, force: true })
}

/** Build the Pagefind index of the site in `outDir` and return what it cost. */
export async function buildSearchIndex(outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const started = performance.now()
  const forceLanguage = options.forceLanguage === undefined ? 'en' : options.forceLanguage
  const config = {
    ...(forceLanguage ? { forceLanguage } : {}),
    excludeSelectors: [...PRIVATE_SELECTORS, ...(options.excludeSelectors ?? [])]
  }
  const cacheDir = options.cacheDir ? join(options.cacheDir, 'search') : null
  const pages = await searchPages(outDir, options.glob, { hash: cacheDir !== null })
  const sorts = new Map(pages.map((page) => [page.url, page.sorts]))
  const htmlBytes = pages.reduce((sum, page) => sum + page.bytes, 0)
  const shardCount = Math.max(1, Math.floor(options.shards ?? Math.ceil(htmlBytes / SHARD_TARGET_BYTES)))
  const perProcess = PEAK_PER_HTML_BYTE * (htmlBytes / shardCount)
  const concurrency = Math.max(1, Math.min(options.concurrency ?? (2 * perProcess <= MEMORY_BUDGET ? 2 : 1), availableParallelism()))
  const version = (await pagefindPackage()).version

  // The new bundle is assembled beside the live one and swapped in at the end, so a
  // reader of `plan-archive serve` searching during a rebuild never finds it missing.
  const pagefindDir = join(outDir, 'pagefind')
  const staging = join(outDir, '.pagefind-next')
  await rm(staging, { recursive: true, force: true })

  // What every shard's bundle depends on besides its pages.
  const settings = { format: FORMAT, version, config, shards: shardCount }
  const jobs: ShardJob[] = []
  const groups = pages.length ? assignShards(pages, shardCount) : [[]]
  groups.forEach((shardPages, slot) => {
    // Empty shards get no bundle, except the first of an empty site (Pagefind then writes an empty index).
    if (shardPages.length === 0 && !(pages.length === 0 && slot === 0)) return
    const key = shardKey({ ...settings, slot }, shardPages)
    const dir = cacheDir ? cachedShardDir(cacheDir, shardCount, slot, key) : join(staging, `s${slot}`)
    jobs.push({ slot, key, pages: shardPages, dir })
  })
  const bundles: ShardBundle[] = []
  let fresh: ShardJob[] = []
  for (const job of jobs) {
    const hit = cacheDir ? await cachedShard(cacheDir, shardCount, job.slot, job.key) : null
    if (hit) bundles.push(hit)
    else fresh.push(job)
  }
  const delta = cacheDir && fresh.length ? await deltaFor(cacheDir, fresh, settings) : null
  if (delta) {
    bundles.push(...delta.plan.bases, ...(delta.hit ? [delta.hit] : []))
    fresh = delta.job && !delta.hit ? [delta.job] : []
  }
  const reused = bundles.length
  const progress = options.onProgress ?? (() => {})
  progress(delta
    ? `indexing ${delta.plan.pages.length} changed page${delta.plan.pages.length === 1 ? '' : 's'} beside ${jobs.length} kept shard${jobs.length === 1 ? '' : 's'}`
    : `indexing ${pages.length} pages in ${jobs.length} shard${jobs.length === 1 ? '' : 's'} (${reused} unchanged)`)
  let indexed = 0
  // Counted in a thread while the Pagefind processes work, unless the caller started it earlier.
  const words = options.words ?? (options.records ? vocabularyOf([...options.records], options.cacheDir ?? null) : null)
  const results = await indexShards(outDir, fresh, config, concurrency, async (job) => {
    progress(`indexed shard ${++indexed}/${fresh.length} (${job.pages.length} pages)`)
    // Scan each new shard while the next ones are being indexed; cached shards keep their scan.
    const { emails, pages: shardPages } = await finishShardFragments(job.dir, sorts)
    // Each page with the hash of the HTML it was indexed from: a later build's delta compares them.
    const sha = new Map(job.pages.map((page) => [page.url, page.sha256]))
    const bundle: ShardBundle = {
      slot: job.slot, key: job.key, dir: job.dir, emails, settings: settingsHash(settings),
      pages: shardPages.map((page) => ({ ...page, sha256: sha.get(page.url) ?? '' }))
    }
    return cacheDir ? storeShard(cacheDir, shardCount, bundle) : bundle
  })
  const errors: string[] = []
  for (const result of results) {
    errors.push(...result.errors)
    if (result.bundle) bundles.push(result.bundle)
  }
  // Shards in slot order, the delta last.
  const rank = (bundle: ShardBundle): number => (bundle.slot === DELTA_SLOT ? Infinity : bundle.slot)
  bundles.sort((a, b) => rank(a) - rank(b))
  // Keys stand for the pages' bytes only with the cache (without it pages are not hashed).
  const written = await assembleBundle(staging, bundles, version, cacheDir ? pagefindDir : null, delta?.plan.superseded)
  errors.push(...written.errors)
  await swapIn(staging, pagefindDir)
  if (cacheDir) await pruneCache(cacheDir, shardCount, [...jobs.map((job) => job.slot), ...(delta?.job ? [DELTA_SLOT] : [])])

  if (options.records) {
    await mkdir(join(outDir, 'search'), { recursive: true })
    await writeFile(join(outDir, 'search', 'facets.json'), JSON.stringify(searchFacets(options.records)) + '\n')
    await writeVocabulary(outDir, await words!)
  }
  const spans = results.flatMap((result) => (result.span ? [result.span] : []))
  return {
    pages: written.pages,
    seconds: (performance.now() - started) / 1000,
    bytes: await folderBytes(pagefindDir),
    peakRssBytes: spans.length ? summedPeak(spans) : fresh.length ? null : 0,
    errors,
    pagesWithEmails: bundles.flatMap((bundle) => bundle.emails).sort(),
    shards: bundles.length,
    shardsReused: reused
  }
}
