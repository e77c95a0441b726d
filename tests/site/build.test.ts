/**
 * The archive site built from content/: pages per record, every index,
 * reachability of every value from its index, internal links, feeds, exports.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { TERM_FIELDS } from '../../src/records/fields.ts'
import { SDG_GOALS } from '../../src/records/normalize/sdgs.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'

import { urls } from '../../src/site/urls.ts'
import { brokenLinks, buildInto, type BuildRun, decodeEntities, linksOf, listFiles, read, urlOf } from './helpers.ts'

let summary: BuildRun
let files: string[]
let records: ArchiveRecord[]
const page = (url: string): string => read(summary.outDir, `${url.replace(/^\//, '')}index.html`)

beforeAll(async () => {
  summary = await buildInto('content')
  files = listFiles(summary.outDir)
  records = JSON.parse(read(summary.outDir, 'records.json')) as ArchiveRecord[]
})

describe('build of content/', () => {
  it('writes exactly one page per record at its permalink', () => {
    expect(records.length).toBe(5)
    expect(summary.records).toBe(records.length)
    const recordPages = files.filter((f) => /^(plans|frameworks)\/[^/]+\/index\.html$/.test(f))
    expect(recordPages.map(urlOf).sort()).toEqual(records.map((r) => urls.record(r.type, r.id)).sort())
    for (const r of records) {
      const html = page(urls.record(r.type, r.id))
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1)
      expect(html).toContain('data-pagefind-body')
    }
    expect(records.filter((r) => r.kind === 'learningplan').every((r) => urls.record(r.type, r.id).startsWith('/plans/'))).toBe(true)
    expect(records.filter((r) => r.kind === 'framework').every((r) => urls.record(r.type, r.id).startsWith('/frameworks/'))).toBe(true)
  })

  it('writes every overview, feed, export and service file', () => {
    for (const f of [
      'index.html', '404.html', 'robots.txt', 'sitemap.xml', 'feed.xml', 'records.json', 'records.csv',
      'countries/index.html', 'sdgs/index.html', 'years/index.html', 'kinds/index.html', 'tags/index.html', 'map/index.html',
      'methods/index.html', 'datasources/index.html', 'thematic-areas/index.html', 'plans/index.html', 'frameworks/index.html',
      'assets/site.css', 'assets/sdg.css'
    ]) expect(files, f).toContain(f)
    for (const g of SDG_GOALS) {
      expect(files).toContain(`sdgs/${g.number}/index.html`)
      expect(files).toContain(`sdgs/${g.number}/feed.xml`)
    }
    for (const r of records) for (const c of r.countries) if (c.iso3) expect(files).toContain(`countries/${c.iso3.toLowerCase()}/feed.xml`)
  })

  it('every HTML page has lang, one h1, a skip link, landmarks and the CSP', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = read(summary.outDir, f)
      expect(html, f).toMatch(/<html lang="[a-z]{2,3}(-[A-Za-z0-9]+)*"/)
      expect(html.match(/<h1[\s>]/g), f).toHaveLength(1)
      expect(html, f).toContain('class="skip-link" href="#main"')
      expect(html, f).toMatch(/<main id="main"/)
      expect(html, f).toMatch(/<header class="site-header">/)
      expect(html, f).toMatch(/<meta http-equiv="Content-Security-Policy" content="[^"]*script-src 'self' 'wasm-unsafe-eval'/)
    }
  })

  it('lists all 17 SDGs with their counts, zero included', () => {
    const html = page('/sdgs/')
    for (const g of SDG_GOALS) {
      const count = records.filter((r) => r.sdgs.some((s) => s.number === g.number)).length
      const tile = new RegExp(`href="/sdgs/${g.number}/"[^>]*>.*?sdg-tile__count">${count} records?<`)
      expect(html, `SDG ${g.number}`).toMatch(tile)
    }
  })

  it('links every value of every record to an index page that lists the record, and every index page from its overview', () => {
    const overviewLinks = new Set(
      ['/countries/', '/sdgs/', '/methods/', '/datasources/', '/thematic-areas/', '/years/', '/kinds/', '/stages/', '/challenge-types/']
        .filter((u) => files.includes(`${u.slice(1)}index.html`))
        .flatMap((u) => linksOf(page(u)).map((l) => l.split('#')[0]!))
    )
    for (const r of records) {
      const url = urls.record(r.type, r.id)
      const html = page(url)
      const summaryHtml = html.slice(html.indexOf('<dl class="summary__list">'), html.indexOf('</dl>'))
      const valueLinks = (label: string): string[] => {
        const row = summaryHtml.match(new RegExp(`<dt>${label}</dt>\\s*<dd[^>]*>(.*?)</dd></div>`))
        return row ? linksOf(row[1]!).filter((l) => !l.startsWith('/countries/#')) : []
      }
      const expectations: Array<[string, number]> = [
        ['Country', r.countries.length],
        ['SDGs', r.sdgs.length],
        ...TERM_FIELDS.map((f): [string, number] => [f.plural, r[f.property].length]),
        ['Year', r.year === null ? 0 : 1]
      ]
      for (const [label, n] of expectations) {
        const links = valueLinks(label)
        expect(links, `${r.id} ${label}`).toHaveLength(n)
        for (const link of links) {
          if (link.startsWith('/search/?')) {
            // A value held by fewer records than minTagRecords: the search, filtered by it, and
            // listed (with the same link) under "More" on its family's overview.
            const field = TERM_FIELDS.find((f) => f.plural === label)!
            const key = new URLSearchParams(link.split('?')[1]).get(field.filter)!
            expect(r[field.property].map((t) => t.key), `${r.id} ${label} → ${link}`).toContain(key)
            expect(overviewLinks.has(link), `${link} is listed on its overview`).toBe(true)
            continue
          }
          const [path, hash] = link.split('#') as [string, string | undefined]
          const target = page(path)
          if (hash) {
            // Unrecognised SDG values are listed on the overview under their anchor.
            expect(target, `${r.id} ${label} ${link}`).toContain(`id="${hash}"`)
          }
          expect(target, `${r.id} ${label} → ${link} lists the record`).toContain(`href="${url}"`)
          expect(overviewLinks.has(path) || hash !== undefined, `${link} is linked from its overview`).toBe(true)
        }
      }
    }
  })

  it('has no broken internal href/src (files and anchors)', () => {
    expect(brokenLinks(summary.outDir, files)).toEqual([])
  })

  it('lists every HTML page in the sitemap and nothing else', () => {
    const locs = [...read(summary.outDir, 'sitemap.xml').matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => decodeEntities(m[1]!))
    const pages = files.filter((f) => f.endsWith('index.html')).map(urlOf)
    expect(new Set(locs)).toEqual(new Set(pages))
  })

  it('writes Atom feeds newest first with one entry per dated record', () => {
    const feed = read(summary.outDir, 'feed.xml')
    expect(feed.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom"')).toBe(true)
    const updated = [...feed.matchAll(/<entry>[\s\S]*?<updated>([^<]+)<\/updated>/g)].map((m) => m[1]!)
    expect(updated.length).toBe(records.filter((r) => r.date || r.year !== null).length)
    expect([...updated].sort().reverse()).toEqual(updated)
  })

  it('hides focal-point e-mails by default, in pages and records.json', () => {
    const all = files.filter((f) => /\.(html|xml|json|csv|txt)$/.test(f)).map((f) => read(summary.outDir, f)).join('\n')
    for (const r of records) for (const e of r.focalPoints) expect(e).not.toMatch(/^[^@*]+@/)
    expect(all).not.toContain('mariana.olcese@undp.org')
  })

  it('marks record bodies in another language with lang', () => {
    for (const r of records) {
      const html = page(urls.record(r.type, r.id))
      if (r.language && r.language !== 'und' && !r.language.startsWith('en')) {
        expect(html, r.id).toContain(`class="record__body prose" lang="${r.language}"`)
      }
    }
  })
})

describe('build --search-shards', () => {
  it('splits the search index in the shards asked for', async () => {
    const site = await buildInto('content', ['--no-cache', '--search-shards', '2'])
    expect(site.search?.shards).toBe(2)
    expect(site.search?.pages).toBe(site.records)
    const manifest = JSON.parse(readFileSync(join(site.outDir, 'pagefind', 'shards.json'), 'utf8')) as { shards: unknown[] }
    expect(manifest.shards).toHaveLength(2)
  }, 120_000)
})
