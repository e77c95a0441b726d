/**
 * The last privacy pass: every file the site writes (pages, feeds, sitemap, the
 * exports) goes through one mask that removes the address of every focal point
 * of the archive, whichever field, template or attribute printed it. Masking
 * chosen fields (privacy.ts) is the first line; this pass is the guarantee.
 *
 * What it masks, and why only that: the addresses of the archive's focal points
 * (every record's `focal_point` tags), not every e-mail-shaped string. Those
 * addresses are the personal data the archive registers and the config's
 * `publishEmails` is about; other addresses in bodies are the authors' published
 * text (the renderer already shows them as `@domain` in the page text, and the
 * open data keeps them, see `publicRecord`). A shape pattern over final HTML
 * would also rewrite what only looks like an address inside URLs, breaking
 * images and links (`logo@2x.png`, `cdn/pkg@1.2.3/x.js`, `user@host` logins),
 * and it could not see an address in disguise: a known set can. The forms
 * masked, case-insensitively and wherever they stand (text, attribute values,
 * `#fragments`, JSON-LD, XML, CSV):
 *   - `local@domain`, also with `@` written `%40`, `&#64;`, `&#x40;` or `&commat;`
 *     (and a percent-encoded local part), masked to `@domain`;
 *   - the github-slugger form of a heading id or its link (`localdomain`, as in
 *     `write-to-paulinajimenezundporg`), masked to the slug of `@domain`
 *     (`write-to-undporg`). The mask only deletes the local part, so an id and
 *     every `href="#…"` that points at it stay equal.
 * Cost: two regexes anchored on the few focal-point domains (as written, as
 * slugged) find candidates; each is checked against the set of local parts by
 * looking back from it: a few percent of a corpus build (docs/performance.md).
 */
import { createHash } from 'node:crypto'
import GithubSlugger from 'github-slugger'
import type { ArchiveRecord } from '../records/types.ts'

/** Mask the focal-point addresses in one output file's text. */
export type OutputMask = (text: string) => string

const identity: OutputMask = (text) => text

