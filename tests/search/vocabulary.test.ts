/**
 * The archive's words and "did you mean" (#14): the build counts the records'
 * words (src/search/vocabulary.ts) into word files, and the search page
 * (templates/assets/words.js) judges a query against its first results and
 * suggests close words from those files. Both sides must fold and file a
 * word alike: the suggestion test goes from records to files to the page's code.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { foldWord, vocabulary, WORDS_DIR, wordFile, writeVocabulary } from '../../src/search/vocabulary.ts'
// @ts-expect-error: a plain browser module, no types
import * as page from '../../templates/assets/words.js'
import { serveStatic, type StaticServer } from '../helpers/browser.ts'

const records = [
  { title: 'Recycling plastic', body: 'Recycling of plastic waste. Write to ana.perez@undp.org or see https://example.org/recyclingplan' },
  { title: 'Recycling glass', body: 'Glass recycling in Perú, with the municipality. 城市回收计划' },
  { title: 'Mobility', body: 'Urban mobility and participación ciudadana in Perú. ana.perez@undp.org' },
  { title: 'Participation', body: 'Participación de jóvenes; mobility of waste pickers; glass.' }
]

describe('vocabulary (build side)', () => {
  it('counts each word once per record, keeps words of two records or more, folded', async () => {
    const words = await vocabulary(records)
    expect(words.get('recycling')).toBe(2)
    expect(words.get('mobility')).toBe(2)
    expect(words.get('participacion')).toBe(2)
    expect(words.get('peru')).toBe(2)
    expect(words.has('municipality')).toBe(false)
  })

  it('leaves addresses and links out, and runs of scripts written without spaces', async () => {
    const words = await vocabulary([...records, ...records])
    for (const part of ['ana', 'perez', 'undp', 'example', 'recyclingplan', 'https']) expect(words.has(part), part).toBe(false)
    expect([...words.keys()].some((w) => /\p{Script=Han}/u.test(w))).toBe(false)
  })

  it('leaves out addresses whose @ is encoded, as the output mask finds them', async () => {
    const body = 'Write to [her](mailto:paulinajimenez%40undp.org), or paulinajimenez&#64;undp.org, or paulinajimenez&#x40;undp.org, or paulinajimenez&commat;undp.org.'
    const words = await vocabulary([{ title: 'a', body }, { title: 'b', body }])
    expect([...words.keys()].filter((w) => w.includes('paulina'))).toEqual([])
  })

  it('folds and files words as the search page does', () => {
    for (const w of ['Participación', 'PERÚ', 'économie', 'تمكين', 'Ωmega']) {
      expect(page.foldWord(w)).toBe(foldWord(w))
      expect(page.wordFile(page.foldWord(w))).toBe(wordFile(foldWord(w)))
    }
  })

  it('stays linear on a long run without spaces or at signs', async () => {
    const started = performance.now()
    await vocabulary([{ title: 'x', body: 'a'.repeat(2_000_000) + '@'.repeat(10) + '.'.repeat(1_000_000) }])
    // Generous: a quadratic pass over 3 MB would take minutes.
    expect(performance.now() - started).toBeLessThan(10_000)
  })
})

describe('reading the query (page side)', () => {
  const results = [
    { meta: { title: 'Mobile money' }, content: 'A mobile wallet for markets.' },
    { meta: { title: 'Urban mobility' }, content: 'Mobility in the city; mobile apps.' },
    { meta: { title: 'X marks' }, content: 'The x factor.' }
  ]

  it('counts the words each result holds as such, and finds words no result holds even nearly', () => {
    const reading = page.readWords(['mobility', 'xqzvlorp'], results)
    expect(reading.exact).toEqual([0, 1, 0])
    expect(reading.absent).toEqual(['xqzvlorp'])
    expect(reading.inexact).toEqual(['xqzvlorp'])
  })

  it('takes a word sharing its first letters for what Pagefind matched: a stem or a typo, not fallback noise', () => {
    const reading = page.readWords(['mobilities', 'recyling'], [{ content: 'mobility of recyclers' }])
    expect(reading.absent).toEqual([])
    expect(reading.inexact).toEqual(['mobilities', 'recyling'])
  })

  it('measures edits, swaps included, and stops past the limit', () => {
    expect(page.editDistance('recyling', 'recycling', 2)).toBe(1)
    expect(page.editDistance('climte', 'climate', 2)).toBe(1)
    expect(page.editDistance('recylcing', 'recycling', 2)).toBe(1)
    expect(page.editDistance('waste', 'mobility', 2)).toBe(3)
  })

  it('replaces one word of the query, the others as typed', () => {
    expect(page.replaceWord('Recyling de plástico', 'recyling', 'recycling')).toBe('recycling de plástico')
    expect(page.queryWords('SDG 5: Recyling, “plástico” in Perú')).toEqual(['sdg', 'recyling', 'plastico', 'peru'])
  })
})

describe('suggestions from the word files', () => {
  let dir: string
  let server: StaticServer
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-archive-words-'))
    const corpus = [
      ...Array.from({ length: 5 }, () => ({ title: 'Recycling', body: 'recycling recyclers relying' })),
      ...Array.from({ length: 2 }, () => ({ title: 'Recalling', body: 'recalling climate' }))
    ]
    await writeVocabulary(dir, await vocabulary(corpus))
    server = await serveStatic(dir)
  })
  afterAll(async () => {
    await server?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('writes one sorted file per first letter', () => {
    const files = readdirSync(join(dir, WORDS_DIR)).sort()
    expect(files).toEqual(['63.json', '72.json', 'files.json'])
    expect(JSON.parse(readFileSync(join(dir, WORDS_DIR, 'files.json'), 'utf8'))).toEqual(['63.json', '72.json'])
    expect(Object.keys(JSON.parse(readFileSync(join(dir, WORDS_DIR, '72.json'), 'utf8')))).toEqual(['recalling', 'recyclers', 'recycling', 'relying'])
  })

  it('offers the closest words, most used first, and nothing for a word far from all', async () => {
    const base = new URL(`${server.url}/${WORDS_DIR}/`)
    expect(await page.suggestionsFor('recyling', base)).toEqual(['recycling'])
    expect(await page.suggestionsFor('climte', base)).toEqual(['climate'])
    expect(await page.suggestionsFor('xqzvlorp', base)).toEqual([])
    // No file for its first letter: none is asked for.
    expect(await page.suggestionsFor('zebrafsh', base)).toEqual([])
    expect([...server.served.keys()].filter((url) => url.includes('7a.json'))).toEqual([])
    // A word the archive holds is not corrected to a rarer one.
    expect(await page.suggestionsFor('recycling', base)).toEqual([])
  })
})
