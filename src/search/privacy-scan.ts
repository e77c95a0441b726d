/**
 * A last check on the written bundle: which indexed pages still contain
 * something shaped like an e-mail address (a body quoting one in plain text,
 * say). Fragments are gzip files of `pagefind_dcd` + JSON, one page each or
 * grouped; the check reads each once, linear in the bundle size.
 */
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync, gzipSync } from 'node:zlib'

// Deliberately loose (no validation): better a false alarm than a missed address.
// Anchored at each '@' (found with indexOf) so the scan stays linear: an unanchored
// pattern retries every position of long letter runs.
const LOCAL_END = /[\p{L}\p{N}._%+-]$/u
const DOMAIN = /^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u

/** True when `text` holds something shaped like `local@domain.tld`. */
export function hasEmail(text: string): boolean {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    if (LOCAL_END.test(text.slice(Math.max(0, at - 1), at)) && DOMAIN.test(text.slice(at + 1, at + 256))) return true
  }
  return false
}

interface Fragment {
  url?: string
  content?: string
  meta?: Record<string, string>
  filters?: Record<string, string[]>
}

/** One indexed page of a shard: its URL, its id in the shard (what a search result calls it) and its filter values. */
export interface ShardPage {
  url: string
  id: string
  filters: Record<string, string[]>
  /** sha256 of the page's HTML when it was indexed (set by the build when it caches the shard). */
  sha256?: string
}

/**
 * URLs of the indexed pages whose text or meta contains an e-mail-like string,
 * in one bundle (`<dir>/fragment/`) or a sharded one (`<dir>/<shard>/fragment/`).
 */
export async function pagesWithEmails(bundleDir: string): Promise<string[]> {
  const dirs = [join(bundleDir, 'fragment')]
  try {
    for (const entry of await readdir(bundleDir, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'fragment') dirs.push(join(bundleDir, entry.name, 'fragment'))
    }
  } catch {
    return []
  }
  const found: string[] = []
  for (const dir of dirs) found.push(...(await scanFragments(dir)).emails)
  return found
}

/**
 * The e-mail scan of one shard's `fragment/` folder, which also adds to each
 * page's fragment the meta `sort-<key>` with the page's sort values (the
 * search page merges sorted shards by them).
 * @returns the pages with e-mails, and every page of the shard (a later build may supersede them)
 */
export async function finishShardFragments(
  shardDir: string,
  sorts: ReadonlyMap<string, Record<string, string>>
): Promise<{ emails: string[]; pages: ShardPage[] }> {
  return scanFragments(join(shardDir, 'fragment'), sorts)
}

/** Pagefind's signature at the start of every decompressed file. */
const SIGNATURE = 'pagefind_dcd'

async function scanFragments(dir: string, sorts?: ReadonlyMap<string, Record<string, string>>): Promise<{ emails: string[]; pages: ShardPage[] }> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return { emails: [], pages: [] }
  }
  const found: string[] = []
  const pages: ShardPage[] = []
  for (const name of names.sort()) {
    let text: string
    try {
      text = gunzipSync(await readFile(join(dir, name))).toString('utf8')
    } catch {
      continue
    }
    if (sorts) await addSortMeta(join(dir, name), text, sorts)
    let parsed: unknown
    try {
      parsed = JSON.parse(text.slice(text.indexOf('{')))
    } catch {
      if (hasEmail(text)) found.push(`fragment/${name}`)
      continue
    }
    // A fragment file holds one page (named by its id) or a group of them (by id).
    const single = typeof (parsed as Fragment).url === 'string'
    const fragments: Array<[string, Fragment]> = single ? [[name.replace(/\.pf_fragment$/, ''), parsed as Fragment]] : Object.entries(parsed as Record<string, Fragment>)
    for (const [id, fragment] of fragments) {
      if (typeof fragment.url === 'string') pages.push({ url: fragment.url, id, filters: fragment.filters ?? {} })
      if (hasEmail(fragment.content ?? '') || hasEmail(JSON.stringify(fragment.meta ?? {}))) found.push(fragment.url ?? name)
    }
  }
  return { emails: found, pages }
}

/** Rewrite one single-page fragment with its page's sort values as `sort-<key>` meta. */
async function addSortMeta(path: string, text: string, sorts: ReadonlyMap<string, Record<string, string>>): Promise<void> {
  if (!text.startsWith(SIGNATURE)) return
  let fragment: Fragment
  try {
    fragment = JSON.parse(text.slice(SIGNATURE.length)) as Fragment
  } catch {
    return
  }
  const values = typeof fragment.url === 'string' ? sorts.get(fragment.url) : undefined
  if (!values || !Object.keys(values).length) return
  fragment.meta = { ...fragment.meta }
  for (const [key, value] of Object.entries(values)) fragment.meta[`sort-${key}`] = value
  await writeFile(path, gzipSync(SIGNATURE + JSON.stringify(fragment)))
}
