/**
 * Reading the rendered body of a record page: the heading that only repeats
 * the page title, and a plain-text description for search engines and link
 * previews. Both work on renderBody's output, which is sanitised and
 * serialised by rehype, so tags are well-formed and text holds no raw `<`.
 */
import type { ArchiveRecord } from '../records/types.ts'
import { decodeReferences } from '../render/escape.ts'
import { maskEmailsInText } from '../render/mask-emails.ts'

/** The text of an inline HTML fragment (a paragraph's, a heading's): tags dropped, line breaks as spaces, character references decoded, white space squashed. */
export function htmlText(fragment: string): string {
  return decodeReferences(fragment.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim()
}

const fold = (text: string): string => text.normalize('NFC').toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim()

/** The body's first heading, when it is only the page title again (97% of record pages open so). */
const FIRST_HEADING = /^\s*<h([1-6])(\s[^>]*)?>([\s\S]*?)<\/h\1>\s*/

/**
 * Drop a first heading that repeats the title (the title is the page's h1 already).
 * @returns the HTML without it, and whether it was dropped
 */
export function withoutTitleHeading(html: string, title: string): { html: string; dropped: boolean } {
  const m = FIRST_HEADING.exec(html)
  if (!m || fold(htmlText(m[3]!)) !== fold(title)) return { html, dropped: false }
  return { html: html.slice(m[0].length), dropped: true }
}

/** Text cut at a word near `max` characters, with an ellipsis when cut. */
function cutAt(text: string, max: number): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  // At a word; a single long word is cut, but never leaves part of an address behind.
  const kept = space > max / 2 ? cut.slice(0, space) : cut.replace(/\S*@\S*$/, '')
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`
}

/** A paragraph that is site navigation scraped with the page, not its text (`Skip to main content Malaysia… WHO WE ARE…`). */
const NAVIGATION = /^(?:skip to (?:the )?(?:main )?content|aller au contenu|ir al contenido|saltar al contenido|pular para o conte)/i

/**
 * How much of a paragraph is left to read without its links and addresses. Token by token:
 * a pattern around `@` backtracks over a long run without spaces (quadratic).
 */
function readable(text: string): number {
  let length = 0
  for (const token of text.split(/\s+/)) if (token && !/@|:\/\/|www\./.test(token)) length += token.length + 1
  return Math.max(0, length - 1)
}

/**
 * Descriptions of the page from its body: the first paragraphs of some length that are
 * not form prompts, scraped navigation or bare links, each cut at a word near `max` characters.
 * @returns at most `count`, in body order
 */
export function bodyDescriptions(html: string, max = 160, count = 3): string[] {
  // Prompts are the same in every plan of a form: the answer below says what this one is about.
  const answers = html.replace(/<blockquote[\s\S]*?<\/blockquote>/g, ' ')
  const found: string[] = []
  for (const m of answers.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p>/g)) {
    const text = htmlText(m[1]!)
    if (readable(text) < 40 || NAVIGATION.test(text)) continue
    found.push(cutAt(text, max))
    if (found.length === count) break
  }
  return found
}

/** The first of `bodyDescriptions`, or null when the body has none. */
export function bodyDescription(html: string, max = 160): string | null {
  return bodyDescriptions(html, max, 1)[0] ?? null
}

/** A text shared by this many records is a form's instructions (`This section is to explain the basics…`), not what one record is about. */
const SHARED = 5

/**
 * Each record's one line, for lists and link previews: its front matter's `description` when it
 * has one, else the first of its body's descriptions (bodyDescriptions) that fewer than `SHARED`
 * records share; null when it has neither.
 * @param records each record with its rendered body (sanitised, addresses masked as the site shows them)
 * @param publishEmails whether the build publishes addresses (else the front matter's show `@domain` only, as in the body)
 */
export function recordSummaries(
  records: ReadonlyArray<{ record: Pick<ArchiveRecord, 'frontMatter'>; html?: string | null }>,
  publishEmails: boolean,
  max = 160
): Array<string | null> {
  const candidates = records.map(({ record, html }) => {
    const own = record.frontMatter['description']
    if (typeof own === 'string' && own.trim()) {
      const text = own.replace(/\s+/g, ' ').trim()
      return [cutAt(publishEmails ? text : maskEmailsInText(text), max)]
    }
    return bodyDescriptions(html ?? '', max)
  })
  const shared = new Map<string, number>()
  for (const list of candidates) for (const text of new Set(list)) shared.set(text, (shared.get(text) ?? 0) + 1)
  return candidates.map((list) => list.find((text) => shared.get(text)! < SHARED) ?? list[0] ?? null)
}
