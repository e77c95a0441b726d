/**
 * Stage 6: Markdown → mdast with unified + remark-parse and the GFM extensions
 * of remark-gfm, enabled per document.
 *
 * Why not plain `.use(remarkGfm)`: GFM's constructs cost micromark time even
 * where they cannot match. The e-mail autolink makes every ASCII letter and
 * digit a construct start, which breaks each run of text into one-character
 * attempts, and the table construct is tried at the start of every line. On
 * this corpus that doubles the parse time (measured: 1.7 MB/s plain against
 * 0.9 MB/s with all of GFM). Each construct needs a character that is rare in
 * the corpus (`@` for e-mail, `|` for tables, `~` for strikethrough…), so a
 * document without that character is parsed without that construct. The tree
 * is the same as remark-gfm's; tests/parse/markdown-gfm.test.ts compares the
 * two on fixtures and on every file of the corpus.
 */
import type { Root } from 'mdast'
import { gfmFromMarkdown } from 'mdast-util-gfm'
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal'
import { gfmFootnote } from 'micromark-extension-gfm-footnote'
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough'
import { gfmTable } from 'micromark-extension-gfm-table'
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item'
import type { Construct, Extension } from 'micromark-util-types'
import remarkParse from 'remark-parse'
import { type Processor, unified } from 'unified'

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

const processors = new Map<number, Processor<Root>>()

/** The processor for one set of constructs, built once per set (per worker) and reused. */
function processorFor(mask: number): Processor<Root> {
  let processor = processors.get(mask)
  if (!processor) {
    const extensions = guarded.filter((_, index) => mask & (1 << index)).map((g) => g.extension)
    processor = unified()
      .use(remarkParse)
      .data('micromarkExtensions', extensions)
      // The mdast side only acts on tokens the constructs produced, so it is always on.
      .data('fromMarkdownExtensions', [gfmFromMarkdown()])
      .freeze() as unknown as Processor<Root>
    processors.set(mask, processor)
  }
  return processor
}

/** The GFM constructs `doc` could use, by name (for tests and diagnostics). */
export function gfmConstructsFor(doc: string): string[] {
  return guarded.filter((g) => g.possible(doc)).map((g) => g.name)
}

/** Parse a Markdown body into mdast (GFM tables, autolinks, strikethrough, footnotes, task lists). */
export function toMdast(body: string): Root {
  let mask = 0
  guarded.forEach((g, index) => {
    if (g.possible(body)) mask |= 1 << index
  })
  // The extensions only add micromark/mdast extensions, so `parse` yields the full tree: no `run` needed.
  return processorFor(mask).parse(body)
}
