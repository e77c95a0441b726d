/**
 * Reading comfort on the built seed site (#14): learning plans get contents,
 * no record page opens its body with its title again, every page describes
 * itself for search engines and link previews (description, canonical URL,
 * Open Graph), placeholder alt texts become empty, and the record's summary
 * box is not indexed (excerpts come from the body).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { urls } from '../../src/site/urls.ts'
import { buildInto, type BuildRun, decodeEntities, read } from './helpers.ts'

let site: BuildRun
let records: ArchiveRecord[]
const page = (url: string): string => read(site.outDir, `${url.replace(/^\//, '')}index.html`)
const meta = (html: string, attr: 'name' | 'property', key: string): string[] =>
  [...html.matchAll(new RegExp(`<meta ${attr}="${key}" content="([^"]*)">`, 'g'))].map((m) => decodeEntities(m[1]!))

beforeAll(async () => {
  site = await buildInto('content', ['--no-search', '--no-cache', '--base-url', 'https://example.org/archive/'])
  records = JSON.parse(read(site.outDir, 'records.json')) as ArchiveRecord[]
}, 120_000)

describe('record pages', () => {
  it('give learning plans a table of contents of their form sections', () => {
    for (const plan of records.filter((r) => r.kind === 'learningplan')) {
      const html = page(urls.record(plan.type, plan.id))
      const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
      const entries = [...toc.matchAll(/<li class="toc__item/g)].length
      expect(entries, plan.id).toBeGreaterThanOrEqual(5)
      expect(html).toContain('class="record__layout record__layout--toc"')
    }
  })

  it('never open the body with a heading that repeats the title, nor list it in the contents', () => {
    for (const r of records) {
      const html = page(urls.record(r.type, r.id))
      const body = /<div class="record__body prose"[^>]*>\s*([\s\S]{0,400})/.exec(html)![1]!
      const first = /^<h[2-6][^>]*>([\s\S]*?)<\/h[2-6]>/.exec(body)?.[1]
      if (first) expect(decodeEntities(first.replace(/<[^>]+>/g, '')).toLowerCase(), r.id).not.toBe(r.title.toLowerCase())
      const toc = /<nav class="toc"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? ''
      expect(decodeEntities(toc), r.id).not.toContain(`>${r.title}</a>`)
    }
  })

  it('describe themselves: a description from the body, canonical URL, Open Graph and Twitter card', () => {
    for (const r of records) {
      const url = urls.record(r.type, r.id)
      const html = page(url)
      const [description] = meta(html, 'name', 'description')
      expect(description!.length, r.id).toBeGreaterThan(40)
      expect(description!.length, r.id).toBeLessThanOrEqual(160)
      expect(r.body.replace(/\s+/g, ' '), r.id).toContain(description!.replace(/…$/, '').split(' ').slice(0, 3).join(' '))
      expect(html).toContain(`<link rel="canonical" href="https://example.org/archive${url}">`)
      expect(meta(html, 'property', 'og:url')).toEqual([`https://example.org/archive${url}`])
      expect(meta(html, 'property', 'og:title')).toEqual([decodeEntities(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)![1]!)])
      expect(meta(html, 'property', 'og:description')).toEqual([description])
      expect(meta(html, 'property', 'og:type')).toEqual(['article'])
      expect(meta(html, 'name', 'twitter:card')).toEqual(['summary'])
    }
  })

  it('keep the summary box, the kind line and the breadcrumb out of the search index', () => {
    const html = page(urls.record('learningplan', records.find((r) => r.kind === 'learningplan')!.id))
    expect(html).toMatch(/<section class="summary" aria-labelledby="summary-heading" data-pagefind-ignore(="")?>/)
    expect(html).toMatch(/<p class="record__kind" data-pagefind-ignore(="")?>/)
    expect(html).toMatch(/<nav class="breadcrumb" aria-label="Breadcrumb" data-pagefind-ignore(="")?>/)
  })

  it('give images with a placeholder alt text an empty one', () => {
    const plan = page(urls.record('learningplan', 'learningplan-paraguay-2024'))
    expect(plan).not.toContain('Missing alt text')
    expect(plan).toMatch(/<img [^>]*alt=""/)
  })
})

describe('other pages', () => {
  it('have a canonical URL and Open Graph tags too', () => {
    for (const url of [urls.home, urls.countries, urls.sdg(13)]) {
      const html = page(url)
      expect(html, url).toContain(`<link rel="canonical" href="https://example.org/archive${url}">`)
      expect(meta(html, 'property', 'og:type'), url).toEqual(['website'])
    }
  })
})
