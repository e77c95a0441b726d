/**
 * toMdast enables each GFM construct only where the document holds the text it
 * needs (see src/parse/markdown.ts). These tests hold it to remark-gfm's tree,
 * node for node and position for position.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Node } from 'unist'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import { describe, expect, it } from 'vitest'
import { cutPoints, gfmConstructsFor, toMdast } from '../../src/parse/markdown.ts'

const reference = unified().use(remarkParse).use(remarkGfm).freeze()

function types(tree: Node): string[] {
  const out: string[] = []
  const walk = (node: Node & { children?: Node[] }): void => {
    out.push(node.type)
    node.children?.forEach(walk)
  }
  walk(tree)
  return out
}

/** Each case exercises one construct; `node` is the mdast type it must produce. */
const cases: Array<{ name: string; doc: string; node: string }> = [
  { name: 'e-mail literal', doc: 'Write to ana.perez@undp.org today.', node: 'link' },
  { name: 'e-mail after punctuation', doc: '(contact:x_y+z@example.co.uk).', node: 'link' },
  { name: 'http literal', doc: 'See http://example.org/a_(b)_c.', node: 'link' },
  { name: 'HTTPS in capitals', doc: 'See HTTPS://EXAMPLE.ORG/PATH now', node: 'link' },
  { name: 'www literal', doc: 'Go to www.undp.org/acceleratorlabs.', node: 'link' },
  { name: 'WWW in capitals', doc: 'Go to WWW.UNDP.ORG.', node: 'link' },
  { name: 'footnote', doc: 'Claim.[^1]\n\n[^1]: Source.', node: 'footnoteDefinition' },
  { name: 'strikethrough', doc: 'It was ~~wrong~~ right, and ~so~ on.', node: 'delete' },
  { name: 'table', doc: 'a | b\n--|--\n1 | 2', node: 'table' },
  { name: 'table with pipes', doc: '| Year | Goal |\n| ---- | :--: |\n| 2021 | 13 |', node: 'table' },
  { name: 'task list', doc: '- [ ] open\n- [x] done\n- [X] done too', node: 'listItem' },
  { name: 'task list with a tab', doc: '* [\t] odd but valid', node: 'listItem' },
  // The autolink-literal transform reads decoded text, not the source: `@`, `:` or `.` may be written as references or escapes.
  { name: 'e-mail with @ as a character reference', doc: 'Write to ana&#64;undp.org.', node: 'link' },
  { name: 'URL with : as a character reference', doc: 'See http&#58;//x.org', node: 'link' },
  { name: 'www with an escaped dot', doc: 'Go to www\\.undp.org now.', node: 'link' },
  { name: 'literal in a table cell', doc: '| a |\n|---|\n| see www.undp.org |', node: 'link' },
  { name: 'literal deep in a quoted list', doc: '> - item\n>   - http://x.org', node: 'link' },
  { name: 'literal inside a link text stays text', doc: '[see www.undp.org](http://a.b) and b@c.org', node: 'link' }
]

describe('toMdast against remark-gfm', () => {
  for (const c of cases) {
    it(`${c.name}: same tree as remark-gfm`, () => {
      const tree = toMdast(c.doc)
      expect(tree).toEqual(reference.parse(c.doc))
      expect(types(tree)).toContain(c.node)
    })
  }

  it('task-list items keep their checked state', () => {
    const tree = toMdast('- [ ] open\n- [x] done') as unknown as { children: Array<{ children: Array<{ checked: boolean | null }> }> }
    expect(tree.children[0]!.children.map((item) => item.checked)).toEqual([false, true])
  })

  it('turns off only the constructs a document cannot use', () => {
    expect(gfmConstructsFor('Plain prose, no markers.')).toEqual([])
    expect(gfmConstructsFor('mail a@b.org')).toEqual(['email'])
    expect(gfmConstructsFor('Http://x.org and wWw.y.org')).toEqual(['protocol', 'www'])
    expect(gfmConstructsFor('a | b')).toEqual(['table'])
    expect(gfmConstructsFor('~x~ [^n] [x]')).toEqual(['footnote', 'strikethrough', 'taskListItem'])
  })

  it('gives the same tree for mixed, hostile and odd inputs', () => {
    const docs = [
      '# T\n\n> prompt\n\nanswer with www.example.org and a@b.co | not a table',
      '<div>\n<script>alert(1)</script>\n</div>\n\nhttp://x.y/<svg onload=alert(1)>',
      '~~~\nfenced with ~ and | and @ and http://a.b\n~~~\n\n`code@x.y`',
      '[link](https://a.b) and [ref][1] ~~strike *em* ~~\n\n[1]: http://c.d',
      '- [ ]\n- [x]\n\n|a|\n|-|\n|[^1]|\n\n[^1]: note www.e.f',
      'a@b@c.d e@f. g_h@i-j.k _x@y.z_ *mail@host.org*'
    ]
    for (const doc of docs) expect(toMdast(doc), doc).toEqual(reference.parse(doc))
  })
})

