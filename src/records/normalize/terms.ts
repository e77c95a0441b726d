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

/**
 * Words that end in `s` but are not plurals (or whose `s`-less form is another
 * word): kept as written. Words ending in `ss`, `us` or `is` (`business`,
 * `census`, `analysis`) and words of three letters or fewer (`gas`, `gis`,
 * `sms`) are kept by rule and need no entry.
 */
const NOT_PLURAL = new Set([
  'news', 'series', 'means', 'lens', 'atlas', 'canvas', 'bias', 'alias', 'whereas', 'always', 'perhaps',
  'diabetes', 'rabies', 'herpes', 'scabies', 'measles', 'aids', 'sars', 'mers', 'mics', 'trans', 'commons',
  'customs', 'arms', 'premises', 'humanities', 'chaos', 'ethos', 'cosmos', 'kudos', 'pathos', 'thanks',
  // Foresight's name for itself (`futures thinking`, `futures literacy`), a field rather than several futures.
  'futures'
])

/**
 * Word endings that are not plural: `biogas`, `species` (`especies`), and the
 * fields of study named in `-ics` whose `s`-less form is another word
 * (`politic`, `ethic`, `physic`, `statistic`, `logistic`, `mechanic`), with
 * their compounds (`geopolitics`, `bioethics`). Other `-ics` words fold:
 * `plastics`, and `robotics`, `hydroponics`, whose tags also read `robotic`,
 * `hydroponic` for the same field.
 */
const NOT_PLURAL_ENDINGS = ['gas', 'species', 'politics', 'ethics', 'physics', 'statistics', 'logistics', 'mechanics']

function endsNotPlural(word: string): boolean {
  if (NOT_PLURAL.has(word)) return true
  for (const ending of NOT_PLURAL_ENDINGS) if (word.endsWith(ending)) return true
  return false
}

/**
 * One lower-case Latin word to its singular: `surveys` → `survey`, `policies` →
 * `policy`, `processes` → `process`, `approaches` → `approach`. Written by hand:
 * the key must only ever join spellings of one idea, a stemmer folds far more
 * than plurals, and no dependency folds plurals alone. Conservative: an `s` no
 * rule reads as a plural is kept, so are words of three letters or fewer
 * (`gas`, `sms`), words ending in `ss`, `us`, `is` (`business`, `census`,
 * `analysis`), an accented vowel before the `s` (`país`, `interés`: stressed
 * final syllables, singular in Spanish and Portuguese) and the lists above. An
 * `-ies` or `-ches` word whose singular ends in `e` (`movies`, `niches`) gets
 * a stem of its own (`movy`, `nich`): a missed merge rather than a wrong one.
 */
function singular(word: string): string {
  const n = word.length
  if (n <= 3 || word[n - 1] !== 's') return word
  const before = word[n - 2]!
  if (before < 'a' || before > 'z' || before === 's' || before === 'u' || before === 'i') return word
  if (endsNotPlural(word)) return word
  if (word.endsWith('ies') && n > 4) return word.slice(0, -3) + 'y'
  if (word.endsWith('sses') || word.endsWith('xes') || word.endsWith('ches') || word.endsWith('shes') || word.endsWith('zzes')) return word.slice(0, -2)
  return word.slice(0, -1)
}

/**
 * Hyphens, underscores and dashes between word parts read as a space
 * (`co-creation`, `co_creation`, `co – creation`), the soft hyphen as nothing,
 * `&` as `and`, and typographic apostrophes as `'` (`women’s`).
 */
const SEPARATORS = /[-_\u00ad\u2010-\u2015\u2212\ufe63\uff0d&’‘]/g
const SEPARATOR_AS: Readonly<Record<string, string>> = { '\u00ad': '', '&': ' and ', '’': "'", '‘': "'" }
/** A run of Latin letters: the words whose plurals are folded (other scripts keep their words as written). */
const LATIN_WORD = /\p{Script=Latin}+/gu
/** Accents and other combining marks on a Latin letter (after NFD); marks in other scripts are kept. */
const LATIN_MARKS = /(?<=\p{Script=Latin})\p{M}+/gu

/** Plural folded first (it reads the accent of `país`), then the Latin letters' marks dropped: `participación` → `participacion`. */
function foldLatin(key: string): string {
  const singulars = key.replace(LATIN_WORD, singular)
  return /[^\u0000-\u007f]/.test(singulars) ? singulars.normalize('NFD').replace(LATIN_MARKS, '').normalize('NFC') : singulars
}

/**
 * Grouping key: NFC, lower-case; hyphens, underscores and dashes read as a
 * space and `&` as `and`; whitespace collapsed; surrounding quotes and trailing
 * `.,;:` folded; each Latin word's plural folded to its singular and its
 * accents dropped (`"Focus-Groups",` → `focus group`). Accents go because a
 * missing one is a keyboard, not another idea (`participacion`, `adaptacion al
 * cambio climatico` in the archive), and the page slug drops them anyway; other
 * scripts keep their words and marks as written. Every step is a single pass
 * with no backtracking, so a hostile value costs linear time.
 */
export function termKey(value: string): string {
  const spaced = value.normalize('NFC').toLowerCase().replace(SEPARATORS, (c) => SEPARATOR_AS[c] ?? ' ')
  return foldLatin(foldEdges(spaced.replace(/\s+/gu, ' ').trim()))
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
