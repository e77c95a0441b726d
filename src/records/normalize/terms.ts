/** Free-text tag values (methods, data sources, thematic areas): display value plus grouping key. */
import type { Term } from '../types.ts'

const QUOTES = new Set(['"', "'", '“', '”', '‘', '’', '«', '»', '„', '‚', '`'])
const TRAILING = new Set(['.', ',', ';', ':', ' '])

/**
 * Strip surrounding quotes and trailing `.,;:` by index. A loop rather than
 * `/[.,;:]+$/`, which backtracks quadratically on a long run of dots.
 */
function foldEdges(s: string): string {
  let start = 0
  let end = s.length
  for (;;) {
    const before = end - start
    while (end > start && TRAILING.has(s[end - 1]!)) end--
    while (end > start && QUOTES.has(s[end - 1]!)) end--
    while (start < end && (QUOTES.has(s[start]!) || s[start] === ' ')) start++
    if (end - start === before) break
  }
  return s.slice(start, end)
}

/** Grouping key: NFC, lower-case, whitespace collapsed, surrounding quotes and trailing `.,;:` folded (`"Green transition",` → `green transition`). */
export function termKey(value: string): string {
  return foldEdges(value.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim())
}

/**
 * Trim values, drop empty ones and de-duplicate by key, keeping the first
 * display value. `aliases` maps a spelling (matched by its key) to a
 * canonical display value, whose key is then used, so spellings converge.
 */
export function normalizeTerms(values: readonly string[], aliases: Readonly<Record<string, string>> = {}): Term[] {
  const aliasByKey = new Map<string, string>()
  for (const [from, to] of Object.entries(aliases)) {
    const canonical = to.trim()
    if (canonical) aliasByKey.set(termKey(from), canonical)
  }
  const seen = new Set<string>()
  const out: Term[] = []
  for (const raw of values) {
    let value = raw.trim()
    let key = termKey(value)
    if (!key) continue
    const canonical = aliasByKey.get(key)
    if (canonical !== undefined) {
      value = canonical
      key = termKey(canonical)
    }
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ value, key })
  }
  return out
}
