/**
 * The search stage: index the built site with Pagefind's Node API and write
 * the bundle to `<outDir>/pagefind/`, plus the filter labels the search page
 * shows (`<outDir>/search/facets.json`).
 *
 * Languages: Pagefind splits its index by each page's `<html lang>` and a
 * search page only searches the index of its own language, so an English
 * search page would never find the Spanish, French or Arabic plans. Merging
 * language indexes in the browser (`mergeIndex`) orders merged results by
 * score only, which breaks the date/title sorts and is skipped for the same
 * bundle path anyway. We therefore index the whole archive as ONE language
 * (`forceLanguage`, default `en`): one search covers every record, filter
 * counts and sorts are exact across languages. The cost is that non-English
 * words are stemmed with the English stemmer (mostly harmless: Pagefind also
 * matches word prefixes and folds diacritics, so `peru` finds `Perú` and
 * `agua` finds `aguas`). Pass `forceLanguage: null` to get Pagefind's
 * per-language split instead.
 */
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import * as pagefind from 'pagefind'
import type { ArchiveRecord } from '../records/types.ts'
import { searchFacets } from './facets.ts'
import { childPeakRss } from './peak-memory.ts'
import { pagesWithEmails } from './privacy-scan.ts'

export { SEARCH_FILTERS, kindLabel, searchFacets, type SearchFacets, type SearchFilter } from './facets.ts'

export interface SearchIndexOptions {
  /** Records of the site: when given, their filter labels are written to `search/facets.json`. */
  records?: Iterable<ArchiveRecord>
  /** Index every page as this language (ISO 639-1); null lets Pagefind split by `<html lang>`. Default `en`. */
  forceLanguage?: string | null
  /** Glob of the HTML files to read, relative to `outDir`. Default: every `.html` file. */
  glob?: string
  /** Extra CSS selectors never indexed (added to the privacy defaults below). */
  excludeSelectors?: string[]
}

export interface SearchIndexResult {
  /** Pages Pagefind indexed (only pages with `data-pagefind-body`). */
  pages: number
  seconds: number
  /** Total size of the written `pagefind/` bundle. */
  bytes: number
  /** Peak memory of the Pagefind indexer process, when the OS tells us (Linux). */
  peakRssBytes: number | null
  /** Problems Pagefind reported; the index is still written when it can be. */
  errors: string[]
  /**
   * Pages whose indexed text still holds an e-mail-like string (e.g. quoted in a
   * body): the build should warn; wrap such text in `data-pagefind-ignore`.
   */
  pagesWithEmails: string[]
}

/**
 * Never indexed, even if a template forgets `data-pagefind-ignore`: focal-point
 * e-mails (full or masked) are personal data and must not reach the index.
 */
const PRIVATE_SELECTORS = ['a[href^="mailto:"]', '[data-focal-point]', '.focal-point', '.focal-points']

/** Build the Pagefind index of the site in `outDir` and return what it cost. */
export async function buildSearchIndex(outDir: string, options: SearchIndexOptions = {}): Promise<SearchIndexResult> {
  const started = performance.now()
  const errors: string[] = []
  const forceLanguage = options.forceLanguage === undefined ? 'en' : options.forceLanguage
  let pages = 0
  let peakRssBytes: number | null = null
  try {
    const created = await pagefind.createIndex({
      ...(forceLanguage ? { forceLanguage } : {}),
      excludeSelectors: [...PRIVATE_SELECTORS, ...(options.excludeSelectors ?? [])]
    })
    errors.push(...created.errors)
    const index = created.index
    if (index) {
      const added = await index.addDirectory({ path: outDir, ...(options.glob ? { glob: options.glob } : {}) })
      errors.push(...added.errors)
      const written = await index.writeFiles({ outputPath: join(outDir, 'pagefind') })
      errors.push(...written.errors)
      // addDirectory counts every HTML file read; the entry file counts the pages kept (data-pagefind-body).
      pages = await indexedPages(join(outDir, 'pagefind')) ?? added.page_count
    }
    peakRssBytes = childPeakRss('pagefind')
  } finally {
    await pagefind.close()
  }
  if (options.records) {
    await mkdir(join(outDir, 'search'), { recursive: true })
    await writeFile(join(outDir, 'search', 'facets.json'), JSON.stringify(searchFacets(options.records)) + '\n')
  }
  const seconds = (performance.now() - started) / 1000
  return {
    pages,
    seconds,
    bytes: await folderBytes(join(outDir, 'pagefind')),
    peakRssBytes,
    errors,
    pagesWithEmails: await pagesWithEmails(join(outDir, 'pagefind'))
  }
}

/** Pages in the written bundle, summed over its languages; null when the entry file is unreadable. */
async function indexedPages(bundle: string): Promise<number | null> {
  try {
    const entry = JSON.parse(await readFile(join(bundle, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, { page_count?: number }>
    }
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0)
  } catch {
    return null
  }
}

/** Sum of the sizes of the files under `dir` (0 when it does not exist). */
async function folderBytes(dir: string): Promise<number> {
  let total = 0
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  }
  return total
}
