/**
 * Render a record's mdast (from the parser, never re-parsed) to sanitised HTML:
 * remark-rehype → rehype-raw (when the body has raw HTML) → our steps →
 * rehype-sanitize (last) → rehype-stringify. Pure, never throws, output safe
 * to insert into a page as-is.
 */
import GithubSlugger from 'github-slugger'
import type { Root as HastRoot } from 'hast'
import type { Root, RootContent } from 'mdast'
import { toString } from 'mdast-util-to-string'
import rehypeRaw from 'rehype-raw'
import rehypeSanitize from 'rehype-sanitize'
import rehypeStringify from 'rehype-stringify'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import { unified } from 'unified'
import { VFile } from 'vfile'
import type { RenderOptions } from '../parse/contract.ts'
import { defaultConfig } from '../records/config.ts'
import type { ArchiveRecord, Section } from '../records/types.ts'
import { escapeHtml } from './escape.ts'
import { maskEmailsInText } from './mask-emails.ts'
import { ANCHOR_PREFIX, sanitizeSchema } from './schema.ts'
import { rehypeHarden, rehypeHeadingIds, type RenderData } from './steps.ts'

export { ANCHOR_PREFIX, sanitizeSchema } from './schema.ts'

/** remark-rehype must not prefix ids itself: the sanitizer does, once, for every id. */
const toHast = { allowDangerousHtml: true, clobberPrefix: '' }

// Built once per module (per worker). rehype-raw feeds the whole tree through
// parse5, so bodies without raw HTML take the processor that skips it.
const withRaw = unified()
  .use(remarkRehype, toHast)
  .use(rehypeHeadingIds)
  .use(rehypeRaw)
  .use(rehypeHarden)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze()

const withoutRaw = unified()
  .use(remarkRehype, toHast)
  .use(rehypeHeadingIds)
  .use(rehypeHarden)
  .use(rehypeSanitize, sanitizeSchema)
  .use(rehypeStringify)
  .freeze()

const snippetParser = unified().use(remarkParse).use(remarkGfm).freeze()

/** The `id` a heading with this `record.sections[].slug` carries in rendered HTML (for tables of contents). */
export function headingAnchor(slug: string): string {
  return ANCHOR_PREFIX + slug
}

/**
 * The outline as a page shows it: unless publishing, each heading with its e-mail
 * addresses masked, as the rendered heading shows them, and its slug made again
 * from that text, so no anchor id spells an address. The body's heading ids and
 * the table of contents both take their ids from here, so they stay equal.
 * @param sections `record.sections`, as the parser made them
 * @param publishEmails keep the parser's headings and slugs
 * @returns `sections` itself when no heading holds an `@`
 */
export function publicSections(sections: readonly Section[], publishEmails: boolean): readonly Section[] {
  if (publishEmails || !sections.some((s) => s.heading.includes('@'))) return sections
  // The parser slugs every section in order with one slugger: doing the same again
  // gives every heading without an address its parser slug back.
  const slugger = new GithubSlugger()
  return sections.map((s) => {
    const heading = maskEmailsInText(s.heading)
    return { ...s, heading, slug: slugger.slug(heading) }
  })
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').trim()

/**
 * Deeper nesting than this is flattened to text before rendering: the unified
 * utilities recurse per level and overflow the stack near 2,000 nested quotes.
 */
const MAX_DEPTH = 100

interface Scan {
  headings: string[]
  hasHtml: boolean
  maxDepth: number
}

type Node = Root | RootContent

/** One read-only pass over the mdast: heading texts in document order, raw HTML, nesting depth. */
function scan(tree: Root): Scan {
  const headings: { text: string; depth: number }[] = []
  let hasHtml = false
  let maxDepth = 0
  const stack: [RootContent, number][] = tree.children.map((c): [RootContent, number] => [c, 1]).reverse()
  while (stack.length > 0) {
    const [node, depth] = stack.pop() as [RootContent, number]
    if (depth > maxDepth) maxDepth = depth
    if (node.type === 'html') hasHtml = true
    if (node.type === 'heading') headings.push({ text: norm(depth > MAX_DEPTH ? flatText(node) : toString(node)), depth })
    if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i] as RootContent, depth + 1])
  }
  // Headings that capDepth will flatten to text get no id.
  const kept = maxDepth > MAX_DEPTH ? headings.filter((h) => h.depth < MAX_DEPTH) : headings
  return { headings: kept.map((h) => h.text), hasHtml, maxDepth }
}

