/**
 * The registry of the record's fields as readers meet them: for now, the search
 * filters. Each entry names the filter, how the search page shows it, and the
 * language-neutral values and display labels a record gives it. The search
 * stage (facets.json), the record pages' search data (the `searchFilters`
 * template filter) and the search page (assets/search-filters.js, generated from
 * this list; a test keeps it equal) all read it, so a filter is added here once.
 */
import { kindLabel } from './kind.ts'
import { filedCountry, type ArchiveRecord } from './types.ts'

/** One value of a filter: what the index stores, and what the page shows. */
export interface FacetValue {
  value: string
  label: string
}

export interface SearchFacet {
  /** The Pagefind filter name (`data-pagefind-filter`), also the URL parameter. */
  name: string
  /** The fieldset's legend on the search page. */
  legend: string
  /** How the page orders the values: by count, by number, by number descending. */
  order: 'count' | 'number' | 'number-desc'
  /** Values shown before "show more". */
  shown: number
  /** Its filter data is fetched when its fieldset is opened (large filters). */
  lazy?: boolean
  /** The record's values, each once. */
  values(record: ArchiveRecord): FacetValue[]
}

const terms = (list: ArchiveRecord['methods']): FacetValue[] => list.map((t) => ({ value: t.key, label: t.value }))

/** Countries as the filters file them: a place inside a country under that country; unresolved values are not filterable. */
function filedCountries(record: ArchiveRecord) {
  return record.countries.flatMap((country) => {
    const filed = filedCountry(country)
    return filed ? [filed] : []
  })
}

/** The search filters, in the order the search page shows them. */
export const SEARCH_FACETS = [
  { name: 'kind', legend: 'Kind', order: 'count', shown: 12, values: (r) => [{ value: r.kind, label: kindLabel(r.kind) }] },
  {
    name: 'country', legend: 'Country', order: 'count', shown: 8,
    values: (r) => filedCountries(r).map((c) => ({ value: c.iso3!, label: c.name }))
  },
  {
    name: 'region', legend: 'Region', order: 'count', shown: 8,
    values: (r) => filedCountries(r).flatMap((c) => (c.region ? [{ value: c.region, label: c.region }] : []))
  },
  {
    name: 'sdg', legend: 'Sustainable Development Goal', order: 'number', shown: 17,
    values: (r) => r.sdgs.flatMap((s) => (s.number === null ? [] : [{ value: String(s.number), label: `${s.number}. ${s.name ?? s.raw}` }]))
  },
  {
    name: 'year', legend: 'Year', order: 'number-desc', shown: 8,
    values: (r) => (r.year === null ? [] : [{ value: String(r.year), label: String(r.year) }])
  },
  // Lazy: their filter data is about half of what a search downloads on the corpus.
  { name: 'method', legend: 'Method', order: 'count', shown: 8, lazy: true, values: (r) => terms(r.methods) },
  { name: 'datasource', legend: 'Data source', order: 'count', shown: 8, lazy: true, values: (r) => terms(r.datasources) },
  { name: 'theme', legend: 'Thematic area', order: 'count', shown: 8, lazy: true, values: (r) => terms(r.thematicAreas) }
] as const satisfies readonly SearchFacet[]

/** The filter names. */
export type SearchFilterName = (typeof SEARCH_FACETS)[number]['name']

/** A record's filter values, each filter's values once, in registry order (for `data-pagefind-filter`). */
export function searchFilterValues(record: ArchiveRecord): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = []
  for (const facet of SEARCH_FACETS as readonly SearchFacet[]) {
    const seen = new Set<string>()
    for (const { value } of facet.values(record)) {
      if (value === '' || seen.has(value)) continue
      seen.add(value)
      out.push({ name: facet.name, value })
    }
  }
  return out
}
