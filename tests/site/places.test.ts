/**
 * Every place a record names (#15), on the built site: a place inside a country
 * (`[[country:England]]`) is filed under its country on the country page, the
 * overview, the search filter and the feed, and shown as written; every
 * distinct point reaches the map and the CSV; Null Island is no place at all.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { urls } from '../../src/site/urls.ts'
import { openIndex, type IndexClient } from '../search/query.ts'
import { buildInto, type BuildRun, decodeEntities, listFiles, read } from './helpers.ts'

let site: BuildRun
let files: string[]
let records: ArchiveRecord[]
let client: IndexClient
const page = (url: string): string => read(site.outDir, `${url.replace(/^\//, '')}index.html`)
const urlOf = (path: string): string => {
  const r = records.find((x) => x.source.path === path)!
  return urls.record(r.type, r.id)
}

beforeAll(async () => {
  site = await buildInto('tests/fixtures/site/places', ['--no-cache'])
  files = listFiles(site.outDir)
  records = JSON.parse(read(site.outDir, 'records.json')) as ArchiveRecord[]
  client = await openIndex(site.outDir, '/')
}, 120_000)
afterAll(async () => {
  await client?.close()
})

describe('a place inside a country (England)', () => {
  it('is on the United Kingdom’s page with the country’s own records, shown as written', () => {
    const gbr = page('/countries/gbr/')
    expect(gbr).toContain(`href="${urlOf('repair-cafes-in-england.md')}"`)
    expect(gbr).toContain(`href="${urlOf('edinburgh-library-of-things.md')}"`)
    expect(gbr).toContain('<p class="page-header__count">2 records</p>')
    expect(gbr).toContain('England (United Kingdom)')
    expect(gbr).toContain('Includes the records tagged with places in United Kingdom: England (1).')
    expect(files.filter((f) => f.startsWith('countries/unresolved/'))).toEqual([])
  })

  it('counts for the United Kingdom on the overview and in the search filter, labelled with the country', async () => {
    expect(page('/countries/')).toMatch(/href="\/countries\/gbr\/">United Kingdom<\/a> <span class="count">2</)
    expect((await client.filters()).country).toEqual({ GBR: 2 })
    const hits = await client.search(null, { filters: { country: 'GBR' } })
    expect(hits.map((h) => h.url).sort()).toEqual([urlOf('edinburgh-library-of-things.md'), urlOf('repair-cafes-in-england.md')].sort())
    expect(hits.find((h) => h.url === urlOf('repair-cafes-in-england.md'))!.meta.countries).toBe('England (United Kingdom)')
    const facets = JSON.parse(read(site.outDir, 'search/facets.json')) as { country: Record<string, string>; region: Record<string, string> }
    expect(facets.country).toEqual({ GBR: 'United Kingdom' })
  })

  it('links from its record page to the country page, with the place and the region', () => {
    const html = page(urlOf('repair-cafes-in-england.md'))
    expect(html).toMatch(/<a href="\/countries\/gbr\/">England \(United Kingdom\)<\/a> <span class="region">\(<a href="\/countries\/#region-europe">Europe<\/a>\)/)
    const jsonLd = JSON.parse(decodeEntities(/<script type="application\/ld\+json">([^<]*)<\/script>/.exec(html)![1]!)) as { spatialCoverage: unknown }
    expect(jsonLd.spatialCoverage).toEqual([{ '@type': 'Place', name: 'England', containedInPlace: { '@type': 'Country', name: 'United Kingdom' } }])
  })

  it('is in the United Kingdom’s feed, and counts as GBR in the CSV', () => {
    const feed = read(site.outDir, 'countries/gbr/feed.xml')
    expect(feed).toContain('<title>Repair cafés in Leeds and London</title>')
    expect(feed).toContain('<summary>Solution · England (United Kingdom) · 2022</summary>')
    const csv = readFileSync(join(site.outDir, 'records.csv'), 'utf8')
    expect(csv).toContain('England (United Kingdom),GBR,Europe,')
  })
})

describe('points', () => {
  it('keeps every distinct point of a record, at its tag; not its repeats, not 0,0', () => {
    const england = records.find((r) => r.source.path === 'repair-cafes-in-england.md')!
    expect(england.locations).toEqual([
      { lat: 53.8008, lng: -1.5491, line: 6, column: 1 },
      { lat: 51.5072, lng: -0.1276, line: 7, column: 1 }
    ])
    const csv = readFileSync(join(site.outDir, 'records.csv'), 'utf8')
    expect(csv).toContain('53.8008,-1.5491,"(53.8008, -1.5491); (51.5072, -0.1276)"')
  })

  it('draws them all on the map, each record titled once', () => {
    const html = page('/map/')
    expect(html).toContain('points mark the 3 places named by 2 records')
    expect(html).toContain('3 places named by 2 records')
    const svg = html.slice(html.indexOf('<g class="points"'), html.indexOf('<g class="legend"'))
    const titles = [...svg.matchAll(/<title>([^<]*)<\/title>/g)].map((m) => decodeEntities(m[1]!))
    expect(titles.join('\n')).toContain('Repair cafés in Leeds and London')
    expect(titles.join('\n')).toContain('A library of things in Edinburgh')
    expect(titles.join('\n')).not.toMatch(/Repair cafés[^\n]*Repair cafés/)
  })
})

describe('Null Island', () => {
  it('is no country and no location, only info diagnostics', () => {
    const placeholder = records.find((r) => r.source.path === 'placeholder-place.md')!
    expect(placeholder.countries).toEqual([])
    expect(placeholder.locations).toEqual([])
    expect(placeholder.diagnostics.map((d) => [d.rule, d.severity]).sort()).toEqual([['country-null-island', 'info'], ['latlng-null-island', 'info']])
    expect(placeholder.tags.country).toEqual(['Null Island'])
  })

  it('appears on no page, feed or filter', async () => {
    for (const f of files.filter((x) => /\.(html|xml)$/.test(x))) expect(read(site.outDir, f), f).not.toMatch(/Null Island/i)
    expect(page('/countries/')).toContain('Every country value resolved to a country.')
    expect(Object.keys((await client.filters()).country ?? {})).toEqual(['GBR'])
  })
})
