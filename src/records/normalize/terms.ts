/** Free-text tag values (methods, data sources, thematic areas): display value plus grouping key. */
import type { Term } from '../types.ts'

/** Grouping key: NFC, lower-case, whitespace collapsed, surrounding quotes and trailing `.,;:` folded. */
export function termKey(value: string): string {
  return value
    .normalize('NFC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .replace(/[.,;:\s]+$/, '')
    .replace(/^["'“”‘’«»]+|["'“”‘’«»]+$/g, '')
    .trim()
}

/** Trim, drop empties, de-duplicate by key (first display value wins), applying aliases. */
export function normalizeTerms(values: string[], aliases: Record<string, string> = {}): Term[] {
  const aliasByKey = new Map<string, string>()
  for (const [from, to] of Object.entries(aliases)) aliasByKey.set(termKey(from), to.trim())
  const seen = new Set<string>()
  const out: Term[] = []
  for (const raw of values) {
    const trimmed = raw.trim()
    if (!trimmed) continue
    let key = termKey(trimmed)
    if (!key) continue
    let value = trimmed
    const canonical = aliasByKey.get(key)
    if (canonical) {
      value = canonical
      key = termKey(canonical)
    }
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ value, key })
  }
  return out
}
