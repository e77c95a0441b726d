/**
 * Which pages go into which search shard, and the cache key of a shard.
 *
 * A page's shard is a hash of its URL modulo the shard count, so adding,
 * removing or editing one record never moves another record to another shard:
 * only the shard that holds it gets a new key and is re-indexed.
 */
import { createHash } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import fg from 'fast-glob'
import { decodeReferences } from '../render/escape.ts'

/** One HTML file of the built site that Pagefind will index. */
export interface SearchPage {
  /** Path relative to the site folder, with `/` separators (`plans/x/index.html`). */
  path: string
  /** The URL Pagefind gives the page, as `addDirectory` would (`/plans/x/`). */
  url: string
  /**
   * sha256 of what Pagefind reads of the page: its `<html>` tag and its `data-pagefind-body`
   * element ('' when not asked for). A neighbour's related list or the navigation
   * changing does not change it, so the page is not indexed again.
   */
  sha256: string
  bytes: number
  /** Its `data-pagefind-sort` values by key. */
  sorts: Record<string, string>
}

/** Pagefind keeps only the pages that carry this attribute once any page does. */
const BODY = 'data-pagefind-body'

/**
 * The site's pages that Pagefind would index: every HTML file matched by `glob`
 * (outside `pagefind/`) that carries `data-pagefind-body`, or every matched
 * file when none does (Pagefind's own rule). Sorted by path. `hash: false`
 * skips the content hashes (only the shard cache needs them).
 */
export async function searchPages(outDir: string, glob = '**/*.html', { hash = true } = {}): Promise<SearchPage[]> {
  const paths = (await fg(glob, { cwd: outDir, ignore: ['pagefind/**'], onlyFiles: true, dot: false })).sort()
  const all: (SearchPage & { body: boolean })[] = []
  const CONCURRENCY = 32
  let next = 0
  const read = async (): Promise<void> => {
    while (next < paths.length) {
      const path = paths[next++]!
      const bytes = await readFile(`${outDir}/${path}`)
      all.push({
        path,
        url: urlOf(path),
        sha256: hash ? indexedHash(bytes) : '',
        bytes: bytes.length,
        body: bodyAttribute(bytes) >= 0,
        sorts: sortValues(sortMarkup(bytes))
      })
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, read))
  const withBody = all.filter((page) => page.body)
  const kept = withBody.length > 0 ? withBody : all
  return kept.map(({ body: _body, ...page }) => page).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
}

/**
 * Where the `data-pagefind-body` attribute is, -1 when the page has none. Only inside
 * a tag: the same words in a title or a body are text (text holds no raw `<`, so the
 * last `<` before them is after the last `>`).
 */
function bodyAttribute(bytes: Buffer): number {
  for (let at = bytes.indexOf(BODY); at >= 0; at = bytes.indexOf(BODY, at + BODY.length)) {
    if (bytes.lastIndexOf('<', at) > bytes.lastIndexOf('>', at)) return at
  }
  return -1
}

/**
 * Hash of the parts of a page Pagefind indexes: the `<html …>` tag (its language) and the
 * element carrying `data-pagefind-body`, to the last closing tag of its name (the templates
 * write one such element); the whole page when it has none.
 */
function indexedHash(bytes: Buffer): string {
  const hash = createHash('sha256')
  const at = bodyAttribute(bytes)
  const open = at < 0 ? -1 : bytes.lastIndexOf('<', at)
  const name = open < 0 ? null : /^<([a-zA-Z][\w-]*)/.exec(bytes.toString('latin1', open, open + 32))?.[1]
  const close = name ? bytes.lastIndexOf(`</${name}>`) : -1
  if (close < open || open < 0) return hash.update(bytes).digest('hex')
  const html = bytes.indexOf('<html')
  if (html >= 0) hash.update(bytes.subarray(html, bytes.indexOf('>', html) + 1))
  return hash.update(bytes.subarray(open, close)).digest('hex')
}

const SORT = 'data-pagefind-sort'

/**
 * The part of a page that holds its sort values: from the tag of the first to the end of
 * the last (the templates write them side by side), '' when it has none. Decoding only this
 * part, not each whole page, is most of what listing the corpus's pages costs otherwise.
 */
function sortMarkup(bytes: Buffer): string {
  const first = bytes.indexOf(SORT)
  if (first < 0) return ''
  const start = bytes.lastIndexOf('<', first)
  const close = bytes.indexOf('</', bytes.lastIndexOf(SORT))
  return bytes.toString('utf8', Math.max(0, start), close < 0 ? bytes.length : close + 2)
}

/** The URL Pagefind's `addDirectory` gives a file: `a/index.html` → `/a/`, `a/b.html` → `/a/b.html`. */
export function urlOf(path: string): string {
  return '/' + path.replace(/(^|\/)index\.html$/, '$1')
}

/** The shard (0…shards−1) of a page URL: a hash, so the assignment never depends on other pages. */
export function shardOf(url: string, shards: number): number {
  if (shards <= 1) return 0
  return createHash('sha256').update(url).digest().readUInt32BE(0) % shards
}

/** Split pages into `shards` lists by `shardOf` (each keeps the input order). */
export function assignShards(pages: SearchPage[], shards: number): SearchPage[][] {
  const out: SearchPage[][] = Array.from({ length: shards }, () => [])
  for (const page of pages) out[shardOf(page.url, shards)]!.push(page)
  return out
}

/**
 * Cache key of one shard: everything its bundle depends on. `settings` holds the
 * Pagefind version, the index options and this code's format version; the
 * pages are listed sorted by path with their content hashes.
 */
export function shardKey(settings: unknown, pages: SearchPage[]): string {
  const hash = createHash('sha256').update(JSON.stringify(settings))
  for (const page of [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`\n${page.path}\t${page.sha256}`)
  }
  return hash.digest('hex').slice(0, 32)
}

/**
 * A sort value's text: character references decoded, whitespace as Pagefind 1.5 normalises a sort value (checked
 * against its output): a line break becomes a space, any run of two or more
 * whitespace characters (no-break spaces and tabs included) one space, the ends
 * are trimmed; a single tab or no-break space stays, and sorts after letters
 * (`piloting\u00a0international` after `piloting rapid`).
 */
function decodeText(text: string): string {
  return decodeReferences(text)
    .replace(/[\r\n]/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
}

/**
 * The sort values of a page (`<span data-pagefind-sort="date">2023-05-01</span>`
 * → `{ date: '2023-05-01' }`): elements whose text is the value, as the
 * archive's templates write them. The search page merges the sorted results of
 * the shards by these values.
 */
export function sortValues(html: string): Record<string, string> {
  const values: Record<string, string> = {}
  for (const match of html.matchAll(/<[a-zA-Z][^<>]*\sdata-pagefind-sort="([\w-]+)"[^<>]*>([^<]*)</g)) {
    if (!(match[1]! in values)) values[match[1]!] = decodeText(match[2]!)
  }
  return values
}
