/**
 * Display labels for the search filters. The index stores language-neutral
 * values (ISO3 codes, SDG numbers, term keys); the search page turns them back
 * into names with the `facets.json` written here at build time.
 */
import { SEARCH_FACETS } from '../records/fields.ts'
import type { ArchiveRecord } from '../records/types.ts'

/** The Pagefind filter names, in the order the search page shows them (src/records/fields.ts). */
export const SEARCH_FILTERS = SEARCH_FACETS.map((facet) => facet.name)

/** A filter name (the registry's filters are built from data, so names are plain strings). */
export type SearchFilter = string

/** Filter name → indexed value → display label, only where the label differs from the value. */
export type SearchFacets = Record<SearchFilter, Record<string, string>>

/**
 * Collect the label of every filter value the records carry; the first
 * spelling seen wins for term keys (records arrive sorted by path, so the
 * choice is stable from build to build).
 */
export function searchFacets(records: Iterable<ArchiveRecord>): SearchFacets {
  const facets = new Map<string, Map<string, string>>(SEARCH_FACETS.map((facet) => [facet.name, new Map()]))
  for (const record of records) {
    for (const facet of SEARCH_FACETS) {
      const labels = facets.get(facet.name)!
      for (const { value, label } of facet.values(record)) if (value !== '' && !labels.has(value)) labels.set(value, label)
    }
  }
  // Labels equal to their value are left out (the page shows the value): on the full
  // corpus that halves the file. Sorted keys: two builds of one input write identical bytes.
  return Object.fromEntries(
    SEARCH_FACETS.map(({ name }) => [
      name,
      Object.fromEntries([...facets.get(name)!].filter(([value, label]) => value !== label).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    ])
  ) as SearchFacets
}
