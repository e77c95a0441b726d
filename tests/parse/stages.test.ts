import { describe, expect, it } from 'vitest'
import { liftDataImages } from '../../src/parse/assets.ts'
import { decode } from '../../src/parse/decode.ts'
import { splitFrontMatter } from '../../src/parse/front-matter.ts'
import { repairMojibake } from '../../src/parse/mojibake.ts'
import { limitNesting, MAX_DEPTH } from '../../src/parse/nesting.ts'
import { scanTags } from '../../src/parse/tags.ts'

describe('decode', () => {
  it('replaces invalid UTF-8 with U+FFFD and warns at the first bad byte', () => {
    const r = decode(new Uint8Array([0x61, 0x0a, 0x62, 0xff, 0x63]))
    expect(r.text).toBe('a\nb\uFFFDc')
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'encoding-invalid-utf8', severity: 'warning', line: 2, column: 2 })])
  })
  it('strips a BOM and turns CRLF and CR into LF', () => {
    const r = decode(new TextEncoder().encode('\uFEFFa\r\nb\rc'))
    expect(r.text).toBe('a\nb\nc')
    expect(r.diagnostics).toEqual([])
  })
})

describe('mojibake', () => {
  it('repairs Mac-Roman mojibake of UTF-8 with one info at the first position', () => {
    const r = repairMojibake('x\nit‚Äôs ‚Äúok‚Äù¬†Caf√© ‚Äì done')
    expect(r.text).toBe('x\nit’s “ok”\u00a0Café – done')
    expect(r.count).toBe(6)
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'encoding-mojibake-repaired', severity: 'info', line: 2, column: 3 })])
  })
  it('leaves real accented text and lone dashes before letters alone', () => {
    const text = 'Café — école, naïve «élan», São Paulo, —é'
    expect(repairMojibake(text)).toEqual({ text, count: 0, diagnostics: [] })
  })
})

describe('front matter', () => {
  it('parses YAML, turns dates into strings and counts the consumed lines', () => {
    const r = splitFrontMatter('---\ntitle: T\nwhen: 2021-03-04\n---\nbody\n')
    expect(r.data).toEqual({ title: 'T', when: '2021-03-04T00:00:00.000Z' })
    expect(r.body).toBe('body\n')
    expect(r.lineOffset).toBe(4)
  })
  it('reports broken YAML at its line and still returns the body', () => {
    const r = splitFrontMatter('---\ntitle: Ok\nbad: [x\nnext: 1\n---\nbody')
    expect(r.data).toEqual({})
    expect(r.body).toBe('body')
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'front-matter-invalid', severity: 'error', line: 4, column: 1 })])
    expect(r.diagnostics[0]!.message).toMatch(/^front matter is not valid YAML: Flow sequence .* end with a \]$/)
  })
  it('reads YAML with the yaml package: `yes` stays a string, aliases are bounded', () => {
    expect(splitFrontMatter('---\nok: yes\nbase: &b { a: 1 }\nmerged:\n  <<: *b\n---\n').data).toEqual({ ok: 'yes', base: { a: 1 }, merged: { a: 1 } })
    // A "billion laughs" document: yaml refuses to expand past its alias limit, which is an error, not a hang.
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x]']
    for (let i = 1; i < 12; i++) laughs.push(`l${i}: &l${i} [${Array(9).fill(i === 1 ? '*a' : `*l${i - 1}`).join(', ')}]`)
    const r = splitFrontMatter(`---\n${laughs.join('\n')}\n---\nbody`)
    expect(r.diagnostics.map((d) => d.rule)).toEqual(['front-matter-invalid'])
    expect(r.body).toBe('body')
  })
  it('treats a lone leading --- without a closing line as no front matter', () => {
    expect(splitFrontMatter('---\nno close\n')).toMatchObject({ data: {}, body: '---\nno close\n', lineOffset: 0 })
  })
})