/** An address inside a tag value (`Name <a@b.org>`, `mailto:a@b.org`, two in one tag). */
const ADDRESS = /([^\s@<>"'(),;:[\]]+)@([^\s@<>"'(),;:[\]]+)/gu

/** Ways an output writes `@`: as is, percent-encoded (URLs), as an HTML character reference. */
export const AT_FORMS = '(?:@|%40|&#0*64;|&#x0*40;|&commat;)'

/** Local parts longer than this are not addresses (RFC 5321), nor looked back for. */
const MAX_LOCAL = 64

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')

/**
 * Every focal-point address of the archive: its records' `focalPoints` and the
 * address-shaped parts of their raw `focal_point` tags (which may be invalid).
 * @param records the archive's records
 * @returns distinct addresses, lower-cased
 */
export function focalPointAddresses(records: readonly ArchiveRecord[]): string[] {
  const found = new Set<string>()
  for (const record of records) {
    for (const value of [...record.focalPoints, ...(record.tags.focal_point ?? [])]) {
      for (const m of value.matchAll(ADDRESS)) {
        const domain = m[2]!.replace(/\.+$/, '')
        if (domain) found.add(`${m[1]}@${domain}`.toLowerCase())
      }
    }
  }
  return [...found].sort()
}

/** Local parts to look for before one domain form, and the longest of them. */
interface Locals {
  set: Set<string>
  max: number
}

function addLocal(map: Map<string, Locals>, domain: string, local: string): void {
  if (!domain || !local || local.length > MAX_LOCAL) return
  let entry = map.get(domain)
  if (!entry) map.set(domain, (entry = { set: new Set(), max: 0 }))
  entry.set.add(local)
  entry.max = Math.max(entry.max, local.length)
}

/**
 * A mask that removes these addresses from any text (see the module comment for the forms).
 * @param addresses focal-point addresses (`local@domain`)
 * @returns a pure function of the text; the identity when there are no addresses
 */
export function outputMask(addresses: Iterable<string>): OutputMask {
  const literal = new Map<string, Locals>()
  const slugged = new Map<string, Locals>()
  for (const address of addresses) {
    const at = address.lastIndexOf('@')
    const local = address.slice(0, at).toLowerCase()
    const domain = address.slice(at + 1).toLowerCase()
    if (at < 1 || !domain) continue
    addLocal(literal, domain, local)
    addLocal(literal, domain, encodeURIComponent(local).toLowerCase())
    // A fresh slugger each time: slug() numbers repeats, and these are single words.
    const localSlug = new GithubSlugger().slug(local)
    const domainSlug = new GithubSlugger().slug(domain)
    addLocal(slugged, domainSlug, localSlug)
    addLocal(slugged, domainSlug, encodeURIComponent(localSlug).toLowerCase())
  }
  if (literal.size === 0) return identity
  const alternatives = (map: Map<string, Locals>): string =>
    [...map.keys()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRegex).join('|')
  const literalPattern = new RegExp(`${AT_FORMS}(${alternatives(literal)})`, 'gi')
  // Slugs are lower-case (github-slugger): a case-sensitive scan, the faster one.
  const slugPattern = slugged.size ? new RegExp(`(${alternatives(slugged)})`, 'g') : null
  return (text) => {
    const cuts = localParts(text, literalPattern, literal)
    if (slugPattern) cuts.push(...localParts(text, slugPattern, slugged))
    if (cuts.length === 0) return text
    cuts.sort((a, b) => a[0] - b[0])
    let out = ''
    let from = 0
    for (const [start, stop] of cuts) {
      if (start < from) continue
      out += text.slice(from, start)
      from = stop
    }
    return out + text.slice(from)
  }
}

/**
 * Where the known local parts stand in `text`: right before each match of `pattern`
 * (whose group 1 is a key of `locals`), the longest one, not reaching into an earlier match.
 */
function localParts(text: string, pattern: RegExp, locals: Map<string, Locals>): Array<[number, number]> {
  const cuts: Array<[number, number]> = []
  let floor = 0
  pattern.lastIndex = 0
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
    const entry = locals.get(m[1]!.toLowerCase())
    const end = m.index
    for (let k = Math.min(entry?.max ?? 0, end - floor); k > 0; k--) {
      if (entry!.set.has(text.slice(end - k, end).toLowerCase())) {
        cuts.push([end - k, end])
        break
      }
    }
    floor = pattern.lastIndex
  }
  return cuts
}

/** An archive's mask and the key of what it masks (for incremental builds). */
interface ArchiveMask {
  mask: OutputMask
  key: string
}

const masks = new WeakMap<readonly ArchiveRecord[], ArchiveMask>()

/** The addresses of `records`, read once per loaded archive, as a mask and its key. */
function maskOf(records: readonly ArchiveRecord[]): ArchiveMask {
  let built = masks.get(records)
  if (!built) {
    const addresses = focalPointAddresses(records)
    built = { mask: outputMask(addresses), key: createHash('sha256').update(addresses.join('\n')).digest('base64url') }
    masks.set(records, built)
  }
  return built
}

/**
 * The output mask of an archive, built once per loaded archive.
 * @param records the archive's records (the cache key: a rebuild loads a new array)
 * @param publish the config's `publishEmails`: when true nothing is masked
 * @returns the mask of every focal-point address of `records`
 */
export function archiveMask(records: readonly ArchiveRecord[], publish: boolean): OutputMask {
  return publish ? identity : maskOf(records).mask
}

/**
 * The key of that mask: a page kept from a build whose key differs was masked with
 * other addresses (src/site/incremental.ts). '' when nothing is masked.
 */
export function archiveMaskKey(records: readonly ArchiveRecord[], publish: boolean): string {
  return publish ? '' : maskOf(records).key
}
