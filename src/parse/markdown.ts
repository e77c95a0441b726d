/**
 * Stage 6: Markdown → mdast with unified + remark-parse and the GFM extensions
 * of remark-gfm, enabled per document.
 *
 * Why not plain `.use(remarkGfm)`: GFM's constructs cost micromark time even
 * where they cannot match. The e-mail autolink makes every ASCII letter and
 * digit a construct start, which breaks each run of text into one-character
 * attempts, and the table construct is tried at the start of every line. On
 * this corpus that about doubles the parse time (docs/performance.md). Each
 * construct needs a character that is rare in
 * the corpus (`@` for e-mail, `|` for tables, `~` for strikethrough…), so a
 * document without that character is parsed without that construct.
 *
 * Two more things keep the parse linear: long bodies are parsed in pieces cut
 * where every block has ended (`cutPoints`), and micromark's EditMap gets a
 * linear `consume` (edit-map.ts). The tree is the same as remark-gfm's:
 * tests/parse/markdown-gfm.test.ts compares the two on fixtures and on corpus
 * pages, whole and in pieces (every corpus file was compared when this was written).
 */
import type { PhrasingContent, Root, RootContent } from 'mdast'
import type { Position } from 'unist'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Construct, Extension } from 'micromark-util-types'
import remarkParse from 'remark-parse'
import { type Processor, unified } from 'unified'
import { installLinearEditMap } from './edit-map.ts'

// Before any parse: micromark's EditMap.consume is quadratic on setext headings (see edit-map.ts).
installLinearEditMap()

/** A GFM construct group and the text that must occur in a document for it to match anything. */
interface Guarded {
  name: string
  /** True when the construct could match somewhere in `doc`; false only when it surely cannot. */
  possible: (doc: string) => boolean
  extension: Extension
}

/** The three autolink-literal constructs, split out of the extension so each can be guarded on its own. */
function autolinkParts(): { email: Extension; protocol: Extension; www: Extension } {
  const text = gfmAutolinkLiteral().text as Record<number, Construct | Construct[]>
  const named = (code: number, name: string): Construct => {
    const found = [text[code] ?? []].flat().find((construct) => construct.name === name)
    if (!found) throw new Error(`micromark-extension-gfm-autolink-literal has no ${name} at ${code}`)
    return found
  }
  const only = (name: string): Record<number, Construct> => {
    const record: Record<number, Construct> = {}
    for (const [code, value] of Object.entries(text)) {
      const construct = [value].flat().find((c) => c.name === name)
      if (construct) record[Number(code)] = construct
    }
    return record
  }
  // Sanity check on the shape we rely on: `h` starts a protocol, `w` a www autolink, `a` an e-mail.
  named(104, 'protocolAutolink')
  named(119, 'wwwAutolink')
  named(97, 'emailAutolink')
  return { email: { text: only('emailAutolink') }, protocol: { text: only('protocolAutolink') }, www: { text: only('wwwAutolink') } }
}

const autolink = autolinkParts()

