/**
 * Language of a record's body with franc-min, as BCP 47 codes (`en`, `es`,
 * `fr`, `ar`, `pt`…; `und` when there is too little text).
 *
 * How: franc is too slow to run on every paragraph of a corpus
 * (docs/performance.md), so the body is sampled. The prose blocks are laid end to end
 * by source length and up to SAMPLES points are taken at evenly spaced
 * fractions of that length (so longer blocks are proportionally more likely to
 * be picked: a weighting by length). At each point up to SAMPLE_CHARS of text
 * starting at that block is detected on its own. Each sample carries an equal
 * share of the body; the dominant language is the one with most shares (ties:
 * the one met first), and `languages` lists every language holding at least
 * MIN_SHARE of the body, dominant first. With SAMPLES = 2 the
 * points fall at 1/4 and 3/4 of the body. The bilingual seed article (English,
 * then the same text in Spanish) gets one vote each: the tie goes to the
 * language met first, so `en` with `languages: ['en', 'es']`.
 */
import { bcp47Normalize } from 'bcp-47-normalize'
import { franc } from 'franc-min'

export const SAMPLES = 2
export const SAMPLE_CHARS = 250
export const MIN_SHARE = 0.3
/** Below this many letters franc guesses; the body is `und`. */
export const MIN_CHARS = 40

export interface Languages {
  language: string
  languages: string[]
}

export interface TextBlock {
  /** Source length (a weight); the text is only extracted when the block is sampled. */
  length: number
  text: () => string
}

/** Detect the dominant and substantial languages of a body from its prose blocks, in order. */
export function detectLanguages(blocks: readonly TextBlock[]): Languages {
  const total = blocks.reduce((n, b) => n + b.length, 0)
  if (total === 0) return { language: 'und', languages: [] }
  const samples = Math.max(1, Math.min(SAMPLES, Math.ceil(total / 1500)))
  const votes = new Map<string, number>()
  let block = 0
  let before = 0
  let lastStart = -1
  for (let k = 0; k < samples; k++) {
    const point = ((k + 0.5) / samples) * total
    while (block < blocks.length - 1 && before + blocks[block]!.length <= point) before += blocks[block++]!.length
    const start = Math.max(block, lastStart + 1)
    if (start >= blocks.length) break
    let text = ''
    let i = start
    while (i < blocks.length && text.length < SAMPLE_CHARS) text += ` ${blocks[i++]!.text().slice(0, 2 * SAMPLE_CHARS)}`
    lastStart = i - 1
    const code = detectText(text.slice(0, 2 * SAMPLE_CHARS))
    if (code !== 'und') votes.set(code, (votes.get(code) ?? 0) + 1)
  }
  if (votes.size === 0) return { language: 'und', languages: [] }
  const ranked = [...votes].sort((a, b) => b[1] - a[1])
  const sum = ranked.reduce((n, [, v]) => n + v, 0)
  return {
    language: ranked[0]![0],
    languages: ranked.filter(([, v]) => v / sum >= MIN_SHARE).map(([code]) => code)
  }
}

/**
 * Latin-script languages of franc-min that are not written in this corpus and that
 * short English or Spanish samples are often mistaken for; ignoring them also makes
 * each call cheaper (franc compares the sample with every candidate language).
 */
const IGNORED = ['jav', 'sun', 'fuv', 'ckb', 'ceb', 'plt', 'qug', 'mad', 'zyb', 'hms', 'hnj', 'ilo', 'run', 'nya',
  'lin', 'kin', 'zul', 'yor', 'ibo', 'koi', 'skr', 'mai', 'bho', 'mag']

/**
 * The most frequent English function words. In English prose they make up
 * 35–45% of the words; in the corpus's other languages they are rare.
 */
const ENGLISH_FUNCTION_WORDS = new Set(
  'the and of to in is for that with on are as by this be it from or an was at which have has will their not we our they can'.split(' ')
)
/** Share of function words from which a sample is English without asking franc, and the fewest such words. */
export const ENGLISH_SHARE = 0.25
const ENGLISH_MIN_HITS = 6

/**
 * A shortcut for unmistakable English, most of the corpus: franc scores every
 * sample against every candidate language, a noticeable share of a parse
 * thread's time. On the corpus's samples it answers most of franc's `en` ones
 * at a fraction of the cost and agrees with franc on all but a sample that
 * mixes an English prompt with a French answer (docs/performance.md).
 * Anything less clear-cut goes to franc.
 */
export function looksEnglish(clean: string): boolean {
  const words = clean.toLowerCase().match(/\p{L}+/gu)
  if (!words || words.length < 2 * ENGLISH_MIN_HITS) return false
  let hits = 0
  for (const word of words) if (ENGLISH_FUNCTION_WORDS.has(word)) hits++
  return hits >= ENGLISH_MIN_HITS && hits / words.length >= ENGLISH_SHARE
}

/** BCP 47 code of one piece of text, `und` when too short or unknown. */
export function detectText(text: string): string {
  // URLs and Markdown punctuation are not language; strip them so they do not vote.
  const clean = text.replace(/\bhttps?:\/\/\S+/g, ' ').replace(/[#*_>`|[\]()-]+/g, ' ').slice(0, SAMPLE_CHARS)
  if (clean.replace(/[\s\d\p{P}]/gu, '').length < MIN_CHARS) return 'und'
  if (looksEnglish(clean)) return 'en'
  const iso6393 = franc(clean, { minLength: MIN_CHARS, ignore: IGNORED })
  if (iso6393 === 'und') return 'und'
  return toBcp47(iso6393)
}

const bcp47 = new Map<string, string>()

/**
 * bcp-47-normalize maps ISO 639-3 to the shortest BCP 47 form (`eng` → `en`, `arb` → `ar`);
 * it matches against its whole alias table on every call (3% of a corpus parse), and
 * franc only ever returns a few dozen codes, so the answers are kept.
 */
function toBcp47(iso6393: string): string {
  let code = bcp47.get(iso6393)
  if (code === undefined) {
    code = bcp47Normalize(iso6393)
    bcp47.set(iso6393, code)
  }
  return code
}
