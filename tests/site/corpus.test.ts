/**
 * Full-corpus build (8,552 real pages), with its search index as CI builds it:
 * exactly one record page per input file, every index and export, no broken
 * internal links, no focal point's address in any output file. One build
 * shared by all assertions; slow, so it skips with a message when the corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { listCorpus } from '../../src/parse/load.ts'
import { TERM_FIELDS } from '../../src/records/fields.ts'
import { SDG_GOALS } from '../../src/records/normalize/sdgs.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { urls } from '../../src/site/urls.ts'
import { axeViolations, hasChromium } from '../helpers/browser.ts'
import { servedInBrowser } from '../helpers/served.ts'
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
    const counts = pages.map((f) => Number(/<p class="page-header__count">([\d,]+) records?\b/.exec(read(site.outDir, f))![1]!.replace(/,/g, '')))
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

  it('keeps every list, index and map page under 400 kB, and a record page within 50 kB of its own text (#14)', () => {
    const recordFiles = new Set(records.map((r) => `${urls.record(r.type, r.id).slice(1)}index.html`))
    const pages = files.filter((f) => f.endsWith('.html'))
    const lists = pages.filter((f) => !recordFiles.has(f)).map((f) => ({ f, bytes: Buffer.byteLength(read(site.outDir, f)) }))
    const heaviest = lists.sort((a, b) => b.bytes - a.bytes).slice(0, 3)
    let chrome = { f: '', bytes: 0 }
    for (const f of recordFiles) {
      const html = read(site.outDir, f)
      const body = html.slice(html.indexOf('<div class="record__body'), html.indexOf('<p class="record__source"'))
      const bytes = Buffer.byteLength(html) - Buffer.byteLength(body)
      if (bytes > chrome.bytes) chrome = { f, bytes }
    }
    console.log(`heaviest non-record pages: ${heaviest.map((p) => `${p.f} ${(p.bytes / 1024).toFixed(0)} kB`).join(', ')}; most a record page adds to its text: ${(chrome.bytes / 1024).toFixed(0)} kB (${chrome.f})`)
    expect(heaviest[0]!.bytes).toBeLessThan(400 * 1024)
    expect(chrome.bytes).toBeLessThan(50 * 1024)
    // The longest list runs over pages, each linking the others and the search filtered to the same records.
    const sdg12 = read(site.outDir, 'sdgs/12/index.html')
    expect(sdg12).toContain('href="/sdgs/12/page/2/" rel="next"')
    expect(sdg12).toContain('href="/search/?sdg=12"')
    expect(files).toContain('sdgs/12/page/2/index.html')
  })

  describe.skipIf(!hasChromium)('what a reader meets, in Chromium', () => {
    const chromium = servedInBrowser(() => site.outDir)

    const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 60_000, interval: 200 })
    const byUrl = () => new Map(records.map((r) => [urls.record(r.type, r.id), r]))

    /** Search as a reader does, typing into the page's box; the status once it has settled. */
    async function searchFor(page: Page, words: string): Promise<string> {
      await page.goto(`${chromium.server.url}/search/`)
      await poll(() => page.locator('[data-search-status]').textContent()).toMatch(/records?\.$/)
      await page.locator('#search-q').fill(words)
      await poll(() => page.locator('[data-search-status]').textContent()).toContain(`“`)
      return (await page.locator('[data-search-status]').textContent()) ?? ''
    }

    const topLinks = (page: Page) => page.locator('[data-search-results] .result__title a').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname))

    it('shows the matching text, not the metadata box, in the excerpts of common queries', async () => {
      const page = await chromium.browser.newPage()
      for (const words of ['waste', 'informal work', 'mobility']) {
        await searchFor(page, words)
        const excerpts = await page.locator('.result__excerpt').allTextContents()
        expect(excerpts.length, words).toBe(10)
        expect(excerpts.filter((e) => /^\s*Summary\b|Country\b.*\(Americas|Africa|Asia|Europe\)/.test(e)), words).toEqual([])
        expect(await page.locator('.result__excerpt mark').count(), words).toBeGreaterThanOrEqual(10)
      }
      await page.close()
    })

    it('ranks records holding the word as typed above stem matches (mobility, not mobile)', async () => {
      const page = await chromium.browser.newPage()
      await searchFor(page, 'mobility')
      const records = byUrl()
      const top = (await topLinks(page)).map((url) => records.get(url)!)
      const exact = top.filter((r) => /\bmobility\b/i.test(`${r.title} ${r.body}`)).length
      console.log(`"mobility": ${exact} of the top 10 hold the word`)
      expect(exact).toBeGreaterThanOrEqual(9)
      await page.close()
    })

    it('reads a goal query as the SDG filter: every top result carries the goal', async () => {
      const page = await chromium.browser.newPage()
      const records = byUrl()
      for (const [words, goal] of [['SDG 5', 5], ['goal 11', 11], ['ODS 13', 13]] as const) {
        await page.goto(`${chromium.server.url}/search/?q=${encodeURIComponent(words)}`)
        await poll(() => page.locator('[data-search-note]').textContent()).toContain('Showing records tagged with')
        await poll(async () => (await topLinks(page)).length).toBe(10)
        const top = (await topLinks(page)).map((url) => records.get(url)!)
        expect(top.filter((r) => r.sdgs.some((s) => s.number === goal)).length, words).toBe(10)
      }
      await page.close()
    })

    it('finds nothing for words the archive lacks, and suggests the archive’s own words for a misspelling', async () => {
      const page = await chromium.browser.newPage()
      expect(await searchFor(page, 'xqzvlorp')).toMatch(/^No record contains “xqzvlorp”/)
      expect(await page.locator('[data-search-results] li').count()).toBe(0)
      await searchFor(page, 'recyling')
      const offer = page.locator('[data-search-note] button', { hasText: /^recycling \(/ })
      await poll(() => offer.count()).toBe(1)
      const offered = Number(/\(([\d,]+)\)/.exec((await offer.textContent())!)![1]!.replace(/,/g, ''))
      expect(offered).toBeGreaterThan(300)
      await offer.click()
      await poll(() => page.locator('[data-search-status]').textContent()).toBe(`${offered.toLocaleString('en')} records for “recycling”.`)
      await page.screenshot({ path: '/tmp/shots/corpus-did-you-mean.png' })
      await page.close()
    })

    it('has no axe A/AA violations on a paginated list, a long plan and the search page with results', async () => {
      const longest = [...records].filter((r) => r.kind === 'learningplan').sort((a, b) => b.body.length - a.body.length)[0]!
      for (const [url, width] of [['/sdgs/12/page/2/', 1280], [urls.record(longest.type, longest.id), 390], ['/search/?q=waste', 1280]] as const) {
        const context = await chromium.browser.newContext({ bypassCSP: true, viewport: { width, height: 900 } })
        const page = await context.newPage()
        await page.goto(`${chromium.server.url}${url}`)
        if (url.startsWith('/search/')) await poll(() => page.locator('[data-search-status]').textContent()).toContain('records for')
        const name = url.replace(/\W+/g, '-').replace(/^-|-$/g, '')
        await page.screenshot({ path: `/tmp/shots/corpus-${name}-${width}.png` })
        const height = await page.evaluate(() => document.documentElement.scrollHeight)
        console.log(`${url} at ${width} px: ${height} px tall`)
        expect(await axeViolations(page), url).toEqual([])
        await context.close()
      }
    })
  })
})
