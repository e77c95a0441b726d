/**
 * The tag families (src/site/emit/terms.ts): values whose keys differ but
 * whose slugs are the same get numbered URLs, in alphabetical order; values
 * held by too few records get no page (they link to the search, filtered, and
 * are listed under "More"); a value's page lists the values most of its records share.
 */
import { describe, expect, it } from 'vitest'
import { recordOrder } from '../../../src/site/emit/records.ts'
import { emitTerms } from '../../../src/site/emit/terms.ts'
import { parseText } from '../../parse/helpers.ts'

const record = (name: string, areas: string[]) =>
  parseText(`${name}.md`, `# ${name}\n\n[[type:blog]]\n${areas.map((a) => `[[thematic_areas:${a}]]\n`).join('')}\nText.\n`).record

describe('emitTerms', () => {
  // Keys differ (accents fold into the key, an exclamation mark does not), slugs do not.
  const records = [record('a', ['Adaptación al cambio climático!']), record('b', ['Adaptacion al cambio climatico', 'Water']), record('c', ['Adaptación al cambio climático'])]
  const terms = emitTerms(records, recordOrder(records))
  const areas = terms.facets.find((f) => f.url === '/thematic-areas/')!

  it('numbers colliding slugs in alphabetical order, and record pages link each value to its own page', () => {
    expect(areas.alphabetical.map((l) => [l.label, l.url, l.count])).toEqual([
      ['Adaptacion al cambio climatico', '/thematic-areas/adaptacion-al-cambio-climatico/', 2],
      ['Adaptación al cambio climático!', '/thematic-areas/adaptacion-al-cambio-climatico-2/', 1],
      ['Water', '/thematic-areas/water/', 1]
    ])
    const key = records[0]!.thematicAreas[0]!.key
    expect(terms.url('thematicAreas', key)).toBe('/thematic-areas/adaptacion-al-cambio-climatico-2/')
    expect(terms.pages.map((p) => p.url)).toEqual(areas.alphabetical.map((l) => l.url))
  })

  it('lists each family by count too, and sends a value no record has to its family overview', () => {
    expect(areas.byCount.map((l) => l.count)).toEqual([2, 1, 1])
    expect(terms.facets.map((f) => f.title)).toEqual(['Methods', 'Data sources', 'Thematic areas', 'Partnering sectors'])
    expect(terms.url('methods', 'no such method')).toBe('/methods/')
  })
})

describe('emitTerms with a minimum of records per page', () => {
  const records = [
    record('a', ['Waste', 'Recycling', 'Plastic']),
    record('b', ['Waste', 'Recycling']),
    record('c', ['Waste', 'Mobility']),
    record('d', ['Recycling', 'Mobility'])
  ]
  const terms = emitTerms(records, recordOrder(records), 2)
  const areas = terms.facets.find((f) => f.url === '/thematic-areas/')!

  it('gives a page only to values held by that many records; the others link to the search and are listed as more', () => {
    expect(areas.alphabetical.map((l) => [l.label, l.count])).toEqual([['Mobility', 2], ['Recycling', 3], ['Waste', 3]])
    expect(areas.more).toEqual([{ label: 'Plastic', url: '/search/?theme=plastic', count: 1 }])
    expect(terms.url('thematicAreas', 'plastic')).toBe('/search/?theme=plastic')
    expect(terms.pages.map((p) => p.title)).toEqual(['Mobility', 'Recycling', 'Waste'])
  })

  it("lists on a value's page the values its records carry most, pages only", () => {
    const waste = terms.pages.find((p) => p.title === 'Waste')!
    expect(waste.related.map((l) => [l.label, l.count])).toEqual([['Recycling', 2], ['Mobility', 1]])
    expect(waste.related[0]!.url).toBe('/thematic-areas/recycling/')
  })
})
