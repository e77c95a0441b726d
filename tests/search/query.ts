/**
 * Query a built, sharded Pagefind index from Node: serve the site on loopback
 * and open it with the search page's own client (`openSearch` in
 * templates/assets/search.js, the copy the site serves), on the bundle's own
 * pagefind.js: the same code the browser runs, outside a browser on the main thread.
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { SEARCH_FILTERS } from '../../src/search/facets.ts'
import { serveStatic, type StaticServer } from '../helpers/browser.ts'

export interface Hit {
  url: string
  meta: Record<string, string>
  filters: Record<string, string[]>
  excerpt: string
}

export interface PagefindFilterValue {
  any?: string[]
  all?: string[]
}

export interface SearchOptions {
  filters?: Record<string, string | string[] | PagefindFilterValue>
  sort?: Record<string, 'asc' | 'desc'>
}

type Counts = Record<string, Record<string, number>>

interface MergedResults {
  length: number
  next(count: number): Promise<Hit[]>
}

interface ShardedSearch {
  totals: Counts
  search(term: string | null, options?: SearchOptions): Promise<{ results: MergedResults; filters: Counts }>
  counts(term: string | null, options?: SearchOptions): Promise<Counts>
}

interface SearchModule {
  openSearch(base: URL, options: Record<string, unknown>): Promise<ShardedSearch>
}

export interface IndexClient {
  server: StaticServer
  /** Every hit of a search, in the merged order, with its fragment loaded. */
  search(term: string | null, options?: SearchOptions): Promise<Hit[]>
  /** How many records match, without loading any fragment. */
  total(term: string | null, options?: SearchOptions): Promise<number>
  counts(term: string | null, options?: SearchOptions): Promise<Counts>
  filters(): Promise<Counts>
  close(): Promise<void>
}

/**
 * Open the index at `<root><prefix>pagefind/`; result URLs come back as site paths
 * (prefix included). `searchJs` is the client module to use (default: the site's copy).
 */
export async function openIndex(root: string, prefix = '/', searchJs = join(root, prefix, 'assets', 'search.js')): Promise<IndexClient> {
  const server = await serveStatic(root)
  const pagefind = await import(/* @vite-ignore */ pathToFileURL(join(root, prefix, 'pagefind', 'pagefind.js')).href)
  const { openSearch } = (await import(/* @vite-ignore */ pathToFileURL(searchJs).href)) as SearchModule
  // Every filter loaded at once (the page loads the large ones when their fieldset opens).
  const filters = SEARCH_FILTERS
  const index = await openSearch(new URL(`${server.url}${prefix}pagefind/`), { baseUrl: prefix, pagefind, filters })
  return {
    server,
    async search(term, options = {}) {
      const { results } = await index.search(term, options)
      return results.next(results.length)
    },
    async total(term, options = {}) {
      return (await index.search(term, options)).results.length
    },
    counts: (term, options = {}) => index.counts(term, options),
    filters: async () => index.totals,
    close: () => server.close()
  }
}
