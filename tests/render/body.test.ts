import { readdirSync } from 'node:fs'
import GithubSlugger from 'github-slugger'
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { RenderBody } from '../../src/parse/contract.ts'
import { headingAnchor, publicSections, renderBody, renderMarkdownString } from '../../src/render/body.ts'
import type { ArchiveRecord, Section } from '../../src/records/types.ts'
import { HOSTILE_DIR, elementsOf, loadFixture, unsafeParts, usesRealParser } from './helpers.ts'

const md = (text: string): Root => unified().use(remarkParse).use(remarkGfm).parse(text)
const fakeRecord = (type: string, sections: Partial<Section>[] = [], bodyText = ''): ArchiveRecord =>
  ({ type, sections, body: bodyText }) as unknown as ArchiveRecord

const hostile = readdirSync(HOSTILE_DIR).filter((f) => f.endsWith('.md') && f !== 'legit.md').sort()

describe('renderBody: public API', () => {
  it('fits the contract the parse threads load it by (a type check, run by tsc)', () => {
    expectTypeOf(renderBody).toExtend<RenderBody>()
  })
})

describe(`renderBody: hostile fixtures (${usesRealParser ? 'real parseFile' : 'remark fallback: src/parse/index.ts not there yet'})`, () => {
  it('has the fixtures', () => {
    expect(hostile.length).toBeGreaterThanOrEqual(6)
  })

  for (const name of hostile) {
    it(`nothing of ${name} survives`, async () => {
      const { record, tree } = await loadFixture(name)
      const html = renderBody(tree, record)
      expect(html).not.toContain('render-failed')
      expect(unsafeParts(html)).toEqual([])
    })
  }

  it('the unsafe-part detector itself catches each attack (the check can fail)', () => {
    expect(unsafeParts('<script>alert(1)</script>')).not.toEqual([])
    expect(unsafeParts('<img src=x onerror=alert(1)>')).not.toEqual([])
    expect(unsafeParts('<a href="java\tscript:alert(1)">x</a>')).not.toEqual([])
    expect(unsafeParts('<a href="data:text/html,x">x</a>')).not.toEqual([])
    expect(unsafeParts('<div style="x">x</div>')).not.toEqual([])
    expect(unsafeParts('<img src="data:image/svg+xml,x">')).not.toEqual([])
    expect(unsafeParts('<img src="data:image/png;base64,AAAA">')).toEqual([])
  })

  it('keeps the legitimate data:image/png and drops the svg/html data URLs', async () => {
    const { record, tree } = await loadFixture('data-urls.md')
    const imgs = elementsOf(renderBody(tree, record)).filter((e) => e.tagName === 'img')
    const one = imgs.find((e) => e.attrs.some((a) => a.name === 'alt' && a.value === 'one pixel'))
    const src = one?.attrs.find((a) => a.name === 'src')?.value ?? ''
    // The real parser lifts base64 images to /assets/…; the fallback keeps them inline.
    expect(src).toMatch(/^(?:data:image\/png;base64,|\/assets\/[0-9a-f]+\.png$)/)
  })
})

