/**
 * Hostile content and tag values (script, event handlers, javascript: links,
 * iframes, svg onload, `"><script>` in tag values) never survive into any
 * output file; and two builds of the same input are byte-identical.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'parse5'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildInto, type BuildRun, listFiles, read } from './helpers.ts'

let site: BuildRun
let files: string[]

beforeAll(async () => {
  const content = mkdtempSync(join(tmpdir(), 'site-hostile-'))
  for (const dir of ['tests/fixtures/hostile', 'tests/fixtures/site/hostile-tags']) {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.md'))) cpSync(join(dir, f), join(content, f))
  }
  site = await buildInto(content)
  files = listFiles(site.outDir)
})

/** Our own script elements: JSON-LD data blocks and same-origin script files. */
const OWN_SCRIPT = /^<script (?:type="application\/ld\+json">|(?:type="module" )?src="\/[^"]*"(?: defer)?><\/script>)/

function problemsIn(text: string, markup: boolean): string[] {
  const found: string[] = []
  for (const m of text.matchAll(/<script\b[^]*?>(?:<\/script>)?/gi)) if (!markup || !OWN_SCRIPT.test(m[0])) found.push(m[0].slice(0, 80))
  for (const tag of ['iframe', 'object', 'embed', 'style', 'img src=x', 'svg onload']) {
    if (text.toLowerCase().includes(`<${tag}`)) found.push(`<${tag}`)
  }
  // Our only forms are the search box and the search page's form.
  for (const m of text.matchAll(/<form\b[^>]*>/gi)) if (!markup || !/^<form class="search(?:-box|__form)"/.test(m[0])) found.push(m[0])
  // An event-handler attribute inside any tag, and javascript:/data:text URLs in URL attributes.
  for (const m of text.matchAll(/<[a-z][^<>]*\son[a-z]+\s*=/gi)) found.push(m[0].slice(0, 80))
  for (const m of text.matchAll(/<[a-z][^<>]*\s(?:href|src|action|xlink:href|formaction)\s*=\s*["']?\s*(?:javascript|vbscript|data:text)/gi)) found.push(m[0])
  return found
}

interface HtmlNode {
  nodeName: string
  tagName?: string
  attrs?: Array<{ name: string; value: string }>
  childNodes?: HtmlNode[]
  content?: HtmlNode
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'xlink:href', 'formaction', 'data', 'poster'])

/**
 * What a browser would run in an HTML page, found the way the browser finds it: the page
 * parsed by parse5 (the HTML standard's parser), every element and attribute looked at.
 * Text that only looks like markup (`onerror=` inside a quoted, escaped `content` value) is
 * not markup, and a regex over the text cannot tell the two apart.
 */
function htmlProblems(html: string): string[] {
  const found: string[] = []
  const visit = (node: HtmlNode): void => {
    const tag = node.tagName
    const attrs = node.attrs ?? []
    const attr = (name: string): string | undefined => attrs.find((a) => a.name === name)?.value
    if (tag) {
      for (const { name, value } of attrs) {
        if (/^on/i.test(name)) found.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
        if (URL_ATTRIBUTES.has(name) && /^\s*(?:javascript|vbscript|data:text)/i.test(value)) found.push(`<${tag} ${name}="${value.slice(0, 40)}">`)
      }
      if (['iframe', 'object', 'embed', 'style', 'frame', 'base'].includes(tag)) found.push(`<${tag}>`)
      // Our own scripts: JSON-LD data blocks and same-origin script files.
      if (tag === 'script' && !(attr('type') === 'application/ld+json' || /^\/[^/]/.test(attr('src') ?? ''))) found.push(`<script ${JSON.stringify(attrs)}>`)
      // Our only forms are the search box and the search page's form.
      if (tag === 'form' && !/^search(?:-box|__form)$/.test(attr('class') ?? '')) found.push(`<form ${JSON.stringify(attrs)}>`)
    }
    for (const child of node.childNodes ?? []) visit(child)
    if (node.content) visit(node.content)
  }
  visit(parse(html) as unknown as HtmlNode)
  return found
}

describe('hostile content', () => {
  it('builds a page for every hostile file', () => {
    expect(site.records).toBe(readdirSync('tests/fixtures/hostile').filter((n) => n.endsWith('.md')).length + 3)
  })

  it('checks pages as a browser parses them: a handler is found in markup, not in escaped text', () => {
    expect(htmlProblems('<p><img src=x onerror=alert(1)></p><a href=" javascript:x">a</a><svg><a xlink:href="javascript:y"></a></svg>')).toHaveLength(3)
    expect(htmlProblems('<script>alert(1)</script><script src="//evil.example/x.js"></script><form action="/x"></form><iframe></iframe>')).toHaveLength(4)
    expect(htmlProblems('<meta property="og:title" content="&lt;img src=x onerror=alert(1)&gt;"><p>&lt;svg onload=alert(1)&gt;</p><script type="module" src="/assets/keys.js"></script>')).toEqual([])
  })

  it('leaves nothing executable in any HTML, XML, SVG, CSS or text file', () => {
    const bad: string[] = []
    for (const f of files.filter((x) => /\.(html|xml|svg|css|txt)$/.test(x))) {
      const text = read(site.outDir, f)
      for (const p of f.endsWith('.html') ? htmlProblems(text) : problemsIn(text, true)) bad.push(`${f}: ${p}`)
    }
    expect(bad).toEqual([])
  })

  it('escapes hostile tag values as text where they are shown', () => {
    const countries = read(site.outDir, 'countries/index.html')
    expect(countries).toContain('&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;')
    const thematic = read(site.outDir, 'thematic-areas/index.html')
    expect(thematic).toContain('&lt;img src=x onerror=alert(1)&gt;')
    const methods = read(site.outDir, 'methods/index.html')
    expect(methods).toContain('>javascript:alert(1)</a>')
  })

  it('keeps JSON-LD inside its script element', () => {
    for (const f of files.filter((x) => x.endsWith('.html'))) {
      const html = read(site.outDir, f)
      for (const m of html.matchAll(/<script type="application\/ld\+json">([^]*?)<\/script>/g)) {
        expect(m[1], f).not.toMatch(/[<>\u2028\u2029]/)
        expect(() => JSON.parse(m[1]!), f).not.toThrow()
      }
    }
  })

  it('writes JSON exports that parse and carry no raw markup', () => {
    const json = read(site.outDir, 'records.json')
    expect(() => JSON.parse(json)).not.toThrow()
    expect(problemsIn(json, false)).toEqual([])
  })

  it('writes a CSV whose every row has the header’s number of cells, formulas neutralised', () => {
    const csv = read(site.outDir, 'records.csv')
    // A minimal RFC 4180 reader: enough to see that no value broke out of its cell.
    const rows: string[][] = [[]]
    let cell = ''
    let quoted = false
    for (let i = 0; i < csv.length; i++) {
      const ch = csv[i]!
      if (quoted) {
        if (ch === '"' && csv[i + 1] === '"') (cell += '"'), i++
        else if (ch === '"') quoted = false
        else cell += ch
      } else if (ch === '"') quoted = true
      else if (ch === ',') rows[rows.length - 1]!.push(cell), (cell = '')
      else if (ch === '\n') rows[rows.length - 1]!.push(cell), (cell = ''), rows.push([])
      else if (ch !== '\r') cell += ch
    }
    if (rows[rows.length - 1]!.length === 0) rows.pop()
    const width = rows[0]!.length
    for (const row of rows) expect(row.length).toBe(width)
    expect(rows.length - 1).toBe(site.records)
    for (const row of rows) for (const c of row) expect(c, 'formula cell').not.toMatch(/^[=+@]/)
  })
})

describe('determinism', () => {
  it('two builds of content/ are byte-identical', async () => {
    const a = await buildInto('content')
    const b = await buildInto('content')
    const fa = listFiles(a.outDir)
    expect(listFiles(b.outDir)).toEqual(fa)
    for (const f of fa) {
      const same = readFileSync(join(a.outDir, f)).equals(readFileSync(join(b.outDir, f)))
      expect(same, f).toBe(true)
    }
  })
})
