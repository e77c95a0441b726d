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
  for (const dir of dirs) found.push(...(await scanFragments(dir)))
  return found
}

/**
 * The e-mail scan of one shard's `fragment/` folder, which also adds to each
 * page's fragment the meta `sort-<key>` with the page's sort values (the
 * search page merges sorted shards by them). Returns the pages with e-mails.
 */
export async function finishShardFragments(shardDir: string, sorts: ReadonlyMap<string, Record<string, string>>): Promise<string[]> {
  return scanFragments(join(shardDir, 'fragment'), sorts)
}

/** Pagefind's signature at the start of every decompressed file. */
const SIGNATURE = 'pagefind_dcd'

async function scanFragments(dir: string, sorts?: ReadonlyMap<string, Record<string, string>>): Promise<string[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const found: string[] = []
  for (const name of names.sort()) {
    let text: string
    try {
      text = gunzipSync(await readFile(join(dir, name))).toString('utf8')
    } catch {
      continue
    }
    if (sorts) await addSortMeta(join(dir, name), text, sorts)
    if (!hasEmail(text)) continue
    const json = text.slice(text.indexOf('{'))
    let parsed: unknown
    try {
      parsed = JSON.parse(json)
    } catch {
      found.push(`fragment/${name}`)
      continue
    }
    const fragments: Fragment[] = typeof (parsed as Fragment).url === 'string' ? [parsed as Fragment] : Object.values(parsed as Record<string, Fragment>)
    for (const fragment of fragments) {
      if (hasEmail(fragment.content ?? '') || hasEmail(JSON.stringify(fragment.meta ?? {}))) found.push(fragment.url ?? name)
    }
  }
  return found
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
