import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { searchFixtureRecords } from '../fixtures/search/records.ts'
import { buildFixtureSite, PREFIX, recordPath, type FixtureSite } from './fixture-site.ts'
import { openIndex, type IndexClient } from './query.ts'

let site: FixtureSite
let client: IndexClient

beforeAll(async () => {
  site = await buildFixtureSite()
  client = await openIndex(site.root, PREFIX)
})
afterAll(async () => {
  await client?.close()
})

const urlOf = (record: ArchiveRecord): string => PREFIX + recordPath(record)
const urlsWhere = (test: (record: ArchiveRecord) => boolean): string[] =>
  site.records.filter(test).map(urlOf).sort()
const byId = (id: string): ArchiveRecord => site.records.find((r) => r.id === id)!

describe('pagesWithEmails', () => {
  it('names the indexed pages whose text holds an address', async () => {
    const { pagesWithEmails } = await import('../../src/search/privacy-scan.ts')
    const leaky = searchFixtureRecords.map((r) => (r.id === 'senegal-femmes' ? { ...r, body: `${r.body}\n\nÉcrire à contact@joal-peche.sn` } : r))
    const other = await buildFixtureSite(leaky)
    expect(other.index.pagesWithEmails).toEqual([`/blog/senegal-femmes/`])
    expect(await pagesWithEmails(join(site.out, 'pagefind'))).toEqual([])
  })
})

