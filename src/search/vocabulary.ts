/**
 * The archive's own words, for the search page's "did you mean": every word
 * of the records' titles and bodies that two records or more hold, with how
 * many records hold it, one file per first character
 * (`search/words/<hex code point>.json`, listed in `search/words/files.json`),
 * so a suggestion fetches one small file.
 *
 * Why by hand: Pagefind does not expose the words of its index, and what it
 * indexes are stems (`mobil` for mobility and mobile), not words to offer a reader.
 * The search page (templates/assets/search.js, `foldWord` and `wordsFile`) folds
 * and files a query word exactly as `foldWord` and `wordFile` do here.
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { threadEntry } from '../parse/thread-entry.ts'
import { AT_FORMS } from '../site/mask-output.ts'
import type { ArchiveRecord } from '../records/types.ts'

/** Where the word files go, under the output folder. */
export const WORDS_DIR = 'search/words'

/** The list of the word files written, in the same folder. */
export const WORD_FILES = 'files.json'

/** Words held by fewer records are not offered (a word of one record is as likely a typo as the query). */
const MIN_RECORDS = 2

/** Words as readers type them: letters only, 3 to 24 of them (longer runs are glued text or identifiers). */
const WORD = /\p{L}{3,24}/gu

/** Scripts written without spaces between words: a letter run there is a phrase, not a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}]/u

/** An address in a token: its `@` written in any of the forms the output mask finds. */
const ADDRESS = new RegExp(AT_FORMS, 'i')

/** A link, by how a white-space-separated token starts (punctuation such as `(` or `<` first). */
const LINK = /^[^\p{L}\p{N}]{0,3}(?:https?:|www\.)/iu

/** A word as the search page compares it: accents dropped (Pagefind folds them too), lower case. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** The file a folded word is in: its first code point, in hex (`recycling` → `72.json`). */
export function wordFile(folded: string): string {
  return `${folded.codePointAt(0)!.toString(16)}.json`
}

/** Records counted between two turns of the event loop (see `vocabulary`). */
const BATCH = 200

/**
 * How many records hold each word (titles and bodies; addresses and links left out).
 * The corpus takes seconds: it runs in a thread of its own (`vocabularyInThread`);
 * counted on the calling thread when that thread fails, it yields to the event loop
 * every `BATCH` records.
 * @returns folded word → number of records, for words held by at least `MIN_RECORDS`
 */
export async function vocabulary(records: Iterable<Pick<ArchiveRecord, 'title' | 'body'>>): Promise<Map<string, number>> {
  const counts = new Map<string, number>()
  let counted = 0
  for (const record of records) {
    const seen = new Set<string>()
    // Token by token: addresses (personal data) and links are not words to suggest. Split
    // at white space rather than matched by a pattern, which backtracks on long runs.
    for (const token of foldWord(`${record.title}\n${record.body}`).split(/\s+/)) {
      if (ADDRESS.test(token) || LINK.test(token)) continue
      for (const [word] of token.matchAll(WORD)) if (!UNSPACED.test(word)) seen.add(word)
    }
    for (const word of seen) counts.set(word, (counts.get(word) ?? 0) + 1)
    if (++counted % BATCH === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  for (const [word, n] of counts) if (n < MIN_RECORDS) counts.delete(word)
  return counts
}

/** Bump when what `vocabulary` counts changes: cached vocabularies then miss. */
const FORMAT = 1

/**
 * `vocabulary`, kept in `cacheDir` under a hash of every title and body (hashing them
 * costs a fraction of counting): a build whose records did not change reads it back.
 * Only the latest one is kept. Without `cacheDir`, the words are counted.
 */
export async function cachedVocabulary(records: ReadonlyArray<Pick<ArchiveRecord, 'title' | 'body'>>, cacheDir: string | null): Promise<Map<string, number>> {
  if (!cacheDir) return vocabulary(records)
  const hash = createHash('sha256').update(`vocabulary ${FORMAT} ${MIN_RECORDS}\n`)
  for (const record of records) hash.update(`${record.title}\0${record.body}\0`)
  const file = join(cacheDir, `words-${hash.digest('hex').slice(0, 32)}.json`)
  try {
    return new Map(Object.entries(JSON.parse(await readFile(file, 'utf8')) as Record<string, number>))
  } catch {
    // Not cached yet: count below.
  }
  const words = await vocabulary(records)
  await mkdir(cacheDir, { recursive: true })
  for (const name of await readdir(cacheDir)) if (name.startsWith('words-')) await rm(join(cacheDir, name), { force: true })
  await writeFile(file, JSON.stringify(Object.fromEntries(words)))
  return words
}

/**
 * `cachedVocabulary` in a thread of its own, so that hashing and counting (seconds on the
 * corpus, the longest step of the search stage after a one-plan change) run beside what
 * this thread does meanwhile: Eleventy rendering, the Pagefind processes. Runs here
 * instead when the thread cannot start or fails.
 */
export async function vocabularyInThread(records: ReadonlyArray<Pick<ArchiveRecord, 'title' | 'body'>>, cacheDir: string | null): Promise<Map<string, number>> {
  const texts = records.map((record) => ({ title: record.title, body: record.body }))
  try {
    return await new Promise<Map<string, number>>((resolve, reject) => {
      const worker = new Worker(threadEntry(new URL('./vocabulary-thread.ts', import.meta.url)))
      worker.once('message', (reply: { words?: Array<[string, number]>; error?: string }) => {
        void worker.terminate()
        if (reply.words) resolve(new Map(reply.words))
        else reject(new Error(reply.error))
      })
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the word count thread exited (${code})`)))
      worker.postMessage({ id: 1, records: texts, cacheDir })
    })
  } catch {
    return cachedVocabulary(texts, cacheDir)
  }
}

/**
 * Write a vocabulary as word files under `<outDir>/search/words/` (replacing the
 * previous ones): each file is `{ word: records }`, words sorted.
 * @returns the number of files and words written
 */
export async function writeVocabulary(outDir: string, words: ReadonlyMap<string, number>): Promise<{ files: number; words: number }> {
  const files = new Map<string, Array<[string, number]>>()
  for (const entry of words) {
    const name = wordFile(entry[0])
    let list = files.get(name)
    if (!list) files.set(name, (list = []))
    list.push(entry)
  }
  const dir = join(outDir, WORDS_DIR)
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  await Promise.all(
    [...files].map(([name, list]) =>
      writeFile(join(dir, name), JSON.stringify(Object.fromEntries(list.sort((a, b) => (a[0] < b[0] ? -1 : 1)))) + '\n')
    )
  )
  // The files there are: the page asks only for those (a missing one would be a 404 in the reader's console).
  await writeFile(join(dir, WORD_FILES), JSON.stringify([...files.keys()].sort()) + '\n')
  return { files: files.size, words: words.size }
}