/** The text of a subtree, without recursion (mdast-util-to-string recurses). */
function flatText(node: Node): string {
  const parts: string[] = []
  const stack: Node[] = [node]
  while (stack.length > 0) {
    const n = stack.pop() as Node
    if ('value' in n && typeof n.value === 'string' && n.type !== 'html') parts.push(n.value)
    if ('children' in n) for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as Node)
  }
  return parts.join(' ')
}

/** A copy of the tree whose nodes below MAX_DEPTH are replaced by their text; the input is untouched. */
function capDepth(tree: Root): Root {
  const copy = (node: Node, depth: number): Node => {
    if (!('children' in node)) return node
    if (depth >= MAX_DEPTH) return { type: 'text', value: flatText(node) }
    return { ...node, children: node.children.map((c) => copy(c, depth + 1)) } as Node
  }
  return copy(tree, 0) as Root
}

/**
 * Pair headings with `sections` in order (same text → the parser's slug); a
 * heading the parser did not list gets its own github-slugger slug that avoids
 * every slug the sections use.
 */
function headingIds(headings: string[], sections: readonly Section[]): string[] {
  const used = new Set(sections.map((s) => s.slug))
  const slugger = new GithubSlugger()
  let next = 0
  return headings.map((text) => {
    const section = sections[next]
    if (section && norm(section.heading) === text) {
      next++
      return section.slug
    }
    let id = slugger.slug(text)
    while (used.has(id)) id = slugger.slug(text)
    used.add(id)
    return id
  })
}

function run(input: Root, data: RenderData, { hasHtml, maxDepth }: Scan): string {
  const tree = maxDepth > MAX_DEPTH ? capDepth(input) : input
  const processor = hasHtml ? withRaw : withoutRaw
  const file = new VFile()
  file.data.render = data
  // mdast-util-to-hast builds new nodes and does not write to the mdast, so the
  // parser's tree is left as it was (a test pins this).
  const hast = processor.runSync(tree, file) as HastRoot
  return processor.stringify(hast, file)
}

function failed(markdown: string): string {
  return `<!-- plan-archive: this body could not be rendered; shown as plain text --><pre class="render-failed">${escapeHtml(markdown)}</pre>`
}

/**
 * Render a record's body tree to sanitised HTML.
 * @param tree the mdast of `record.body`, as the parser produced it (not modified)
 * @param record the record, for its section slugs and kind
 * @param options `publishEmails`: keep e-mail addresses in the text and heading ids (default: mask them to `@domain`);
 *   `formKinds`: the record types whose quotes are form prompts
 * @returns HTML safe to insert as-is; on an internal failure an escaped `<pre>` of the body
 */
export function renderBody(tree: Root, record: ArchiveRecord, options: RenderOptions = {}): string {
  try {
    const found = scan(tree)
    const publish = options.publishEmails ?? false
    // Ids come from the headings as shown: masked text, so no id spells an address.
    const headings = publish ? found.headings : found.headings.map(maskEmailsInText)
    const data: RenderData = {
      headingIds: headingIds(headings, publicSections(record.sections ?? [], publish)),
      prompts: (options.formKinds ?? defaultConfig.formKinds).includes(record.type),
      maskEmails: !publish
    }
    return run(tree, data, found)
  } catch {
    return failed(record.body ?? '')
  }
}

/**
 * Render a small untrusted Markdown snippet (a prompt answer, a note) with the same sanitizer.
 * @param markdown the snippet
 * @returns sanitised HTML; never throws
 */
export function renderMarkdownString(markdown: string): string {
  try {
    const tree = snippetParser.parse(markdown)
    const found = scan(tree)
    return run(tree, { headingIds: headingIds(found.headings.map(maskEmailsInText), []), prompts: false, maskEmails: true }, found)
  } catch {
    return failed(markdown)
  }
}
