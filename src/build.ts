/**
 * The pipeline of `plan-archive build`: parse → render → site (in the site
 * stage, whose Eleventy run loads the corpus through the parse threads) →
 * search. Each stage is a module of its own folder; this is the one place that
 * runs them in order. Used by the build command, the bench script and the tests.
 */
import { buildSearchIndex, vocabularyOf, type SearchIndexResult } from './search/index.ts'
import { discardOld, prepareSite, renderSite, type SiteBuildOptions, type SiteSummary } from './site/build.ts'

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

/**
 * Build the archive: the site, then its search index. Never throws on content.
 * @throws UserError for unusable folders, options or config (before anything is written or deleted)
 */
export async function buildSite(partial: BuildSiteOptions = {}): Promise<BuildSummary> {
  const started = performance.now()
  const options = await prepareSite(partial)
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
    return {
      ...summary,
      search,
      searchSkipped: search ? null : 'disabled with --no-search',
      seconds: (performance.now() - started) / 1000,
      maxRssBytes: process.resourceUsage().maxRSS * 1024
    }
  } finally {
    // The previous output, moved aside: deleted last (see site/build.ts, setAside).
    await discardOld(options.outDir)
  }
}
