/**
 * The search filters come from one registry (src/records/fields.ts): the labels of
 * facets.json, the page's filter list (assets/search-filters.js, written at build
 * time) and the values a record page gives Pagefind all follow it.
 */
import { describe, expect, it } from 'vitest'
import { SEARCH_FACETS, searchFilterValues } from '../../src/records/fields.ts'
import { searchFacets } from '../../src/search/facets.ts'
import { searchFiltersModule } from '../../src/site/emit/search-filters.ts'
import { parseText } from '../parse/helpers.ts'

const plan = parseText('plans/p.md', [
  '[[type:case_study]]', '[[country:England]]', '[[country:Peru]]', '[[sdgs:13]]', '[[year:2023]]',
  '[[methods:Co-creation]]', '[[datasources:Surveys]]', '[[thematic_areas:Climate]]', '[[partners:Academia]]', '', '# A plan', ''
].join('\n')).record

describe('the search filter registry', () => {
  it('is what the search page loads: assets/search-filters.js lists its filters, without functions', async () => {
    const { FILTERS } = await import(`data:text/javascript,${encodeURIComponent(searchFiltersModule())}`)
    expect(FILTERS).toEqual(SEARCH_FACETS.map(({ name, legend, order, shown, lazy }) => ({ name, legend, order, shown, ...(lazy ? { lazy } : {}) })))
    expect(FILTERS.map((f: { name: string }) => f.name)).toEqual(['kind', 'country', 'region', 'sdg', 'year', 'method', 'datasource', 'theme', 'partner'])
  })

  it("gives a record's filter values, each filter's once, a place inside a country as that country", () => {
    expect(searchFilterValues(plan)).toEqual([
      { name: 'kind', value: 'case_study' },
      { name: 'country', value: 'GBR' },
      { name: 'country', value: 'PER' },
      { name: 'region', value: 'Europe' },
      { name: 'region', value: 'Americas' },
      { name: 'sdg', value: '13' },
      { name: 'year', value: '2023' },
      { name: 'method', value: plan.methods[0]!.key },
      { name: 'datasource', value: plan.datasources[0]!.key },
      { name: 'theme', value: plan.thematicAreas[0]!.key },
      { name: 'partner', value: 'academia' }
    ])
  })

  it('labels every filter of facets.json, and only where the label differs from the value', () => {
    const facets = searchFacets([plan])
    expect(Object.keys(facets)).toEqual(SEARCH_FACETS.map((facet) => facet.name))
    expect(facets.kind).toEqual({ case_study: 'Case study' })
    expect(facets.country).toEqual({ GBR: 'United Kingdom', PER: 'Peru' })
    expect(facets.region).toEqual({})
    expect(facets.partner).toEqual({ academia: 'Academia' })
    expect(facets.sdg!['13']).toMatch(/^13\. Climate/)
  })
})
