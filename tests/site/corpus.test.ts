/**
 * Full-corpus build (8,552 real pages), with its search index as CI builds it:
 * exactly one record page per input file, every index and export, no broken
 * internal links, no focal point's address in any output file. One build
 * shared by all assertions; slow, so it skips with a message when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { beforeAll, describe, expect, it } from 'vitest'
import { listCorpus } from '../../src/parse/load.ts'
import { TERM_FIELDS } from '../../src/records/fields.ts'
import { SDG_GOALS } from '../../src/records/normalize/sdgs.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { urls } from '../../src/site/urls.ts'
import { brokenLinks, buildInto, type BuildRun, listFiles, read } from './helpers.ts'
import { addressLeaks, focalPointsIn } from './output-scan.ts'

const CORPUS = '../shared/corpus/sdg-commons/pages'
const present = existsSync(CORPUS)
if (!present) console.warn(`site corpus test skipped: ${CORPUS} is absent`)

describe.skipIf(!present)('full-corpus site build', () => {
  let site: BuildRun
  let files: string[]
  let records: ArchiveRecord[]
  let inputs: number
  let focalPoints: string[]

  beforeAll(async () => {
    const corpus = await listCorpus(CORPUS)
    inputs = corpus.length
    focalPoints = [...new Set(corpus.flatMap((file) => focalPointsIn(readFileSync(file.absPath, 'utf8'))))]
    site = await buildInto(CORPUS, [])
    files = listFiles(site.outDir)
    records = JSON.parse(read(site.outDir, 'records.json')) as ArchiveRecord[]
    console.log(`corpus build: ${site.records} records, ${site.pagesWritten} files, ${site.seconds.toFixed(1)} s (parse ${site.parseSeconds.toFixed(1)} s), peak ${site.peakRssBytes === null ? '?' : (site.peakRssBytes / 2 ** 20).toFixed(0)} MiB; search ${site.search?.pages ?? 0} pages, ${site.search?.seconds.toFixed(1) ?? '-'} s`)
  }, 1_800_000)

  it('writes exactly one record page per input file', () => {
    expect(site.records).toBe(inputs)
    expect(records.length).toBe(inputs)
    const recordUrls = new Set(records.map((r) => urls.record(r.type, r.id)))
    expect(recordUrls.size).toBe(inputs)
    for (const url of recordUrls) expect(files, url).toContain(`${url.slice(1)}index.html`)
  })

  it('writes every SDG page and feed, the overviews and the exports', () => {
    for (const g of SDG_GOALS) expect(files).toContain(`sdgs/${g.number}/index.html`)
    for (const f of ['index.html', 'countries/index.html', 'map/index.html', 'feed.xml', 'records.csv', 'sitemap.xml', 'tags/index.html']) expect(files).toContain(f)
    const countries = new Set(records.flatMap((r) => r.countries.filter((c) => c.iso3).map((c) => c.iso3!.toLowerCase())))
    for (const c of countries) expect(files).toContain(`countries/${c}/feed.xml`)
  })

  it('has no broken internal links to pages, assets or anchors the site generates', () => {
    // Links authors wrote inside bodies may point anywhere; the site's own links and lifted images must resolve.
    expect(brokenLinks(site.outDir, files, { authorLinks: false }).slice(0, 20)).toEqual([])
  })

  it('relates records across borders: at most half of all related links stay in the record’s own country (#14)', () => {
    // The country a record is filed under, by page URL, as records.json gives them.
    const countriesOf = new Map(records.map((r) => [urls.record(r.type, r.id), new Set(r.countries.map((c) => c.within?.iso3 ?? c.iso3 ?? c.raw))]))
    let links = 0
    let home = 0
    let allHome = 0
    let withCountry = 0
    let elsewhere = 0
    for (const r of records) {
      const own = countriesOf.get(urls.record(r.type, r.id))!
      const aside = /<aside class="related"[\s\S]*?<\/aside>/.exec(read(site.outDir, `${urls.record(r.type, r.id).slice(1)}index.html`))?.[0] ?? ''
      const targets = [...aside.matchAll(/<li class="record-item"><a href="([^"]+)"/g)].map((m) => m[1]!)
      const local = targets.filter((url) => [...(countriesOf.get(url) ?? [])].some((c) => own.has(c))).length
      links += targets.length
      home += local
      if (own.size && targets.length) {
        withCountry++
        if (local === targets.length) allHome++
        if (aside.includes('id="elsewhere-heading"')) elsewhere++
      }
    }
    console.log(`related links: ${links}, own country ${(100 * home / links).toFixed(1)}%; records all of whose links are home: ${(100 * allHome / withCountry).toFixed(1)}%; with a "same topic elsewhere" list: ${(100 * elsewhere / withCountry).toFixed(1)}%`)
    expect(home / links).toBeLessThanOrEqual(0.5)
  })

  it('gives tag pages only to values held by enough records: at most 10% of them hold one record (#14)', () => {
    const segments = TERM_FIELDS.map((f) => `${f.segment}/`)
    const pages = files.filter((f) => segments.some((s) => f.startsWith(s)) && f.split('/').length === 3)
    const counts = pages.map((f) => Number(/<p class="page-header__count">([\d,]+) records?<\/p>/.exec(read(site.outDir, f))![1]!.replace(/,/g, '')))
    const single = counts.filter((n) => n === 1).length
    console.log(`tag pages: ${pages.length}, holding one record: ${single}`)
    expect(pages.length).toBeGreaterThan(500)
    expect(single / pages.length).toBeLessThanOrEqual(0.1)
  })

  it('keeps the map page small: countries link to their pages instead of the map listing every record (#14)', () => {
    const bytes = Buffer.byteLength(read(site.outDir, 'map/index.html'))
    console.log(`map page: ${(bytes / 1024).toFixed(0)} kB`)
    expect(bytes).toBeLessThan(400 * 1024)
  })

  it('shows no focal-point address anywhere: pages, feeds, exports, the search bundle', () => {
    // The corpus's blog_flowers_in_the_air.md made one a heading and its id.
    expect(focalPoints.length).toBeGreaterThan(200)
    expect(files.filter((f) => f.startsWith('pagefind/') && f.includes('/fragment/')).length).toBeGreaterThan(inputs / 2)
    expect(addressLeaks(site.outDir, focalPoints).slice(0, 20)).toEqual([])
    // Its heading now stands in the text only (the title heading is dropped, so one heading is left: no contents).
    expect(read(site.outDir, 'blog/blog-flowers-in-the-air/index.html')).toMatch(/write to: (?:<(?:a|span)\b[^>]*>)?@undp\.org/)
  })
})