describe('renderBody: legitimate content survives', async () => {
  const { record, tree } = await loadFixture('legit.md')
  const html = renderBody(tree, record)
  const els = elementsOf(html)
  const attr = (e: (typeof els)[number], n: string) => e.attrs.find((a) => a.name === n)?.value

  it('links: external with rel, relative, in-page fragment', () => {
    const links = els.filter((e) => e.tagName === 'a').map((e) => ({ href: attr(e, 'href'), rel: attr(e, 'rel') }))
    expect(links).toContainEqual({ href: 'https://example.org/report?a=1&b=2', rel: 'nofollow ugc noopener' })
    expect(links).toContainEqual({ href: '../plans/other/', rel: undefined })
    // mailto: links are masked by default; kept when publishing e-mails (see 'privacy and search noise').
    expect(links.some((l) => l.href?.startsWith('mailto:'))).toBe(false)
    expect(links).toContainEqual({ href: '#' + headingAnchor('partners'), rel: undefined })
  })

  it('images: remote, /assets/…, inline png; lazy, alt kept or empty', () => {
    const imgs = els.filter((e) => e.tagName === 'img')
    const srcs = imgs.map((e) => attr(e, 'src'))
    expect(srcs).toContain('https://example.org/chart.png')
    expect(srcs).toContain('/assets/0123456789abcdef.png')
    expect(srcs).toContain('/assets/fedcba9876543210.jpeg')
    expect(imgs.every((e) => attr(e, 'loading') === 'lazy' && attr(e, 'alt') !== undefined)).toBe(true)
    expect(imgs.map((e) => attr(e, 'alt'))).toContain('A chart of trust')
    expect(imgs.filter((e) => attr(e, 'src') === '/assets/0123456789abcdef.png').map((e) => attr(e, 'alt'))).toEqual([''])
  })

  it('tables, lists, task lists (as glyphs, no inputs), footnotes', () => {
    const tags = els.map((e) => e.tagName)
    for (const t of ['table', 'thead', 'tbody', 'th', 'td', 'ul', 'ol', 'li', 'code', 'strong', 'sup', 'section']) expect(tags).toContain(t)
    expect(html).toContain('☑')
    expect(html).toContain('☐')
    const fnRef = els.find((e) => e.tagName === 'a' && attr(e, 'data-footnote-ref') !== undefined)
    const target = attr(fnRef!, 'href')!.slice(1)
    expect(els.some((e) => attr(e, 'id') === target)).toBe(true)
  })

  it('form groups keep class="group"; prompts get class="prompt"; empty `> ` quotes go', () => {
    expect(els.some((e) => e.tagName === 'div' && attr(e, 'class') === 'group')).toBe(true)
    const quotes = els.filter((e) => e.tagName === 'blockquote')
    expect(quotes.length).toBe(1)
    expect(attr(quotes[0]!, 'class')).toBe('prompt')
  })

  it('headings carry headingAnchor(slug) of every record section, in order', () => {
    const ids = els.filter((e) => /^h[1-6]$/.test(e.tagName) && !attr(e, 'class')).map((e) => attr(e, 'id'))
    const expected = usesRealParser
      ? record.sections.map((s) => headingAnchor(s.slug))
      : (() => {
          const s = new GithubSlugger()
          return ['Legitimate content', 'Challenge statement', 'Partners', 'Partners'].map((h) => headingAnchor(s.slug(h)))
        })()
    for (const id of expected) expect(ids).toContain(id)
    expect(new Set(ids).size).toBe(ids.length)
  })
})

describe('renderBody: heading ids follow record.sections', () => {
  it('uses the slugs the record carries, and fresh non-clashing slugs for headings it lacks', () => {
    const tree = md('# Intro\n\n## Same\n\n## Same\n\n## Extra *one*\n')
    const record = fakeRecord('framework', [
      { heading: 'Intro', slug: 'intro' },
      { heading: 'Same', slug: 'same' },
      { heading: 'Same', slug: 'same-1' },
      { heading: 'Not in the body', slug: 'extra-one' }
    ])
    const ids = elementsOf(renderBody(tree, record)).filter((e) => /^h\d$/.test(e.tagName)).map((e) => e.attrs.find((a) => a.name === 'id')?.value)
    expect(ids.slice(0, 3)).toEqual(['intro', 'same', 'same-1'].map(headingAnchor))
    expect(ids[3]).toBe(headingAnchor('extra-one-1'))
  })

  it('blockquotes are prompts in the form types only, which the config can change', () => {
    const prompt = '<blockquote class="prompt" data-pagefind-ignore="all">\n<p>a quote</p>\n</blockquote>'
    const quote = '<blockquote>\n<p>a quote</p>\n</blockquote>'
    for (const type of ['learningplan', 'solution', 'experiment']) expect(renderBody(md('> a quote'), fakeRecord(type)), type).toBe(prompt)
    for (const type of ['blog', 'publications', 'framework']) expect(renderBody(md('> a quote'), fakeRecord(type)), type).toBe(quote)
    expect(renderBody(md('> a quote'), fakeRecord('blog'), { formKinds: ['blog'] })).toBe(prompt)
    expect(renderBody(md('> a quote'), fakeRecord('solution'), { formKinds: [] })).toBe(quote)
  })
})

