/**
 * The pipeline of `plan-archive build`: parse → render → site (in the site
 * stage, whose Eleventy run loads the corpus through the parse threads) →
 * search. Each stage is a module of its own folder; this is the one place that
 * runs them in order. Used by the build command, the bench script and the tests.
 */
import { upToDate, wholeBuildKey } from './build-key.ts'
import type { SearchIndexResult } from './search/index.ts'
import type { SiteSummary } from './site/build.ts'
import { readManifest, writeManifest } from './site/incremental.ts'
import { resolveSite, type SiteBuildOptions } from './site/resolve.ts'

export interface BuildSiteOptions extends SiteBuildOptions {
  /** Build the Pagefind index after the pages (default true). */
  search?: boolean
  /** Shards of the search index (default: src/search/index.ts picks by size). */
  searchShards?: number
  /** Told when the search stage starts and as it indexes each shard. */
  onSearchProgress?: (message: string) => void
}

export interface BuildSummary extends SiteSummary {
  search: SearchIndexResult | null
  /** Why search was skipped, when it was. */
  searchSkipped: string | null
  seconds: number
  /** Peak resident memory of this process (parse workers and Eleventy; the Pagefind binary is in `search`). */
  maxRssBytes: number
}

/** What the manifest keeps of a build's report: what the inputs decide, nothing that varies run to run (times, paths, what was reused). */
type KeptSummary = Pick<BuildSummary, 'records' | 'errors' | 'warnings' | 'problems' | 'searchSkipped'> & {
  search: Pick<SearchIndexResult, 'pages' | 'bytes' | 'errors' | 'pagesWithEmails' | 'shards'> | null
}

function keep(built: BuildSummary): KeptSummary {
  const { records, errors, warnings, problems, searchSkipped, search } = built
  return {
    records, errors, warnings, problems, searchSkipped,
    search: search && { pages: search.pages, bytes: search.bytes, errors: search.errors, pagesWithEmails: search.pagesWithEmails, shards: search.shards }
  }
}

/** The report of a build that found its folder up to date: the last build's, with nothing parsed, rendered or indexed. */
function unchanged(last: KeptSummary, pages: number, outDir: string, started: number): BuildSummary {
  return {
    ...last,
    fromCache: last.records,
    parsed: 0,
    pagesWritten: 0,
    pagesReused: pages,
    parseSeconds: 0,
    siteSeconds: 0,
    outDir,
    search: last.search && { ...last.search, seconds: 0, peakRssBytes: 0, shardsReused: last.search.shards },
    seconds: (performance.now() - started) / 1000,
    maxRssBytes: process.resourceUsage().maxRSS * 1024
  }
}

/**
 * Build the archive: the site, then its search index. Does nothing when the output
 * folder already holds the build of the same inputs (src/build-key.ts). Never throws on content.
 * @throws UserError for unusable folders, options or config (before anything is written or deleted)
 */
export async function buildSite(partial: BuildSiteOptions = {}): Promise<BuildSummary> {
  const started = performance.now()
  const resolved = await resolveSite(partial)
  const searchOptions = partial.search === false ? null : { shards: partial.searchShards ?? null }
  const key = await wholeBuildKey(resolved.contentDir, resolved.incremental.siteKey, searchOptions)
  const last = upToDate(resolved.outDir, resolved.incremental.previous, key, searchOptions !== null) as KeptSummary | null
  if (last) return unchanged(last, Object.keys(resolved.incremental.previous!.pages).length, resolved.outDir, started)
  // Loaded only when there is work: Eleventy and Pagefind take a second to import.
  const [{ discardOld, prepareSite, renderSite }, { buildSearchIndex, vocabularyOf }] = await Promise.all([import('./site/build.ts'), import('./search/index.ts')])
  const options = await prepareSite(partial, resolved)
  // The search stage's word count starts as soon as the records are loaded, in a thread
  // of its own, and is done by the time Eleventy has rendered.
  let words: Promise<Map<string, number>> | undefined
  if (partial.search !== false) {
    options.onLoaded = (loaded) => {
      words = vocabularyOf(loaded.archive.plain, options.cacheDir ?? null)
      // Awaited by the search stage; a build that fails before it must not report it as unhandled.
      words.catch(() => {})
    }
  }
  try {
    const { loaded, summary } = await renderSite(options, partial.verbose)
    // Pagefind reads the written pages: it runs after Eleventy, never on a partial site.
    const search =
      partial.search === false
        ? null
        : await buildSearchIndex(options.outDir, {
            records: loaded.archive.plain,
            ...(words ? { words } : {}),
            cacheDir: options.cacheDir,
            ...(partial.onSearchProgress ? { onProgress: partial.onSearchProgress } : {}),
            ...(partial.searchShards ? { shards: partial.searchShards } : {})
          })
    const built: BuildSummary = {
      ...summary,
      search,
      searchSkipped: search ? null : 'disabled with --no-search',
      seconds: (performance.now() - started) / 1000,
      maxRssBytes: process.resourceUsage().maxRSS * 1024
    }
    // Only now is the folder whole: the next build with the same key has nothing to do. Not
    // after a search stage that failed in part: the next build must try again.
    const manifest = readManifest(options.outDir)
    if (manifest && !built.search?.errors.length) await writeManifest(options.outDir, { ...manifest, build: { key, summary: keep(built) } })
    return built
  } finally {
    // The previous output, moved aside: deleted last (see site/build.ts, setAside).
    await discardOld(options.outDir)
  }
}
