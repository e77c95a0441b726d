/**
 * Display labels for the search filters. The index stores language-neutral
 * values (ISO3 codes, SDG numbers, term keys); the search page turns them back
 * into names with the `facets.json` written here at build time.
 */
import { kindLabel } from '../records/kind.ts'
import { filedCountry, type ArchiveRecord } from '../records/types.ts'

/** One label module for kinds (src/records/kind.ts): pages and search filters read the same. */
export { kindLabel }

/** The Pagefind filter names, in the order the search page shows them. */
export const SEARCH_FILTERS = ['kind', 'country', 'region', 'sdg', 'year', 'method', 'datasource', 'theme'] as const

export type SearchFilter = (typeof SEARCH_FILTERS)[number]

/** Filter name → indexed value → display label, only where the label differs from the value. */
export type SearchFacets = Record<SearchFilter, Record<string, string>>

/**
 * Collect the label of every filter value the records carry; the first
 * spelling seen wins for term keys (records arrive sorted by path, so the
 * choice is stable from build to build).
 */
export function searchFacets(records: Iterable<ArchiveRecord>): SearchFacets {
  const facets = Object.fromEntries(SEARCH_FILTERS.map((name) => [name, new Map<string, string>()])) as Record<
    SearchFilter,
    Map<string, string>
  >
  const add = (name: SearchFilter, value: string, label: string): void => {
    if (value !== '' && !facets[name].has(value)) facets[name].set(value, label)
  }
  for (const record of records) {
    add('kind', record.kind, kindLabel(record.kind))
    for (const country of record.countries) {
      // A place inside a country filters as that country; unresolved countries have no
      // language-neutral value: they are not filterable.
      const filed = filedCountry(country)
      if (filed) add('country', filed.iso3, filed.name)
      if (filed?.region) add('region', filed.region, filed.region)
    }
    for (const sdg of record.sdgs) {
      if (sdg.number !== null) add('sdg', String(sdg.number), `${sdg.number}. ${sdg.name ?? sdg.raw}`)
    }
    if (record.year !== null) add('year', String(record.year), String(record.year))
    for (const term of record.methods) add('method', term.key, term.value)
    for (const term of record.datasources) add('datasource', term.key, term.value)
    for (const term of record.thematicAreas) add('theme', term.key, term.value)
  }
  // Labels equal to their value are left out (the page shows the value): on the full
  // corpus that halves the file. Sorted keys: two builds of one input write identical bytes.
  return Object.fromEntries(
    SEARCH_FILTERS.map((name) => [
      name,
      Object.fromEntries(
        [...facets[name]].filter(([value, label]) => value !== label).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      )
    ])
  ) as SearchFacets
}
