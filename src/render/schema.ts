/**
 * The sanitize schema for untrusted bodies: rehype-sanitize's GitHub-style
 * `defaultSchema`, made stricter (no forms, no tab-order or access-key games,
 * only http/https/mailto links, only raster `data:image/*` sources).
 */
import { defaultSchema } from 'rehype-sanitize'
import type { Options as Schema } from 'rehype-sanitize'

/** Prefix rehype-sanitize puts before every `id`/`name` so user ids cannot clobber DOM globals. */
export const ANCHOR_PREFIX = 'user-content-'

/** Elements removed together with their content (not just unwrapped). */
const STRIPPED = [
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet',
  'svg', 'math', 'noscript', 'noembed', 'noframes', 'template', 'textarea',
  'select', 'option', 'button', 'input', 'title', 'xmp', 'plaintext', 'link',
  'meta', 'base', 'head', 'audio', 'video', 'canvas', 'picture', 'source'
]

/** Global attributes dropped from the default list: form plumbing, focus and shortcut hijacking. */
const DROPPED_GLOBALS = new Set([
  'accept', 'acceptCharset', 'accessKey', 'action', 'checked', 'encType',
  'isMap', 'maxLength', 'method', 'multiple', 'readOnly', 'selected', 'tabIndex',
  'useMap', 'prompt', 'label', 'charSet'
])

/** Tags GitHub drops that are harmless and common in Word paste. */
const EXTRA_TAGS = ['u', 'abbr', 'cite', 'mark', 'small', 'caption', 'figure', 'figcaption', 'colgroup', 'col']

/** Raster `data:` images only; everything else in `src` must be http(s) or relative (protocol list below). */
const IMG_SRC = /^(?!data:)|^data:image\/(?:png|jpeg|gif|webp)[;,]/

const defaults = defaultSchema.attributes ?? {}
const removedTags = new Set([...STRIPPED, 'input', 'form'])

/** The strict schema applied as the last step of every body render. */
export const sanitizeSchema: Schema = {
  ...defaultSchema,
  clobberPrefix: ANCHOR_PREFIX,
  clobber: ['ariaDescribedBy', 'ariaLabelledBy', 'id', 'name'],
  strip: STRIPPED,
  tagNames: [...(defaultSchema.tagNames ?? []).filter((t) => !removedTags.has(t)), ...EXTRA_TAGS],
  protocols: {
    cite: ['http', 'https'],
    href: ['http', 'https', 'mailto'],
    src: ['http', 'https', 'data']
  },
  required: {},
  attributes: {
    ...defaults,
    a: [
      'ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy',
      'dataFootnoteBackref', 'dataFootnoteRef',
      ['className', 'data-footnote-backref'],
      'href',
      ['rel', 'nofollow', 'ugc', 'noopener', 'noreferrer']
    ],
    blockquote: ['cite', ['className', 'prompt'], ['dataPagefindIgnore', 'all']],
    div: [['className', 'group']],
    img: ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy', ['src', IMG_SRC], ['loading', 'lazy'], ['decoding', 'async']],
    input: [],
    li: [['className', 'task-list-item']],
    span: [['className', 'task-box']],
    source: [],
    '*': (defaults['*'] ?? []).filter((d) => !DROPPED_GLOBALS.has(typeof d === 'string' ? d : d[0]))
  }
}