describe('renderBody: robustness', () => {
  it('does not modify the parser tree', async () => {
    const { record, tree } = await loadFixture('legit.md')
    const before = JSON.stringify(tree)
    renderBody(tree, record)
    expect(JSON.stringify(tree)).toBe(before)
  })

  it('is deterministic', async () => {
    const { record, tree } = await loadFixture('tag-values.md')
    expect(renderBody(tree, record)).toBe(renderBody(tree, record))
  })

  it('never throws: an internal failure gives an escaped <pre> of the body', () => {
    const broken = { type: 'root', get children(): never { throw new Error('boom') } } as unknown as Root
    const html = renderBody(broken, fakeRecord('blog', [], '<script>alert(1)</script>'))
    expect(html).toContain('<pre class="render-failed">&lt;script&gt;alert(1)&lt;/script&gt;</pre>')
    expect(unsafeParts(html)).toEqual([])
  })

  it('5,000 nested quotes render quickly, without overflowing the stack', () => {
    const text = '> '.repeat(5000) + 'deep'
    const tree = md(text)
    const t0 = performance.now()
    const html = renderBody(tree, fakeRecord('learningplan', [], text))
    expect(performance.now() - t0).toBeLessThan(3000)
    expect(html).toContain('deep')
  })
})

describe('renderMarkdownString', () => {
  it('renders Markdown and applies the same sanitizer', () => {
    expect(renderMarkdownString('Hello **world**')).toBe('<p>Hello <strong>world</strong></p>')
    const html = renderMarkdownString('[x](javascript:alert(1)) <img src=x onerror=alert(1)> <script>alert(1)</script>')
    expect(unsafeParts(html)).toEqual([])
    expect(html).toContain('<a>x</a>')
  })
})

describe('privacy and search noise', () => {
  const text = 'Write to ana.perez@undp.org or [me](mailto:ana.perez@undp.org).\n\n> Who is the focal point?\n\nAna'
  it('masks e-mail addresses in text and mailto links unless publishing', () => {
    const masked = renderBody(md(text), fakeRecord('learningplan'))
    expect(masked).not.toContain('ana.perez')
    expect(masked).toContain('@undp.org')
    expect(masked).not.toContain('mailto:')
    const full = renderBody(md(text), fakeRecord('learningplan'), { publishEmails: true })
    expect(full).toContain('ana.perez@undp.org')
    expect(full).toContain('href="mailto:ana.perez@undp.org"')
  })
  it('masks addresses in heading ids and alt, title and aria-label text; the outline gets the same ids', () => {
    const tree = md('## Write to ana.perez@undp.org\n\n## Intro\n\n![by ana.perez@undp.org](https://example.org/a.png "ana.perez@undp.org")\n\n<abbr aria-label="ana.perez@undp.org">AP</abbr>\n')
    const section = (heading: string, slug: string): Section => ({ heading, slug, depth: 2, line: 1, prompts: [] })
    const sections = [section('Write to ana.perez@undp.org', 'write-to-anaperezundporg'), section('Intro', 'intro')]
    const outline = publicSections(sections, false)
    expect(outline.map((s) => [s.heading, s.slug])).toEqual([['Write to @undp.org', 'write-to-undporg'], ['Intro', 'intro']])
    const html = renderBody(tree, fakeRecord('blog', sections))
    const ids = elementsOf(html).filter((e) => /^h\d$/.test(e.tagName)).map((e) => e.attrs.find((a) => a.name === 'id')?.value)
    expect(ids).toEqual(outline.map((s) => headingAnchor(s.slug)))
    expect(html).not.toMatch(/ana\.?perez/)
    expect(html).toContain('alt="by @undp.org" title="@undp.org"')
    expect(publicSections(sections, true)).toBe(sections)
    expect(renderBody(tree, fakeRecord('blog', sections), { publishEmails: true })).toContain(`id="${headingAnchor('write-to-anaperezundporg')}"`)
  })

  it('keeps learning-plan prompts out of the search index', () => {
    const html = renderBody(md(text), fakeRecord('learningplan'))
    expect(html).toMatch(/<blockquote class="prompt" data-pagefind-ignore="all">/)
    expect(renderBody(md(text), fakeRecord('blog'))).not.toContain('data-pagefind-ignore')
  })
})
