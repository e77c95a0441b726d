/**
 * Hostile content and tag values (script, event handlers, javascript: links,
 * iframes, svg onload, `"><script>` in tag values) never survive into any
 * output file; and two builds of the same input are byte-identical.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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

describe('hostile content', () => {
  it('builds a page for every hostile file', () => {
    expect(site.records).toBe(readdirSync('tests/fixtures/hostile').filter((n) => n.endsWith('.md')).length + 3)
  })

  it('leaves nothing executable in any HTML, XML, SVG, CSS or text file', () => {
    const bad: string[] = []
    for (const f of files.filter((x) => /\.(html|xml|svg|css|txt)$/.test(x))) {
      for (const p of problemsIn(read(site.outDir, f), true)) bad.push(`${f}: ${p}`)
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