describe('assets', () => {
  it('lifts base64 data: images into content-named assets', () => {
    const png = Buffer.from('fake png bytes').toString('base64')
    const r = liftDataImages(`a ![x](data:image/png;base64,${png}) b ![y](data:image/jpeg;base64,${png})`)
    expect(r.assets).toHaveLength(2)
    expect(r.assets[0]!.name).toMatch(/^[0-9a-f]{16}\.png$/)
    expect(r.assets[1]!.name).toMatch(/^[0-9a-f]{16}\.jpg$/)
    expect(Buffer.from(r.assets[0]!.data).toString()).toBe('fake png bytes')
    expect(r.text).toBe(`a ![x](/assets/${r.assets[0]!.name}) b ![y](/assets/${r.assets[1]!.name})`)
  })
  it('removes script-capable image types instead of serving them from the site', () => {
    const svg = Buffer.from('<svg onload="alert(1)"></svg>').toString('base64')
    const r = liftDataImages(`x\ny ![s](data:image/svg+xml;base64,${svg}) z`)
    expect(r.assets).toEqual([])
    expect(r.text).toBe('x\ny ![s](data:,) z')
    expect(r).toMatchObject({ dropped: 1, firstDropped: 9 })
  })
  it('leaves a data: URI without base64 payload alone', () => {
    expect(liftDataImages('see data:image/png but no payload').assets).toEqual([])
  })
})

describe('tags', () => {
  it('finds tags with positions, lower-cases keys, trims values, keeps Unicode and URLs', () => {
    const r = scanTags('# T\n[[Country: Peru ]]\ntext [[thematic_areas:تمكين المرأة]] more\n[[source:https://x.org/a?b=c]]\n', 2)
    expect(r.tags).toEqual([
      { key: 'country', value: 'Peru', line: 4, column: 1 },
      { key: 'thematic_areas', value: 'تمكين المرأة', line: 5, column: 6 },
      { key: 'source', value: 'https://x.org/a?b=c', line: 6, column: 1 }
    ])
    expect(r.body).toBe('# T\ntext  more\n')
    expect(r.lineMap).toEqual([3, 5, 7])
  })
  it('reports malformed, empty-key, empty-value and unclosed tags and keeps them in the body', () => {
    const r = scanTags('[[country Peru]]\n[[:x]]\n[[country:]]\n[[country:Peru\n[[a [[year:2020]]')
    expect(r.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ['tag-malformed', 1, 1], ['tag-empty-key', 2, 1], ['tag-empty-value', 3, 1], ['tag-unclosed', 4, 1], ['tag-unclosed', 5, 1]
    ])
    expect(r.tags).toEqual([{ key: 'year', value: '2020', line: 5, column: 5 }])
    expect(r.body).toBe('[[country Peru]]\n[[:x]]\n[[country:]]\n\\[\\[country:Peru\n\\[\\[a ')
  })
  it('ignores tags inside fenced code (backticks and tildes)', () => {
    const r = scanTags('```\n[[a:1]]\n```\n~~~~\n[[b:2]]\n```\n~~~~\n[[c:3]]')
    expect(r.tags.map((t) => t.key)).toEqual(['c'])
  })
  it('collapses the blank lines around removed tag lines without joining paragraphs', () => {
    expect(scanTags('# H\n\n[[a:1]]\n\n[[b:2]]\n\nText').body).toBe('# H\n\nText')
    expect(scanTags('Para\n[[a:1]]\n\nmore').body).toBe('Para\n\nmore')
  })
  it('lists at most 50 diagnostics of a rule and counts the rest', () => {
    const r = scanTags('[[ '.repeat(60))
    expect(r.diagnostics).toHaveLength(51)
    expect(r.diagnostics[50]!.message).toMatch(/^10 more like this/)
  })
})

describe('nesting guard', () => {
  it('escapes container markers deeper than the limit and warns once', () => {
    const r = limitNesting(`ok\n${'> '.repeat(MAX_DEPTH + 3)}deep`, [5, 9])
    expect(r.text).toBe(`ok\n${'> '.repeat(MAX_DEPTH)}\\${'> '.repeat(3)}deep`)
    expect(r.diagnostics).toEqual([expect.objectContaining({ rule: 'markdown-nesting-limited', line: 9, column: 2 * MAX_DEPTH + 1 })])
    expect(limitNesting('> > a\n- - b\n1. 2. c', [1, 2, 3]).diagnostics).toEqual([])
  })
})