describe('buildSearchIndex on the fixture site', () => {
  it('indexes every record page and only those, and reports its cost', () => {
    expect(site.index.errors).toEqual([])
    expect(site.index.pagesWithEmails).toEqual([])
    expect(site.index.pages).toBe(site.records.length)
    expect(site.index.bytes).toBeGreaterThan(10_000)
    expect(site.index.seconds).toBeGreaterThan(0)
    expect(site.index.seconds).toBeLessThan(30)
  })

  it.each([
    ['glacier meltwater', 'peru-water'],
    ['neighbourhood assemblies', 'paraguay-trust'],
    ['rondas campesinas', 'peru-justicia'],
    ['transformatrices de poisson', 'senegal-femmes'],
    ['مبادرة', 'jordan-water'],
    ['zebrafish', 'framework-intro']
  ])('finds %s first in %s (one search covers every language)', async (phrase, id) => {
    const hits = await client.search(phrase)
    expect(hits[0]?.url).toBe(urlOf(byId(id)))
  })

  it('folds diacritics: "asuncion" finds "Asunción"', async () => {
    const hits = await client.search('asuncion')
    expect(hits.map((h) => h.url)).toContain(urlOf(byId('paraguay-trust')))
  })

  it('filters by SDG with an empty query: exactly the records carrying that goal', async () => {
    for (const n of [5, 6, 16]) {
      const hits = await client.search(null, { filters: { sdg: String(n) } })
      expect(hits.map((h) => h.url).sort()).toEqual(urlsWhere((r) => r.sdgs.some((s) => s.number === n)))
    }
  })

  it('filters by ISO3 country: exactly that country’s records', async () => {
    const hits = await client.search(null, { filters: { country: 'PER' } })
    expect(hits.map((h) => h.url).sort()).toEqual(urlsWhere((r) => r.countries.some((c) => c.iso3 === 'PER')))
    expect(hits.length).toBe(2)
  })

  it('combines values of one filter with OR and filters with AND', async () => {
    const or = await client.search(null, { filters: { sdg: { any: ['5', '13'] } } })
    expect(or.map((h) => h.url).sort()).toEqual(urlsWhere((r) => r.sdgs.some((s) => s.number === 5 || s.number === 13)))
    const and = await client.search(null, { filters: { sdg: { any: ['16'] }, country: { any: ['PER'] } } })
    expect(and.map((h) => h.url)).toEqual([urlOf(byId('peru-justicia'))])
  })

  it('filters by region, kind, year and term keys', async () => {
    const americas = await client.search(null, { filters: { region: 'Americas' } })
    expect(americas.map((h) => h.url).sort()).toEqual(urlsWhere((r) => r.countries.some((c) => c.region === 'Americas')))
    const method = await client.search(null, { filters: { method: 'solutions mapping' } })
    expect(method.map((h) => h.url).sort()).toEqual(urlsWhere((r) => r.methods.some((m) => m.key === 'solutions mapping')))
    const kind = await client.search(null, { filters: { kind: 'learningplan' } })
    expect(kind.length).toBe(site.records.filter((r) => r.kind === 'learningplan').length)
    const year = await client.search(null, { filters: { year: '2022' } })
    expect(year.map((h) => h.url)).toEqual([urlOf(byId('senegal-femmes'))])
  })

  it('keeps unresolved countries out of the country filter', async () => {
    const filters = await client.filters()
    expect(Object.keys(filters.country ?? {}).sort()).toEqual(['JOR', 'PER', 'PRY', 'SEN'])
  })

  it('sorts every record by date (undated last when newest first) and by title', async () => {
    const newest = await client.search(null, { sort: { date: 'desc' } })
    expect(newest.length).toBe(site.records.length)
    expect(newest[0]?.url).toBe(urlOf(byId('paraguay-trust')))
    expect(newest.at(-1)?.url).toBe(urlOf(byId('framework-intro')))
    const titles = await client.search(null, { sort: { title: 'asc' } })
    const expected = [...site.records].sort((a, b) => (a.title.toLowerCase() < b.title.toLowerCase() ? -1 : 1))
    expect(titles.map((h) => h.url)).toEqual(expected.map(urlOf))
  })

  it('gives each result its title, kind, countries and year, and marks the match', async () => {
    const [hit] = await client.search('irrigation')
    expect(hit?.meta).toMatchObject({ title: 'Glacier meltwater and Andean farmers', kind: 'Learning plan', countries: 'Peru', year: '2023' })
    expect(hit?.excerpt).toContain('<mark>irrigation</mark>')
  })

  it('never puts a focal-point e-mail (or any e-mail) into the index', async () => {
    const files = await readdir(join(site.out, 'pagefind'), { recursive: true, withFileTypes: true })
    let fragments = 0
    for (const file of files) {
      if (!file.isFile() || /\.(js|css)$/.test(file.name)) continue
      const raw = await readFile(join(file.parentPath, file.name))
      let text = raw.toString('latin1')
      if (raw[0] === 0x1f && raw[1] === 0x8b) text = gunzipSync(raw).toString('utf8')
      if (file.name.endsWith('.pf_fragment')) fragments++
      expect(text, file.name).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
      for (const record of site.records) for (const email of record.focalPoints) expect(text).not.toContain(email.split('@')[0])
    }
    expect(fragments).toBeGreaterThan(0)
    expect(await client.search('quispe')).toEqual([])
  })

  it('writes filter labels for the search page, keyed by the indexed values', async () => {
    const facets = JSON.parse(await readFile(join(site.out, 'search', 'facets.json'), 'utf8'))
    expect(facets.country.PER).toBe('Peru')
    expect(facets.sdg['16']).toBe('16. Peace, justice and strong institutions')
    expect(facets.method['solutions mapping']).toBe('Solutions Mapping')
    expect(facets.kind.learningplan).toBe('Learning plan')
    const indexed = await client.filters()
    // Kind labels are made up (kindLabel); every other label is a spelling found in the records.
    for (const name of Object.keys(indexed).filter((n) => n !== 'kind')) {
      for (const value of Object.keys(indexed[name]!)) {
        // A label is written only when it differs from the value: the page then shows the value.
        const label: string = facets[name][value] ?? value
        const record = site.records.find((r) => JSON.stringify(r).includes(label))
        expect(record, `${name}=${value} → ${label}`).toBeDefined()
      }
    }
    expect(facets.year).toEqual({})
    expect(facets.method['ethnography']).toBe('Ethnography')
  })
})
