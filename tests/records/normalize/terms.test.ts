import { describe, expect, it } from 'vitest'
import { normalizeTerms, termKey } from '../../../src/records/normalize/index.ts'

describe('termKey', () => {
  it.each([
    ['green transition,', 'Green transition'],
    ['Green   transition.', 'green transition'],
    ['"Green transition";', 'green transition'],
    ['“Green transition”', 'GREEN TRANSITION:'],
    ['Cafe\u0301 culture', 'café culture']
  ])('%j and %j share a key', (a, b) => {
    expect(termKey(a)).toBe(termKey(b))
  })

  it('folds to lower case, NFC and single spaces, and drops the accents of Latin letters', () => {
    expect(termKey('  Green\t\nTransition ,')).toBe('green transition')
    expect(termKey('Cafe\u0301')).toBe('cafe')
    expect(termKey('Participación Ciudadana')).toBe('participacion ciudadana')
  })

  it('keeps inner punctuation and distinct words apart', () => {
    expect(termKey('U.N. data')).toBe('u.n. data')
    expect(termKey('Civil Society/ NGOs')).toBe('civil society/ ngo')
    expect(termKey('plastic waste')).not.toBe(termKey('waste'))
    expect(termKey('co-creation')).not.toBe(termKey('cocreation'))
    expect(termKey('green transition')).not.toBe(termKey('green transitional'))
  })

  it.each([
    ['co-creation', 'co creation'],
    ['co_creation', 'co creation'],
    ['co – creation', 'co creation'],
    ['co -creation', 'co creation'],
    ['Co\u2011Creation', 'co creation'],
    ['co\u00adcreation', 'cocreation'],
    ['-\tsurveys', 'survey'],
    ['Research & Development', 'research and development'],
    ['R&D', 'r and d'],
    ['women’s empowerment', "women's empowerment"],
    ['Surveys', 'survey'],
    ['Focus-Groups', 'focus group'],
    ['policies', 'policy'],
    ['Processes', 'process'],
    ['businesses', 'business'],
    ['approaches', 'approach'],
    ['tax boxes', 'tax box'],
    ['NGOs', 'ngo'],
    ['SDGs', 'sdg'],
    ['plastics', 'plastic'],
    ['políticas públicas', 'politica publica'],
    ['"Smart-Cities",', 'smart city']
  ])('folds the variant %j to %j', (value, key) => {
    expect(termKey(value)).toBe(key)
  })

  it.each([
    'news', 'analysis', 'series', 'species', 'especies', 'gas', 'biogas', 'data', 'business', 'census', 'status', 'bus',
    'sms', 'politics', 'geopolitics', 'ethics', 'statistics', 'logistics', 'aids', 'canvas', 'futures', 'means',
    "women's", 'país'
  ])('keeps the non-plural %j as it is (but for accents)', (word) => {
    expect(termKey(word)).toBe(word.normalize('NFD').replace(/\p{M}/gu, ''))
  })

  it('keeps a stressed final syllable: interés is not a plural', () => {
    expect(termKey('interés')).toBe('interes')
    expect(termKey('intereses')).not.toBe(termKey('interés'))
  })

  it.each([
    'تمكين المرأة',
    'تَمْكِين',
    '数据收集',
    'методы исследований',
    'λόγος',
    'किसान समूह'
  ])('keeps the non-Latin %j as written', (value) => {
    expect(termKey(value)).toBe(value.normalize('NFC'))
  })

  it('folds only the Latin words of a mixed value', () => {
    expect(termKey('Surveys • استطلاعات')).toBe('survey • استطلاعات')
  })

  it('is linear on long runs of punctuation', () => {
    const t = performance.now()
    termKey('.'.repeat(200_000) + 'x')
    termKey('"'.repeat(200_000) + 'x')
    termKey('x' + ' .'.repeat(200_000))
    // Quadratic backtracking on 200k characters would take minutes; linear work takes milliseconds even on a busy machine.
    expect(performance.now() - t).toBeLessThan(1500)
  })

  it('returns on long hostile runs of hyphens, s, words and marks', () => {
    expect(termKey('-'.repeat(100_000))).toBe('')
    expect(termKey('s'.repeat(100_000))).toBe('s'.repeat(100_000))
    expect(termKey('a' + 's'.repeat(100_000) + 'es')).toBe('a' + 's'.repeat(100_000))
    expect(termKey('-s'.repeat(100_000))).toBe(' s'.repeat(100_000).trim())
    expect(termKey('surveys '.repeat(50_000))).toBe('survey '.repeat(50_000).trim())
    expect(termKey('e' + '\u0301'.repeat(100_000))).toBe('e')
    expect(termKey('ت' + '\u064e'.repeat(100_000))).toBe('ت' + '\u064e'.repeat(100_000))
    expect(termKey('&_'.repeat(100_000) + 'x')).toBe('and '.repeat(100_000) + 'x')
  })
})

describe('normalizeTerms', () => {
  it('trims, drops empty values and de-duplicates by key keeping the first display value', () => {
    expect(normalizeTerms(['  Green transition, ', 'green transition', '', '   ', ',', 'Surveys', 'SURVEYS.'])).toEqual([
      { value: 'Green transition,', key: 'green transition' },
      { value: 'Surveys', key: 'survey' }
    ])
  })

  it('de-duplicates the variants the key folds, keeping the first', () => {
    expect(normalizeTerms(['Focus groups', 'focus-group', 'FOCUS_GROUPS.', 'Focus group discussions'])).toEqual([
      { value: 'Focus groups', key: 'focus group' },
      { value: 'Focus group discussions', key: 'focus group discussion' }
    ])
  })

  it('maps aliases (matched by key) to a canonical display value and key', () => {
    const aliases = { 'Ethnography.': 'Ethnographic research', 'ethno research': 'Ethnographic research' }
    expect(normalizeTerms(['ethnography', 'Ethno Research', 'Ethnographic research', 'Surveys'], aliases)).toEqual([
      { value: 'Ethnographic research', key: 'ethnographic research' },
      { value: 'Surveys', key: 'survey' }
    ])
  })

  it('matches an alias by the folded key, so it also catches plurals, hyphens and accents', () => {
    const aliases = { 'economía circular': 'circular economy', 'e-waste': 'electronic waste' }
    expect(normalizeTerms(['Economia Circular', 'circular economies', 'E waste', 'electronic wastes', 'waste'], aliases)).toEqual([
      { value: 'circular economy', key: 'circular economy' },
      { value: 'electronic waste', key: 'electronic waste' },
      { value: 'waste', key: 'waste' }
    ])
  })

  it('returns an empty list for no values', () => {
    expect(normalizeTerms([])).toEqual([])
  })
})
