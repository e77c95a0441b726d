/**
 * A free-text field of the registry (src/records/fields.ts), followed on a built
 * site to every surface a reader or a data user meets: `[[partnering_sector:…]]`,
 * the field added to the registry as one entry (#15). Its values get an index
 * family, record pages list them, the search page offers and applies its filter,
 * the exports carry them, the config's aliases apply to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { urls } from '../../src/site/urls.ts'
import { openIndex, type IndexClient } from '../search/query.ts'
import { buildInto, type BuildRun, decodeEntities, read } from './helpers.ts'

let site: BuildRun
let records: ArchiveRecord[]
let client: IndexClient
const page = (url: string): string => decodeEntities(read(site.outDir, `${url.replace(/^\//, '')}index.html`))
const recordUrl = (path: string): string => {
  const r = records.find((x) => x.source.path === path)!
  return urls.record(r.type, r.id)
}

beforeAll(async () => {
  site = await buildInto('tests/fixtures/site/fields', ['--no-cache'])
  records = JSON.parse(read(site.outDir, 'records.json')) as ArchiveRecord[]
  client = await openIndex(site.outDir, '/')
}, 120_000)
afterAll(async () => {
  await client?.close()
})

describe('a free-text field added as one registry entry: partnering sectors', () => {
  it('is parsed from every spelling of its key, folded and aliased as the config says', () => {
    const values = Object.fromEntries(records.map((r) => [r.source.path, r.partneringSectors.map((t) => t.value)]))
    expect(values).toEqual({
      'ngo-partnership.md': ['academia.', 'Civil Society/ NGOs'],
      'university-partnership.md': ['Academia', 'Public Sector']
    })
  })

  it('has an index family: an overview by count and a page per value listing its records', () => {
    const overview = page('/partnering-sectors/')
    expect(overview).toContain('<h1>Partnering sectors</h1>')
    const academia = page('/partnering-sectors/academia/')
    expect(academia).toContain(`href="${recordUrl('ngo-partnership.md')}"`)
    expect(academia).toContain(`href="${recordUrl('university-partnership.md')}"`)
    expect(page('/tags/')).toContain('href="/partnering-sectors/"')
    expect(page('/tags/')).toContain('data sources, thematic areas and partnering sectors;')
  })

  it("is on each record page's summary, each value linking to its page", () => {
    const html = page(recordUrl('university-partnership.md'))
    expect(html).toMatch(/<dt>Partnering sectors<\/dt> <dd><ul class="values"><li><a href="\/partnering-sectors\/academia\/">Academia<\/a><\/li><li><a href="\/partnering-sectors\/public-sector\/">Public Sector<\/a><\/li><\/ul><\/dd>/)
  })

  it('is a search filter: the page lists it, and it narrows the results with exact counts', async () => {
    expect(read(site.outDir, 'assets/search-filters.js')).toContain('"name": "partner"')
    expect((await client.filters()).partner).toEqual({ academia: 2, 'civil society/ ngo': 1, 'public sector': 1 })
    const hits = await client.search(null, { filters: { partner: 'public sector' } })
    expect(hits.map((h) => h.url)).toEqual([recordUrl('university-partnership.md')])
  })

  it('is a column of records.csv', () => {
    const csv = read(site.outDir, 'records.csv')
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split('\r\n')
    const column = header!.split(',').indexOf('partnering_sectors')
    expect(column).toBeGreaterThan(header!.split(',').indexOf('thematic_areas'))
    expect(rows.map((row) => row.split(',')[column]).sort()).toEqual(['Academia; Public Sector', 'academia.; Civil Society/ NGOs'])
  })
})
