import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { COUNTRY_ALIASES, PLACES_WITHIN, foldCountryName, normalizeCountry, suggestCountries } from '../../src/records/normalize/index.ts'

const spellings = JSON.parse(readFileSync(new URL('../fixtures/normalize/country-spellings.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | string>

describe('normalizeCountry: accepted spellings', () => {
  for (const [group, cases] of Object.entries(spellings)) {
    if (typeof cases === 'string') continue
    describe(group, () => {
      for (const [raw, iso3] of Object.entries(cases)) {
        it(`${JSON.stringify(raw)} → ${iso3}`, () => {
          const { country, problem } = normalizeCountry(raw)
          expect(problem).toBeUndefined()
          expect(country.iso3).toBe(iso3)
          expect(country.raw).toBe(raw)
        })
      }
    })
  }

  it('fills name, iso2, region and subregion from world-countries', () => {
    expect(normalizeCountry('Guinea Bissau').country).toEqual({
      raw: 'Guinea Bissau',
      name: 'Guinea-Bissau',
      iso3: 'GNB',
      iso2: 'GW',
      region: 'Africa',
      subregion: 'Western Africa'
    })
    expect(normalizeCountry('Peru').country.region).toBe('Americas')
    expect(normalizeCountry('Fiji').country.region).toBe('Oceania')
    expect(normalizeCountry('North Macedonia').country.region).toBe('Europe')
    expect(normalizeCountry('Viet Nam').country.subregion).toBe('South-Eastern Asia')
  })

  it('gives NFC and NFD spellings the same result', () => {
    const nfc = 'Côte d’Ivoire'.normalize('NFC')
    const nfd = nfc.normalize('NFD')
    expect(nfc).not.toBe(nfd)
    expect(normalizeCountry(nfd).country.iso3).toBe(normalizeCountry(nfc).country.iso3)
  })

  it('folds word order, case, diacritics and stop words into one key', () => {
    expect(foldCountryName('Congo, Democratic Republic of the')).toBe(foldCountryName('Democratic Republic of the Congo'))
    expect(foldCountryName('CÔTE D’IVOIRE')).toBe(foldCountryName("cote d'ivoire"))
  })

  it('only needs its alias table for spellings the libraries do not know', () => {
    for (const [raw, iso3] of Object.entries(COUNTRY_ALIASES)) expect(normalizeCountry(raw).country.iso3).toBe(iso3)
    expect(Object.keys(COUNTRY_ALIASES).length).toBeLessThanOrEqual(10)
  })
})

describe('normalizeCountry: values that are not countries', () => {
  it('keeps Null Island raw with a warning that says it is a placeholder', () => {
    const { country, problem } = normalizeCountry('Null Island')
    expect(country).toEqual({ raw: 'Null Island', name: 'Null Island', iso3: null, iso2: null, region: null, subregion: null })
    expect(problem).toMatchObject({ rule: 'country-unknown', severity: 'warning' })
    expect(problem?.hint).toMatch(/placeholder/)
  })

  it.each(Object.entries(PLACES_WITHIN))('keeps %s raw and names the country it lies in (%s)', (place, iso3) => {
    const { country, problem } = normalizeCountry(place)
    expect(country.iso3).toBeNull()
    expect(country.name).toBe(place)
    expect(problem?.rule).toBe('country-unknown')
    const container = normalizeCountry(iso3).country.name
    expect(problem?.hint).toContain(`[[country:${container}]]`)
  })

  it('suggests up to three close country names for a misspelling', () => {
    const { country, problem } = normalizeCountry('Zambiaa Republik')
    expect(country.iso3).toBeNull()
    expect(problem?.severity).toBe('warning')
    const near = suggestCountries('Somalilan')
    expect(near[0]).toBe('Somalia')
    expect(suggestCountries('Urugay')).toContain('Uruguay')
    expect(suggestCountries('Parguay')[0]).toBe('Paraguay')
    expect(normalizeCountry('Narnia Republicc').problem?.hint).not.toMatch(/Did you mean/)
    for (const v of ['Canarias', 'Bosnia Herzegovinaa', 'Slovakiaa Republik']) expect(suggestCountries(v).length).toBeLessThanOrEqual(3)
  })

  it('puts the nearest names in the hint', () => {
    expect(normalizeCountry('Guatemla').problem?.hint ?? '').toMatch(/Did you mean "Guatemala"/)
    expect(normalizeCountry('Guatemala City').problem?.hint ?? '').toMatch(/Did you mean "Guatemala"/)
    expect(normalizeCountry('Kurdistan Region of Iraq').problem?.hint ?? '').toMatch(/"Iraq"/)
    expect(normalizeCountry('can').country.iso3).toBeNull()
  })

  it('never throws and keeps the raw value for empty and huge input', () => {
    expect(normalizeCountry('').country.iso3).toBeNull()
    expect(normalizeCountry('   ').problem?.rule).toBe('country-unknown')
    const huge = 'x'.repeat(200_000)
    const t = performance.now()
    const { country, problem } = normalizeCountry(huge)
    expect(performance.now() - t).toBeLessThan(1000)
    expect(country.raw).toBe(huge)
    expect(problem!.message.length).toBeLessThan(200)
  })
})
