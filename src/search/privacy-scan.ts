/**
 * A last check on the written bundle: which indexed pages still contain
 * something shaped like an e-mail address (a body quoting one in plain text,
 * say). Fragments are gzip files of `pagefind_dcd` + JSON, one page each or
 * grouped; the check reads each once, linear in the bundle size.
 */
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'

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

/** URLs of the indexed pages whose text or meta contains an e-mail-like string. */
export async function pagesWithEmails(bundleDir: string): Promise<string[]> {
  const dir = join(bundleDir, 'fragment')
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
