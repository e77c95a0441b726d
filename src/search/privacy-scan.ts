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
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u

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
    if (!EMAIL.test(text)) continue
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
      if (EMAIL.test(fragment.content ?? '') || EMAIL.test(JSON.stringify(fragment.meta ?? {}))) found.push(fragment.url ?? name)
    }
  }
  return found
}
