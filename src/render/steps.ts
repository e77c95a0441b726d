/**
 * Our own small rehype steps, run between rehype-raw and rehype-sanitize:
 * heading ids that match `record.sections`, link and image attributes, and
 * classes the site styles (`prompt` blockquotes, task-list boxes).
 */
import type { Element, ElementContent, Root as HastRoot, RootContent } from 'hast'
import type { VFile } from 'vfile'
import { maskEmailsInText } from './mask-emails.ts'
import { ANCHOR_PREFIX } from './schema.ts'

/** What one run of the processor needs to know about its record, passed on `file.data`. */
export interface RenderData {
  /** Slugs for the Markdown headings, in document order (without the anchor prefix). */
  headingIds: string[]
  /** Learning plans quote each form prompt: their blockquotes get the `prompt` class. */
  prompts: boolean
  /** Replace e-mail addresses in text, `alt`/`title`/`aria-label` values and `mailto:` links by their `@domain` (privacy default). */
  maskEmails?: boolean
}

declare module 'vfile' {
  interface DataMap {
    render: RenderData
  }
}

const HEADING = /^h[1-6]$/
const EXTERNAL = /^(?:https?:)?\/\//i
const KNOWN_SCHEME = /^(https?|mailto):/i
/** Sources the schema keeps: no scheme (relative, `/assets/…`), http(s), raster data: images. */
const IMG_SRC_OK = /^(?:[^:]*$|[^:]*[/?#]|https?:|data:image\/(?:png|jpeg|gif|webp)[;,])/

type Parent = HastRoot | Element

/** Visit every element in document order (pre-order); iterative so 5,000 nested quotes cannot overflow the stack. */
function eachElement(tree: HastRoot, visit: (node: Element) => void): void {
  const stack: Parent[] = [tree]
  while (stack.length > 0) {
    const node = stack.pop() as Parent
    if (node.type === 'element') visit(node)
    // Children are read after the visit, so a visitor may replace or filter them.
    for (let i = node.children.length - 1; i >= 0; i--) {
      const child = node.children[i] as RootContent
      if (child.type === 'element') stack.push(child)
    }
  }
}

/** Give the Markdown headings (elements before rehype-raw runs) the ids of `record.sections`. */
export function rehypeHeadingIds() {
  return (tree: HastRoot, file: VFile): void => {
    const ids = file.data.render?.headingIds ?? []
    let index = 0
    eachElement(tree, (node) => {
      if (HEADING.test(node.tagName)) {
        const id = ids[index++]
        if (id) node.properties.id = id
      }
    })
  }
}

function text(value: string): ElementContent {
  return { type: 'text', value }
}

/** An empty `> ` renders as a blockquote holding only line breaks; shallow so nesting stays linear. */
function isEmptyQuote(node: ElementContent): boolean {
  return (
    node.type === 'element' &&
    node.tagName === 'blockquote' &&
    node.children.every((child) => child.type === 'text' && child.value.trim() === '')
  )
}

/**
 * An attribute holding `<` is markup smuggled into a value (`title="</noscript><img onerror=…>"`):
 * harmless once quoted, but it is how mutation-XSS starts and it trips string scans of the
 * output, so it goes; `alt` keeps its words.
 */
function dropMarkupInAttributes(props: Element['properties']): void {
  for (const key of Object.keys(props)) {
    const value = props[key]
    if (typeof value !== 'string' || !value.includes('<')) continue
    if (key === 'alt') props[key] = value.replace(/[<>]/g, ' ')
    else delete props[key]
  }
}

/** Link rel, image loading, prompt classes, task boxes; drops empty form-prompt quotes. */
export function rehypeHarden() {
  return (tree: HastRoot, file: VFile): void => {
    const prompts = file.data.render?.prompts ?? false
    const maskEmails = file.data.render?.maskEmails ?? false
    if (prompts && tree.children.some((c) => c.type === 'element' && isEmptyQuote(c))) {
      tree.children = tree.children.filter((c) => !(c.type === 'element' && isEmptyQuote(c)))
    }
    eachElement(tree, (node) => {
      const props = node.properties
      dropMarkupInAttributes(props)
      if (maskEmails) maskShownText(node)
      switch (node.tagName) {
        case 'a': {
          if (maskEmails && typeof props.href === 'string' && /^\s*mailto:/i.test(props.href)) {
            // A masked address is no longer a link target: keep the (masked) text only.
            node.tagName = 'span'
            node.properties = {}
            break
          }
          delete props.target
          delete props.rel
          if (typeof props.href !== 'string') break
          let href = props.href.trim()
          // The sanitizer's protocol check is case-sensitive: fold the case of safe schemes only.
          href = href.replace(KNOWN_SCHEME, (scheme) => scheme.toLowerCase())
          // Ids get ANCHOR_PREFIX from the sanitizer; in-page links must follow.
          if (href.startsWith('#') && href.length > 1) href = '#' + ANCHOR_PREFIX + href.slice(1)
          props.href = href
          if (EXTERNAL.test(href)) props.rel = ['nofollow', 'ugc', 'noopener']
          break
        }
        case 'img': {
          if (typeof props.src === 'string') props.src = props.src.trim().replace(KNOWN_SCHEME, (s) => s.toLowerCase())
          // A placeholder (`Missing alt text`, 9,611 images of the corpus) says nothing: screen
          // readers skip an empty alt, and read a placeholder aloud on every image.
          if (typeof props.alt !== 'string' || PLACEHOLDER_ALT.test(props.alt)) props.alt = ''
          if (typeof props.src !== 'string' || !IMG_SRC_OK.test(props.src)) {
            // The sanitizer would drop the src and leave a broken-image icon: show the alt text instead.
            const alt = String(props.alt)
            node.tagName = 'span'
            node.properties = {}
            node.children = alt ? [text(alt)] : []
            break
          }
          props.loading = 'lazy'
          props.decoding = 'async'
          break
        }
        case 'blockquote': {
          if (prompts) {
            props.className = ['prompt']
            // The same prompts stand in every plan: noise for full-text search, not content.
            props.dataPagefindIgnore = 'all'
          } else delete props.className
          break
        }
        case 'input': {
          // GFM task boxes: no form controls in bodies, a glyph says the same.
          if (props.type === 'checkbox') {
            node.tagName = 'span'
            node.properties = { className: ['task-box'] }
            node.children = [text(props.checked ? '☑' : '☐')]
          }
          break
        }
      }
      if (prompts && node.children.length > 0) {
        // The forms leave `> ` with nothing in it before each answer group: noise, not content.
        if (node.children.some(isEmptyQuote)) node.children = node.children.filter((child) => !isEmptyQuote(child))
      }
    })
  }
}

/** Attributes a reader sees or hears as text (hast property names). */
/** Alt texts that describe nothing: export tools' placeholders and bare words for "an image". */
const PLACEHOLDER_ALT = /^\s*(missing alt text|alt text|image|img|picture|photo|graphic|untitled|placeholder)?\s*$/i

const SHOWN_ATTRIBUTES = ['alt', 'title', 'ariaLabel', 'ariaDescription'] as const

/** Mask e-mail addresses in an element's own text children and shown attributes (each element is visited once). */
function maskShownText(node: Element): void {
  for (const child of node.children) {
    if (child.type === 'text' && child.value.includes('@')) child.value = maskEmailsInText(child.value)
  }
  for (const key of SHOWN_ATTRIBUTES) {
    const value = node.properties[key]
    if (typeof value === 'string' && value.includes('@')) node.properties[key] = maskEmailsInText(value)
  }
}
