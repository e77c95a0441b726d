/**
 * The last privacy pass (src/site/mask-output.ts): the mask itself, then a site
 * built from a small content folder that puts a focal point's address in a page
 * title, headings (an ATX one and a setext one that runs on from a paragraph,
 * as in the corpus's `blog_flowers_in_the_air.md`), link text, `title` and
 * `alt` attributes, raw HTML attributes and the front matter: no output file
 * (HTML, feeds, sitemap, exports, robots.txt, the Pagefind bundle) holds the
 * address in any form, `@undp.org` is still shown, and every in-page link still
 * finds its id. With `--publish-emails` nothing is masked.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { archiveMask, focalPointAddresses, outputMask } from '../../src/site/mask-output.ts'
import { pagesWithEmails } from '../../src/search/privacy-scan.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { brokenLinks, buildInto, type BuildRun, listFiles, read } from './helpers.ts'
import { addressLeaks, focalPointsIn } from './output-scan.ts'

const ADDRESS = 'jane.focal@undp.org'

describe('outputMask', () => {
  const mask = outputMask(['jane.focal@undp.org', 'ehsan23@gmail.com'])

  it('masks an address in any case, with any written form of @, to @domain', () => {
    expect(mask('write to Jane.Focal@UNDP.org or other@example.org.')).toBe('write to @UNDP.org or other@example.org.')
    expect(mask('<a href="mailto:jane.focal%40undp.org">jane.focal&#64;undp.org</a> jane.focal&#x40;undp.org')).toBe(
      '<a href="mailto:%40undp.org">&#64;undp.org</a> &#x40;undp.org'
    )
    expect(mask('{"@context":"https://schema.org","name":"From ehsan23@gmail.com"}')).toBe('{"@context":"https://schema.org","name":"From @gmail.com"}')
  })

  it('masks the slug a heading id makes of an address, the id and its links alike', () => {
    const html = '<h2 id="user-content-write-to-janefocalundporg-or">…</h2><a href="#user-content-write-to-janefocalundporg-or">'
    expect(mask(html)).toBe('<h2 id="user-content-write-to-undporg-or">…</h2><a href="#user-content-write-to-undporg-or">')
  })

  it('leaves other addresses, URLs that only look like addresses and masked text alone', () => {
    for (const text of ['other@undp.org', 'https://cdn.example.org/lib@1.2.3/x.js', '/assets/logo@2x.png', '@undp.org undporg', 'focal@undp.org']) {
      expect(mask(text)).toBe(text)
    }
    expect(outputMask([])('jane.focal@undp.org')).toBe('jane.focal@undp.org')
  })

  it('is linear on long runs of letters and at signs', () => {
    const long = 'jane.focal'.repeat(50_000) + '@'.repeat(100_000) + 'undporg'.repeat(50_000)
    const t0 = performance.now()
    mask(long)
    expect(performance.now() - t0).toBeLessThan(1000)
  })

  it('takes the addresses from focal points and raw focal_point tags; publishing masks nothing', () => {
    const records = [
      { focalPoints: ['Jane.Focal@undp.org'], tags: { focal_point: ['Jane Focal <jane.focal@undp.org>', 'mailto:x.y@Example.org.', 'no address'] } },
      { focalPoints: [], tags: {} }
    ] as unknown as ArchiveRecord[]
    expect(focalPointAddresses(records)).toEqual(['jane.focal@undp.org', 'x.y@example.org'])
    expect(archiveMask(records, false)('x.y@example.org')).toBe('@example.org')
    expect(archiveMask(records, false)).toBe(archiveMask(records, false))
    expect(archiveMask(records, true)('x.y@example.org')).toBe('x.y@example.org')
  })
})

/** The focal point's own record: the address in the title, headings, links, attributes and front matter. */
const OWN = `---
author: Jane Focal <${ADDRESS}>
---
# Notes from ${ADDRESS}

[[type:blog]]
[[year:2023]]
[[country:Peru]]
[[focal_point:${ADDRESS}]]

## Write to ${ADDRESS}

Ask [${ADDRESS}](https://example.org/contact "ask ${ADDRESS}") or read [the contact heading](#write-to-janefocalundporg).

![photo by ${ADDRESS}](https://example.org/photo.png "taken by ${ADDRESS}")

<p><abbr title="Jane.Focal@UNDP.org" aria-label="${ADDRESS}">JF</abbr> <a href="mailto:${ADDRESS}?subject=plan">mail</a></p>

## Results

Some text.
`

/** Another record quoting the address, with no focal point of its own (the corpus's case). */
const OTHER = `# Flowers in the air

[[type:blog]]
[[year:2022]]
[[country:Ecuador]]

A network that reactivates.

If you want to know more about the methodology, you can write to: ${ADDRESS} or someone@example.org.
----

## With contributions from many

Thanks.
`

function writeContent(): string {
  const content = mkdtempSync(join(tmpdir(), 'site-mask-'))
  writeFileSync(join(content, 'notes.md'), OWN)
  writeFileSync(join(content, 'blog_flowers_in_the_air.md'), OTHER)
  return content
}

describe('a built site shows no focal-point address', () => {
  let site: BuildRun
  let files: string[]

  beforeAll(async () => {
    site = await buildInto(writeContent(), ['--no-cache'])
    files = listFiles(site.outDir)
  }, 120_000)

  it('scans every kind of output file the site writes', () => {
    for (const ext of ['.html', '.xml', '.json', '.csv', '.txt']) expect(files.some((f) => f.endsWith(ext)), ext).toBe(true)
    expect(files.some((f) => f.startsWith('pagefind/') && f.includes('/fragment/'))).toBe(true)
    expect(focalPointsIn(OWN)).toEqual([ADDRESS])
  })

  it('finds the address in no file, in no form', () => {
    expect(addressLeaks(site.outDir, [ADDRESS])).toEqual([])
    expect(site.search?.pagesWithEmails).toEqual([])
  })

  it('finds no e-mail-like string in the Pagefind fragments', async () => {
    expect(await pagesWithEmails(join(site.outDir, 'pagefind'))).toEqual([])
  })

  it('still shows the domain, and the table of contents links to the masked ids', () => {
    const own = read(site.outDir, 'blog/notes/index.html')
    const other = read(site.outDir, 'blog/blog-flowers-in-the-air/index.html')
    expect(own).toContain('@undp.org')
    expect(read(site.outDir, 'records.json')).toContain('@undp.org')
    expect(other).toMatch(/<a href="#user-content-[^"]*write-to-undporg-or-[^"]*"[^>]*>[^<]*write to: @undp\.org or @example\.org\.<\/a>/)
    expect(own).toContain('id="user-content-write-to-undporg"')
    expect(own).toContain('href="#user-content-write-to-undporg"')
    // In-page links only: the site's own links are the corpus test's (this content has no plans for the nav's /plans/).
    expect(brokenLinks(site.outDir, files).filter((link) => link.includes('#'))).toEqual([])
  })
})

describe('a site built with --publish-emails', () => {
  it('shows the address in full', async () => {
    const site = await buildInto(writeContent(), ['--no-cache', '--no-search', '--publish-emails'])
    expect(read(site.outDir, 'blog/notes/index.html')).toContain(ADDRESS)
    expect(read(site.outDir, 'records.json')).toContain(ADDRESS)
  }, 120_000)
})
