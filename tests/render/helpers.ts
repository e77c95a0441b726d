/**
 * Shared helpers of the render tests (and the map's): load a fixture through the real
 * parser when it exists (else a plain remark parse), and inspect rendered HTML
 * as a DOM (parse5), not as a string.
 */
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Root } from 'mdast'
import { parseFragment, type DefaultTreeAdapterMap } from 'parse5'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'
import type { ArchiveRecord } from '../../src/records/types.ts'

export const HOSTILE_DIR = fileURLToPath(new URL('../fixtures/hostile/', import.meta.url))
const PARSER = fileURLToPath(new URL('../../src/parse/index.ts', import.meta.url))

/** Whether the fixtures go through the real `parseFile` (true once src/parse/index.ts exists). */
export const usesRealParser = existsSync(PARSER)

/** Parse one fixture file into its record and mdast. */
export async function loadFixture(name: string): Promise<{ record: ArchiveRecord; tree: Root }> {
  const bytes = readFileSync(HOSTILE_DIR + name)
  if (usesRealParser) {
    const { parseFile } = (await import(PARSER)) as { parseFile: (i: { path: string; bytes: Uint8Array }) => { record: ArchiveRecord; tree: Root } }
    const { record, tree } = parseFile({ path: name, bytes: new Uint8Array(bytes) })
    return { record, tree }
  }
  const body = bytes.toString('utf8')
  const tree = unified().use(remarkParse).use(remarkGfm).parse(body)
  const kind = /\[\[type:learningplan\]\]/.test(body) ? 'learningplan' : 'solution'
  return { record: { kind, body, sections: [] } as unknown as ArchiveRecord, tree }
}

type Node = DefaultTreeAdapterMap['node']
type Element = DefaultTreeAdapterMap['element']

/** Every element of an HTML fragment, in document order. */
export function elementsOf(html: string): Element[] {
  const out: Element[] = []
  const stack: Node[] = [parseFragment(html) as Node]
  while (stack.length > 0) {
    const node = stack.pop() as Node
    if ('tagName' in node) out.push(node as Element)
    const children = 'childNodes' in node ? node.childNodes : []
    const content = 'content' in node ? [(node as { content: Node }).content] : []
    stack.push(...[...children, ...content].reverse())
  }
  return out
}

const FORBIDDEN_TAGS = new Set([
  'script', 'style', 'iframe', 'frame', 'form', 'input', 'button', 'textarea', 'select', 'object',
  'embed', 'svg', 'math', 'link', 'meta', 'base', 'template', 'noscript', 'video', 'audio', 'body'
])
const URL_ATTRS = new Set(['href', 'src', 'action', 'formaction', 'cite', 'background', 'poster', 'xlink:href', 'srcset', 'data'])
const RASTER_DATA = /^data:image\/(?:png|jpeg|gif|webp)[;,]/

/** Everything unsafe in rendered HTML, as readable strings (empty when safe). */
export function unsafeParts(html: string): string[] {
  const problems: string[] = []
  if (/<script/i.test(html)) problems.push('raw <script in output')
  for (const el of elementsOf(html)) {
    if (FORBIDDEN_TAGS.has(el.tagName)) problems.push(`<${el.tagName}>`)
    for (const { name, value } of el.attrs) {
      if (/^on/i.test(name)) problems.push(`${el.tagName}[${name}]`)
      if (name === 'style') problems.push(`${el.tagName}[style]`)
      if (value.includes('<')) problems.push(`${el.tagName}[${name}] holds markup`)
      if (!URL_ATTRS.has(name)) continue
      // What a browser would see: it drops ASCII whitespace and control characters inside the scheme.
      // eslint-disable-next-line no-control-regex
      const url = value.replace(/[\u0000-\u0020]/g, '').toLowerCase()
      if (/^(?:javascript|vbscript|livescript):/.test(url)) problems.push(`${el.tagName}[${name}]=${value}`)
      if (url.startsWith('data:') && !(el.tagName === 'img' && name === 'src' && RASTER_DATA.test(url))) {
        problems.push(`${el.tagName}[${name}]=${value.slice(0, 40)}`)
      }
      if (!/^(?:https?:|mailto:|data:|[^:]*$|[^:]*[/?#])/.test(url)) problems.push(`${el.tagName}[${name}] scheme ${value}`)
    }
  }
  return problems
}