describe('long bodies parsed in pieces', () => {
  const para = (i: number) => `Paragraph ${i} with www.example.org/${i} and a@b${i}.org, ~~old~~ text.`
  const long = Array.from({ length: 400 }, (_, i) =>
    i % 10 === 0 ? `## Heading ${i}` : i % 7 === 0 ? `- item ${i}\n- item ${i}b\n\n  continued ${i}` : i % 13 === 0 ? `> quote ${i}\nlazy ${i}` : i % 17 === 0 ? `| a | b |\n|---|---|\n| ${i} | x |` : para(i)
  ).join('\n\n')

  it('cuts only after a blank line, before an unindented line that is not a list item', () => {
    const cuts = cutPoints(long, 1024)
    expect(cuts.length).toBeGreaterThan(5)
    for (const cut of cuts) {
      expect(long.slice(cut - 2, cut)).toBe('\n\n')
      expect(long[cut]).toMatch(/[^\s\-+*\d]/)
    }
  })

  it('does not cut short bodies, nor bodies with fences, definitions or raw blocks that span blank lines', () => {
    expect(cutPoints(long)).toEqual([])
    for (const extra of ['```\ncode\n\nmore\n```', '[ref]: https://example.org', '[^1]: note', '<pre>\n\nx\n</pre>', '<!-- a\n\nb -->']) {
      expect(cutPoints(`${long}\n\n${extra}\n`, 1024), extra).toEqual([])
    }
  })

  it('gives the same tree on constructs that live across blank lines, cut as finely as possible', () => {
    const tricky = [
      '1. loose item\n\n2. next item of the same list\n\n   indented paragraph of item 2',
      '- a\n\n      indented code inside the item\n\n- b',
      '    indented code\n\n    still code after a blank line\n\nparagraph',
      '<div>\nraw html type 6\n\n</div>',
      '> quote\n\n> another quote',
      'Setext\n======\n\nText\n-\n\n-\n\n* * *',
      '| a | b |\n|---|---|\n| 1 | 2 |\n\nafter the table',
      'line ending with two spaces  \nnext\n\n\t\ntab-blank line above',
      'no\u00a0break\n\u00a0\nline with only a no-break space above'
    ].join('\n\n')
    const doc = Array.from({ length: 20 }, () => tricky).join('\n\n')
    // A piece of 1 character cuts at every boundary cutPoints accepts.
    expect(cutPoints(doc, 1).length).toBeGreaterThan(100)
    expect(toMdast(doc, 1)).toEqual(reference.parse(doc))
  })

  it('gives the tree of the whole body, positions included', () => {
    for (const piece of [256, 1024, 4096]) expect(toMdast(long, piece), `piece ${piece}`).toEqual(reference.parse(long))
  })
})

const pages = fileURLToPath(new URL('../../../shared/corpus/sdg-commons/pages/', import.meta.url))
const present = existsSync(pages)
if (!present) console.warn(`SKIPPED toMdast corpus comparison: ${pages} is absent (the real corpus lives in ../shared/corpus)`)

describe.skipIf(!present)('toMdast on real corpus pages', () => {
  // Every file was compared once when this was written (8,551 bodies, no difference);
  // the suite keeps a spread sample to stay fast.
  it('matches remark-gfm on every 25th page of the corpus, whole and cut in 1 kB pieces', async () => {
    const all = readdirSync(pages).filter((name) => name.endsWith('.md')).sort()
    let compared = 0
    for (let i = 0; i < all.length; i += 25) {
      // Let the worker answer vitest between pages: a minute of work on a busy machine
      // without a turn of the event loop fails the run ("Timeout calling onTaskUpdate").
      if (compared % 20 === 0) await new Promise((done) => setImmediate(done))
      const doc = readFileSync(pages + all[i]!, 'utf8')
      const expected = reference.parse(doc)
      expect(toMdast(doc), all[i]).toEqual(expected)
      expect(toMdast(doc, 1024), `${all[i]} in pieces`).toEqual(expected)
      compared++
    }
    expect(compared).toBeGreaterThan(300)
  }, 120_000)
})