/** In the order remark-gfm combines them (autolink, footnote, strikethrough, table, task list). */
const guarded: Guarded[] = [
  // An e-mail literal always contains `@`.
  { name: 'email', possible: (doc) => doc.includes('@'), extension: autolink.email },
  // `http://` or `https://`, letters in any case.
  { name: 'protocol', possible: (doc) => /https?:\/\//i.test(doc), extension: autolink.protocol },
  { name: 'www', possible: (doc) => /www\./i.test(doc), extension: autolink.www },
  // Calls and definitions both open with `[^`.
  { name: 'footnote', possible: (doc) => doc.includes('[^'), extension: gfmFootnote() },
  { name: 'strikethrough', possible: (doc) => doc.includes('~'), extension: gfmStrikethrough() },
  // A table needs a delimiter row, which needs `|`.
  { name: 'table', possible: (doc) => doc.includes('|'), extension: gfmTable() },
  // `[ ]`, `[x]`, `[X]` (or a tab or line ending between the brackets).
  { name: 'taskListItem', possible: (doc) => /\[[\sxX]\]/.test(doc), extension: gfmTaskListItem() }
]

/**
 * The mdast side of GFM, with remark-gfm's autolink-literal transform taken
 * out so that `toMdast` runs it only on the blocks that can hold a literal
 * (see `linkLiterals`).
 */
const [autolinkFromMarkdown, ...otherFromMarkdown] = gfmFromMarkdown()
const autolinkTransform = autolinkFromMarkdown?.transforms?.[0]
if (!autolinkFromMarkdown?.enter?.literalAutolink || !autolinkTransform || autolinkFromMarkdown.transforms?.length !== 1) {
  throw new Error('mdast-util-gfm no longer starts with the autolink-literal extension and its one transform')
}
const fromMarkdownExtensions = [{ ...autolinkFromMarkdown, transforms: [] }, ...otherFromMarkdown]

/** Text that at least one of the transform's patterns needs: `@` (e-mail, mailto:, xmpp:), `http://`, `https://` or `www.`, in any case. */
const LITERAL_NEEDLE = /@|https?:\/\/|www\./i

/** True when a text node under `block` holds a `LITERAL_NEEDLE` (iterative: bodies nest deeply). */
function mayHoldLiteral(block: RootContent): boolean {
  const stack: Array<RootContent | PhrasingContent> = [block]
  while (stack.length > 0) {
    const node = stack.pop()!
    if (node.type === 'text' && LITERAL_NEEDLE.test(node.value)) return true
    if ('children' in node) for (const child of node.children) stack.push(child as RootContent)
  }
  return false
}

/**
 * remark-gfm's autolink-literal transform, run on the top-level blocks that
 * can hold a literal. Why: upstream walks the whole tree once per pattern (URL,
 * xmpp:, mailto:, e-mail) and runs each regex on every text node, 6% of a
 * parse thread's time on this corpus, most of it on blocks where none of the
 * patterns can match. The transform itself is unchanged, and a text node never
 * spans two blocks, so the tree is the same (tests/parse/markdown-gfm.test.ts
 * compares it with remark-gfm's, on fixtures and corpus pages).
 */
function linkLiterals(root: Root): void {
  const transform = autolinkTransform as unknown as (tree: Root | RootContent) => void
  // Text directly under the root never comes out of micromark; should it, the root is its parent.
  if (root.children.some((child) => (child.type as string) === 'text')) return void transform(root)
  for (const block of root.children) if (mayHoldLiteral(block)) transform(block)
}

const processors = new Map<number, Processor<Root>>()

/** The processor for one set of constructs, built once per set (per worker) and reused. */
function processorFor(mask: number): Processor<Root> {
  let processor = processors.get(mask)
  if (!processor) {
    const extensions = guarded.filter((_, index) => mask & (1 << index)).map((g) => g.extension)
    processor = unified()
      .use(remarkParse)
      .data('micromarkExtensions', extensions)
      // The mdast side only acts on tokens the constructs produced, so it is always on
      // (but for the autolink-literal transform, which toMdast runs itself).
      .data('fromMarkdownExtensions', fromMarkdownExtensions)
      .freeze() as unknown as Processor<Root>
    processors.set(mask, processor)
  }
  return processor
}

/** The GFM constructs `doc` could use, by name (for tests and diagnostics). */
export function gfmConstructsFor(doc: string): string[] {
  return guarded.filter((g) => g.possible(doc)).map((g) => g.name)
}

/** One piece of a body, parsed on its own. */
function parsePiece(piece: string): Root {
  let mask = 0
  guarded.forEach((g, index) => {
    if (g.possible(piece)) mask |= 1 << index
  })
  // The extensions only add micromark/mdast extensions, so `parse` yields the full tree: no `run` needed.
  return processorFor(mask).parse(piece)
}

/**
 * Bodies longer than two pieces are parsed piece by piece. Why: micromark's
 * time grows faster than the body on long documents, above all on text
 * extracted from PDFs. Most of that was EditMap.consume (see edit-map.ts); with
 * it fixed, pieces still save a sixth of the corpus's Markdown time
 * (docs/performance.md).
 */
export const PIECE_CHARS = 32 * 1024

/**
 * What makes a body unsafe to cut anywhere: constructs that span blank lines
 * (fenced code, HTML blocks of types 1–5) or that act at a distance (link and
 * footnote definitions apply to references anywhere in the document).
 */
const SPANS_BLANK_LINES = /^ {0,3}(?:`{3,}|~{3,}|<(?:script|pre|style|textarea)\b|<!|<\?)|^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/im

/** Blank for CommonMark: spaces and tabs only (a no-break space is text). */
const BLANK = /^[ \t]*\r?$/

/** A line that may continue a list across a blank line, or is indented (a continuation, or code). */
const CONTINUES = /^(?:[ \t]|[-+*](?:[ \t]|$)|\d{1,9}[.)](?:[ \t]|$))/

/**
 * Offsets where a body can be cut into pieces that parse to the same blocks as
 * the whole: the start of a line that follows a blank line, is not indented and
 * does not start a list item. Every open block has ended at such a line (a blank
 * line ends paragraphs, quotes, tables and HTML blocks of types 6–7; a list
 * ends at an unindented line that is not an item). Empty when the body is short
 * or holds a construct that spans blank lines (see SPANS_BLANK_LINES).
 */
export function cutPoints(body: string, piece = PIECE_CHARS): number[] {
  if (body.length <= 2 * piece || SPANS_BLANK_LINES.test(body)) return []
  const cuts: number[] = []
  let from = piece
  while (from < body.length - piece) {
    let cut = -1
    let lineStart = body.indexOf('\n', from) + 1
    while (lineStart > 0 && lineStart < body.length - piece) {
      const lineEnd = body.indexOf('\n', lineStart)
      if (lineEnd < 0) break
      const line = body.slice(lineStart, lineEnd)
      if (BLANK.test(line)) {
        const next = lineEnd + 1
        const nextEnd = body.indexOf('\n', next)
        const nextLine = body.slice(next, nextEnd < 0 ? body.length : nextEnd)
        if (!BLANK.test(nextLine) && !CONTINUES.test(nextLine)) {
          cut = next
          break
        }
      }
      lineStart = lineEnd + 1
    }
    if (cut < 0) break
    cuts.push(cut)
    from = cut + piece
  }
  return cuts
}

/** Move every position in `node` by `lines` lines and `offset` characters (columns stay: pieces start a line). */
function shift(node: { position?: Position; children?: unknown[] }, lines: number, offset: number): void {
  if (node.position) {
    for (const point of [node.position.start, node.position.end]) {
      point.line += lines
      if (point.offset !== undefined) point.offset += offset
    }
  }
  if (node.children) for (const child of node.children) shift(child as { position?: Position; children?: unknown[] }, lines, offset)
}

/** Parse a Markdown body into mdast (GFM tables, autolinks, strikethrough, footnotes, task lists). */
export function toMdast(body: string, piece = PIECE_CHARS): Root {
  const root = parseInPieces(body, piece)
  linkLiterals(root)
  return root
}

/** The tree of `body`, parsed whole or in pieces (see `cutPoints`), before autolink literals. */
function parseInPieces(body: string, piece: number): Root {
  const cuts = cutPoints(body, piece)
  if (cuts.length === 0) return parsePiece(body)
  const root: Root = { type: 'root', children: [] }
  let start = 0
  let line = 0
  let last: Root | null = null
  for (const end of [...cuts, body.length]) {
    const text = body.slice(start, end)
    last = parsePiece(text)
    shift(last, line, start)
    root.children.push(...last.children)
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) line++
    start = end
  }
  root.position = { start: { line: 1, column: 1, offset: 0 }, end: last!.position!.end }
  return root
}
