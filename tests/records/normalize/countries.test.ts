import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../../../src/records/config.ts'
import { COUNTRY_ALIASES, foldCountryName, normalizeCountry, suggestCountries } from '../../../src/records/normalize/index.ts'
import type { Country } from '../../../src/records/types.ts'

/** The country of a value that gives one (every value but the Null Island placeholder). */
function countryOf(raw: string, subnational?: Record<string, string>): Country {
  const { country } = normalizeCountry(raw, subnational)
  expect(country, raw).not.toBeNull()
  return country!
}

const spellings = JSON.parse(readFileSync(new URL('../../fixtures/normalize/country-spellings.json', import.meta.url), 'utf8')) as Record<string, Record<string, string> | string>

describe('normalizeCountry: accepted spellings', () => {
  for (const [group, cases] of Object.entries(spellings)) {
    if (typeof cases === 'string') continue
    describe(group, () => {
      for (const [raw, iso3] of Object.entries(cases)) {
        it(`${JSON.stringify(raw)} → ${iso3}`, () => {
          const { country, problem } = normalizeCountry(raw)
          expect(problem).toBeUndefined()
          expect(country?.iso3).toBe(iso3)
          expect(country?.raw).toBe(raw)
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
    expect(countryOf('Peru').region).toBe('Americas')
    expect(countryOf('Fiji').region).toBe('Oceania')
    expect(countryOf('North Macedonia').region).toBe('Europe')
    expect(countryOf('Viet Nam').subregion).toBe('South-Eastern Asia')
  })

  it('gives NFC and NFD spellings the same result', () => {
    const nfc = 'Côte d’Ivoire'.normalize('NFC')
    const nfd = nfc.normalize('NFD')
    expect(nfc).not.toBe(nfd)
    expect(countryOf(nfd).iso3).toBe(countryOf(nfc).iso3)
  })

  it('folds word order, case, diacritics and stop words into one key', () => {
    expect(foldCountryName('Congo, Democratic Republic of the')).toBe(foldCountryName('Democratic Republic of the Congo'))
    expect(foldCountryName('CÔTE D’IVOIRE')).toBe(foldCountryName("cote d'ivoire"))
  })

  it('only needs its alias table for spellings the libraries do not know', () => {
    for (const [raw, iso3] of Object.entries(COUNTRY_ALIASES)) expect(countryOf(raw).iso3).toBe(iso3)
    expect(Object.keys(COUNTRY_ALIASES).length).toBeLessThanOrEqual(10)
  })
})

describe('normalizeCountry: values that are not countries', () => {
  it('gives no country for Null Island, the map placeholder, with an info', () => {
    for (const raw of ['Null Island', ' null island ', 'NULL ISLAND']) {
      const { country, problem } = normalizeCountry(raw, defaultConfig.subnational)
      expect(country).toBeNull()
      expect(problem).toMatchObject({ rule: 'country-null-island', severity: 'info' })
      expect(problem?.message).toMatch(/placeholder.*left out/)
    }
  })

  it('keeps Republika Srpska raw, without a table, with a hint about the table', () => {
    const { country, problem } = normalizeCountry('Republika Srpska')
    expect(country).toMatchObject({ raw: 'Republika Srpska', name: 'Republika Srpska', iso3: null })
    expect(country).not.toHaveProperty('within')
    expect(problem?.rule).toBe('country-unknown')
  })
})

describe('normalizeCountry: places inside a country (the subnational table)', () => {
  it('files England under the United Kingdom, keeping its own name', () => {
    const { country, problem } = normalizeCountry('England', defaultConfig.subnational)
    expect(problem).toBeUndefined()
    expect(country).toEqual({
      raw: 'England',
      name: 'England',
      iso3: null,
      iso2: null,
      region: null,
      subregion: null,
      within: { name: 'United Kingdom', iso3: 'GBR', iso2: 'GB', region: 'Europe', subregion: 'Northern Europe' }
    })
  })

  it('matches names with case, accents, spaces and word order folded', () => {
    for (const raw of ['  england ', 'ENGLAND', 'Galapagos Province', 'Province Galápagos', 'republika srpska']) {
      expect(countryOf(raw, defaultConfig.subnational).within, raw).toBeDefined()
    }
    expect(countryOf('Galapagos province', defaultConfig.subnational).within?.iso3).toBe('ECU')
  })

  it.each(Object.entries(defaultConfig.subnational))('the default table files %s under %s, a real country', (place, iso3) => {
    const country = countryOf(place, defaultConfig.subnational)
    expect(country.within?.iso3).toBe(iso3)
    expect(country.within?.name).toBe(countryOf(iso3).name)
    expect(country.name).toBe(place)
  })

  it('is consulted before the country names, and ignores codes that name no country', () => {
    expect(countryOf('Greenland', { Greenland: 'DNK' }).within?.iso3).toBe('DNK')
    expect(countryOf('Greenland').iso3).toBe('GRL')
    const { country, problem } = normalizeCountry('Atlantis', { Atlantis: 'XYZ' })
    expect(country?.within).toBeUndefined()
    expect(problem?.rule).toBe('country-unknown')
    expect(problem?.hint).toMatch(/"subnational"/)
  })
})

describe('normalizeCountry: unknown values', () => {
  it('suggests up to three close country names for a misspelling', () => {
    const { country, problem } = normalizeCountry('Zambiaa Republik')
    expect(country?.iso3).toBeNull()
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
    expect(countryOf('can').iso3).toBeNull()
  })

  it('never throws and keeps the raw value for empty and huge input', () => {
    expect(countryOf('').iso3).toBeNull()
    expect(normalizeCountry('   ').problem?.rule).toBe('country-unknown')
    const huge = 'x'.repeat(200_000)
    const t = performance.now()
    const { country, problem } = normalizeCountry(huge)
    expect(performance.now() - t).toBeLessThan(1000)
    expect(country?.raw).toBe(huge)
    expect(problem!.message.length).toBeLessThan(200)
  })
})
