import { describe, expect, it } from 'vitest'
import * as normalize from '../../../src/records/normalize/index.ts'

describe('normalize/index.ts', () => {
  it('returns plain JSON-serialisable values and problems with kebab-case rules, never errors', () => {
    const results = [
      normalize.normalizeCountry('Narnia'),
      normalize.normalizeCountry('Null Island'),
      normalize.normalizeSdg('18'),
      normalize.normalizeSdg('3. Climate action'),
      normalize.normalizeEmail('nope'),
      normalize.parseLatLng('0,0'),
      normalize.parseLatLng('x'),
      normalize.parseLatLng('100,0'),
      normalize.parseYear('x'),
      normalize.parseDate('x')
    ]
    const rules = results.map((r) => r.problem?.rule)
    expect(rules).toEqual(['country-unknown', 'country-null-island', 'sdg-unknown', 'sdg-name-mismatch', 'email-invalid', 'latlng-null-island', 'latlng-malformed', 'latlng-out-of-range', 'year-invalid', 'date-invalid'])
    for (const r of results) {
      expect(JSON.parse(JSON.stringify(r))).toEqual(r)
      expect(r.problem!.rule).toMatch(/^[a-z]+(-[a-z0-9]+)+$/)
      expect(r.problem!.severity).not.toBe('error')
      expect(r.problem!.message.length).toBeGreaterThan(0)
      expect(r.problem!.hint?.length).toBeGreaterThan(0)
      expect(Object.keys(r.problem!).sort()).toEqual(['hint', 'message', 'rule', 'severity'])
    }
  })

  it('never throws on odd input', () => {
    const odd = ['', ' ', '\u0000', '\uFFFD', '[[', ']]', '💥', 'a'.repeat(10_000), '\u0301\u0301', ' , ; : ']
    for (const v of odd) {
      expect(() => {
        normalize.normalizeCountry(v)
        normalize.normalizeSdg(v)
        normalize.termKey(v)
        normalize.normalizeTerms([v])
        normalize.normalizeEmail(v)
        normalize.parseLatLng(v)
        normalize.parseYear(v)
        normalize.parseDate(v)
      }).not.toThrow()
    }
  })
})
