/**
 * The reader's words against what the index holds, all static (no server):
 * which query words a result holds as such (exact) or only as a word sharing
 * their first letters (what a stem match or a typo finds), which words the
 * index does not hold at all (Pagefind then falls back to the longest indexed
 * word the query word starts with: `x` for `xqzvlorp`, pages about nothing
 * the reader asked), and words of the archive to suggest instead, from the
 * build's word files (src/search/vocabulary.ts).
 *
 * Imported by search.js; plain ES module so Node tests can import it too.
 */

/** Results read at a time to judge a query: the first few pages, by score. */
export const WINDOW = 40

/** At most this many results read (fragments of about 2 kB each) to find those holding a word as typed. */
export const MAX_WINDOW = 160

/** At most this many suggestions per word. */
const SUGGESTIONS = 3

/** A word as the build's word files hold it (src/search/vocabulary.ts `foldWord`): no accents, lower case. */
export function foldWord(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The word file a folded word is in (src/search/vocabulary.ts `wordFile`). */
export function wordFile(folded) {
  return `${folded.codePointAt(0).toString(16)}.json`
}

/** The query's words worth judging: letters only, three or more, folded, each once. */
export function queryWords(term) {
  return [...new Set(foldWord(term ?? '').match(/\p{L}{3,}/gu) ?? [])]
}

/**
 * How many first letters a word of a result must share with a query word to
 * count as what Pagefind matched: a stem drops at most a few letters
 * (`organizations` → `organ`), a fallback keeps only a short head (`x`).
 */
function nearLength(word) {
  return Math.min(word.length, Math.max(4, word.length - 5))
}

/**
 * Judge the query's words against the first results (their loaded data).
 * @param words folded query words (queryWords)
 * @param results Pagefind result data: `content`, `meta.title`
 * @returns `exact[i]`: how many query words result i holds as such; `absent`: words
 *   no result holds even as a near word (fallback noise); `inexact`: words no result holds as such
 */
export function readWords(words, results) {
  const exact = results.map(() => 0)
  const seenExact = new Set()
  const seenNear = new Set()
  results.forEach((data, i) => {
    const tokens = new Set(foldWord(`${data.meta?.title ?? ''} ${data.content ?? ''}`).match(/[\p{L}\p{N}]+/gu) ?? [])
    for (const word of words) {
      if (tokens.has(word)) {
        exact[i]++
        seenExact.add(word)
        seenNear.add(word)
      } else if (!seenNear.has(word)) {
        const head = word.slice(0, nearLength(word))
        for (const token of tokens) {
          if (token.startsWith(head)) {
            seenNear.add(word)
            break
          }
        }
      }
    }
  })
  return {
    exact,
    absent: words.filter((w) => !seenNear.has(w)),
    inexact: words.filter((w) => !seenExact.has(w))
  }
}

/**
 * Optimal-string-alignment distance (edits, and swaps of two neighbours), or
 * `max + 1` as soon as it must exceed `max`. Hand-written: the page loads no
 * npm package, and suggestions need the early exit and the swap (`recyling`).
 */
export function editDistance(a, b, max) {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev2 = null
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    let best = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost)
      if (prev2 && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1)
      row.push(d)
      if (d < best) best = d
    }
    if (best > max) return max + 1
    prev2 = prev
    prev = row
  }
  return prev[b.length]
}

/** Word file URL → its words (a promise), fetched once per page; the list of files by folder. */
const files = new Map()

const fetchJson = (url, empty) => fetch(url).then((response) => (response.ok ? response.json() : empty)).catch(() => empty)

/** The words of one file of the folder `base`; none when the build wrote no such file (`files.json` lists them). */
async function wordsOf(base, name) {
  const list = new URL('files.json', base).href
  if (!files.has(list)) files.set(list, fetchJson(list, []))
  if (!(await files.get(list)).includes(name)) return {}
  const url = new URL(name, base).href
  if (!files.has(url)) files.set(url, fetchJson(url, {}))
  return files.get(url)
}

/**
 * Words of the archive close to `word` (one edit for short words, two beyond):
 * the closest ones, most used first; never the word itself nor a rarer word.
 * Only words with the same first letter (one word file): typos rarely change it.
 * @param base URL of the word files' folder (`…/search/words/`)
 */
export async function suggestionsFor(word, base) {
  const words = await wordsOf(base, wordFile(word))
  const max = word.length <= 4 ? 1 : 2
  const own = words[word] ?? 0
  const found = []
  for (const [candidate, records] of Object.entries(words)) {
    if (candidate === word || records <= own) continue
    const distance = editDistance(word, candidate, max)
    if (distance <= max) found.push({ word: candidate, records, distance })
  }
  // The closest only: one edit away beats two, however common the farther word.
  const closest = Math.min(...found.map((f) => f.distance))
  return found
    .filter((f) => f.distance === closest)
    .sort((a, b) => b.records - a.records)
    .slice(0, SUGGESTIONS)
    .map((f) => f.word)
}

/** The query with one of its words (folded as `word`) replaced by `by`; the other words as typed. */
export function replaceWord(q, word, by) {
  return q.replace(/[\p{L}\p{M}]+/gu, (token) => (foldWord(token) === word ? by : token))
}
