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

  it('folds to lower case, NFC and single spaces', () => {
    expect(termKey('  Green\t\nTransition ,')).toBe('green transition')
    expect(termKey('Cafe\u0301')).toBe('café')
  })

  it('keeps inner punctuation and distinct words apart', () => {
    expect(termKey('U.N. data')).toBe('u.n. data')
    expect(termKey('green transition')).not.toBe(termKey('green transitions'))
  })

  it('is linear on long runs of punctuation', () => {
    const t = performance.now()
    termKey('.'.repeat(200_000) + 'x')
    termKey('"'.repeat(200_000) + 'x')
    termKey('x' + ' .'.repeat(200_000))
    // Quadratic backtracking on 200k characters would take minutes; linear work takes milliseconds even on a busy machine.
    expect(performance.now() - t).toBeLessThan(1500)
  })
})

describe('normalizeTerms', () => {
  it('trims, drops empty values and de-duplicates by key keeping the first display value', () => {
    expect(normalizeTerms(['  Green transition, ', 'green transition', '', '   ', ',', 'Surveys', 'SURVEYS.'])).toEqual([
      { value: 'Green transition,', key: 'green transition' },
      { value: 'Surveys', key: 'surveys' }
    ])
  })

  it('maps aliases (matched by key) to a canonical display value and key', () => {
    const aliases = { 'Ethnography.': 'Ethnographic research', 'ethno research': 'Ethnographic research' }
    expect(normalizeTerms(['ethnography', 'Ethno Research', 'Ethnographic research', 'Surveys'], aliases)).toEqual([
      { value: 'Ethnographic research', key: 'ethnographic research' },
      { value: 'Surveys', key: 'surveys' }
    ])
  })

  it('returns an empty list for no values', () => {
    expect(normalizeTerms([])).toEqual([])
  })
})
