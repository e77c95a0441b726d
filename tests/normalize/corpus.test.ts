/**
 * Runs every distinct tag value of the real corpus through the normalisers.
 * Skipped (with a message) when ../shared/corpus is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { PLACES_WITHIN, normalizeCountry, normalizeEmail, normalizeSdg, parseDate, parseLatLng, parseYear } from '../../src/records/normalize/index.ts'

const PAGES = new URL('../../../shared/corpus/sdg-commons/pages/', import.meta.url).pathname
const present = existsSync(PAGES)
if (!present) console.warn(`[normalize corpus test] SKIPPED: the real corpus is absent (${PAGES})`)

/** Distinct values (with counts) of the tags we normalise, over every page (dot files included). */
function collect(): Map<string, Map<string, number>> {
  const byKey = new Map<string, Map<string, number>>()
  const tag = /\[\[\s*(country|sdgs|latlng|year|date|focal_point)\s*:([^\]\n]*)\]\]/gi
  for (const name of readdirSync(PAGES)) {
    if (!name.endsWith('.md')) continue
    const text = readFileSync(join(PAGES, name), 'utf8')
    for (const m of text.matchAll(tag)) {
      const key = m[1]!.toLowerCase()
      const values = byKey.get(key) ?? new Map<string, number>()
      values.set(m[2]!, (values.get(m[2]!) ?? 0) + 1)
      byKey.set(key, values)
    }
  }
  return byKey
}

/**
 * Corpus country values that are deliberately NOT resolved: the map
 * placeholder, and places inside a country (PLACES_WITHIN, whose warning
 * names the country). Any other unresolved value fails the test.
 */
const DECIDED_UNRESOLVED = new Set(['Null Island', ...Object.keys(PLACES_WITHIN)])

describe.skipIf(!present)('normalisers on the real corpus (../shared/corpus)', () => {
  const values = present ? collect() : new Map<string, Map<string, number>>()
  const get = (key: string): Map<string, number> => values.get(key) ?? new Map()

  it('resolves every sdgs value to a goal, with no mismatch', () => {
    const sdgs = get('sdgs')
    expect(sdgs.size).toBeGreaterThan(0)
    for (const raw of sdgs.keys()) {
      const { sdg, problem } = normalizeSdg(raw)
      expect(problem, raw).toBeUndefined()
      expect(sdg.number, raw).not.toBeNull()
    }
  })

  it('resolves all but a few documented country values', () => {
    const countries = get('country')
    expect(countries.size).toBeGreaterThan(100)
    const unresolved: string[] = []
    let occurrences = 0
    for (const [raw, count] of countries) {
      const { country, problem } = normalizeCountry(raw)
      if (country.iso3 === null) {
        unresolved.push(`${raw} (${count})`)
        occurrences += count
        expect(problem?.rule).toBe('country-unknown')
        expect(DECIDED_UNRESOLVED.has(raw.trim()), `undecided unresolved country value: ${raw}`).toBe(true)
      }
    }
    console.log(`[normalize corpus test] ${unresolved.length} of ${countries.size} distinct country values stay unresolved (${occurrences} tags): ${unresolved.join('; ')}`)
    expect(unresolved.length).toBeLessThanOrEqual(25)
  })

  it('reads every year, date, latlng and focal_point value', () => {
    const bad: string[] = []
    for (const raw of get('year').keys()) if (parseYear(raw).problem) bad.push(`year:${raw}`)
    for (const raw of get('date').keys()) if (parseDate(raw).problem) bad.push(`date:${raw}`)
    for (const raw of get('latlng').keys()) if (parseLatLng(raw).problem) bad.push(`latlng:${raw}`)
    for (const raw of get('focal_point').keys()) if (normalizeEmail(raw).problem) bad.push(`focal_point:${raw}`)
    console.log(`[normalize corpus test] ${get('year').size} years, ${get('date').size} dates, ${get('latlng').size} latlngs, ${get('focal_point').size} e-mails; unreadable: ${bad.length ? bad.join('; ') : 'none'}`)
    expect(get('date').size).toBeGreaterThan(100)
    expect(bad).toEqual([])
  })
})
