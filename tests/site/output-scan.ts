/**
 * Look for focal-point addresses in a built site, for the privacy tests: every
 * file is read, gzip ones (Pagefind's index, meta and fragments) decompressed,
 * and each address is searched for as written, with its `@` percent-encoded or
 * written as a character reference, and as the github-slugger slug that a
 * heading id (or a link to it) makes of it. Written apart from
 * src/site/mask-output.ts on purpose: the test must not share the code it checks.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import GithubSlugger from 'github-slugger'
import { listFiles } from './helpers.ts'

/** Addresses named by `[[focal_point:…]]` tags in Markdown text, lower-cased. */
export function focalPointsIn(markdown: string): string[] {
  const found: string[] = []
  for (const tag of markdown.matchAll(/\[\[\s*focal[_ ]?points?\s*:([^\]]*)\]\]/gi)) {
    for (const m of tag[1]!.matchAll(/[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+/g)) found.push(m[0].replace(/\.+$/, '').toLowerCase())
  }
  return found
}

/** One place an address was found: the file (relative to the site) and the form it had. */
export interface Leak {
  file: string
  address: string
  form: 'address' | 'slug'
}

/** A file's text: decompressed when it is gzip, lower-cased, every written form of `@` made `@`. */
function textOf(path: string): string {
  let bytes = readFileSync(path)
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes)
  return bytes
    .toString('utf8')
    .toLowerCase()
    .replace(/%40|&#0*64;|&#x0*40;|&commat;/g, '@')
}

/** Each `[local, domain]` grouped by domain, to check only the addresses of the domain found. */
function byDomain(pairs: Array<[string, string, string]>): Map<string, Array<[string, string]>> {
  const map = new Map<string, Array<[string, string]>>()
  for (const [address, local, domain] of pairs) {
    if (!map.has(domain)) map.set(domain, [])
    map.get(domain)!.push([address, local])
  }
  return map
}

/**
 * Every place in the built site where one of `addresses` can be read.
 * @param root the built site
 * @param addresses focal-point addresses (any case)
 * @returns the leaks, by file; empty when none of the addresses appears in any form
 */
export function addressLeaks(root: string, addresses: readonly string[]): Leak[] {
  const split = (a: string): [string, string, string] => [a, a.slice(0, a.lastIndexOf('@')), a.slice(a.lastIndexOf('@') + 1)]
  const literal = byDomain(addresses.map((a) => split(a.toLowerCase())))
  // A slug has no `@`: found from its domain's slug, which must not be empty or too common to look for.
  const slug = (s: string): string => new GithubSlugger().slug(s)
  const slugged = byDomain(addresses.map((a) => split(a.toLowerCase())).map(([a, l, d]): [string, string, string] => [a, slug(l), slug(d)]).filter(([, l, d]) => l && d.length >= 4))
  const leaks: Leak[] = []
  for (const file of listFiles(root)) {
    const text = textOf(join(root, file))
    const found = new Set<string>()
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      for (const [domain, locals] of literal) {
        if (!text.startsWith(domain, at + 1)) continue
        for (const [address, local] of locals) if (text.startsWith(local, at - local.length) && !found.has(address)) leaks.push({ file, address, form: 'address' }), found.add(address)
      }
    }
    for (const [domain, locals] of slugged) {
      for (let i = text.indexOf(domain); i !== -1; i = text.indexOf(domain, i + 1)) {
        for (const [address, local] of locals) if (text.startsWith(local, i - local.length) && !found.has(address)) leaks.push({ file, address, form: 'slug' }), found.add(address)
      }
    }
  }
  return leaks
}
