/** The sitemap: every page of the site once, in plain `<` order. */
import { urls } from '../urls.ts'

/** Pages that exist once, whatever the records. */
const STATIC_PAGES = [urls.home, urls.search, urls.map, urls.kinds, urls.countries, urls.sdgs, urls.years, urls.tags]

/**
 * The sitemap's URLs.
 * @param pages each family of paginated pages: the tag overviews, the list pages, the record pages
 * @returns the single pages and every paginated page, each once, sorted
 */
export function emitSitemap(...pages: ReadonlyArray<ReadonlyArray<{ url: string }>>): string[] {
  const all = [...STATIC_PAGES, ...pages.flatMap((family) => family.map((p) => p.url))]
  return [...new Set(all)].sort()
}
