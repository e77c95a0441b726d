/**
 * Country values → ISO 3166-1, using world-countries (codes, English names,
 * alternative spellings, translations, region) and i18n-iso-countries (names
 * in ~80 languages). Every name is folded and indexed once at module load,
 * so a lookup is one fold plus one Map access: O(length of the value).
 *
 * A resolved value gets world-countries' common English name (`Ivory Coast`,
 * `Türkiye`, `DR Congo`), alpha-2/alpha-3 codes, region and subregion. Kosovo
 * has no ISO 3166-1 code; world-countries gives it `UNK`, kept as is.
 * ISO codes are accepted in capitals only (`PER`, `PE`).
 *
 * Places inside a country (England, Republika Srpska, Kurdistan Region) are not
 * countries: the config's `subnational` table names the country each lies in,
 * and the value keeps its own name with `within` set to that country. A map's
 * 0,0 placeholder ("Null Island") is no country at all.
 */
import { createRequire } from 'node:module'
import { distance } from 'fastest-levenshtein'
import type { Country as WorldCountry } from 'world-countries'
import i18nCountries from 'i18n-iso-countries'
import type { Country, CountryRef, Iso3 } from '../types.ts'
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

// createRequire: world-countries' ESM entry and its CJS typings disagree on `default`.
const require = createRequire(import.meta.url)
const worldCountries = require('world-countries') as WorldCountry[]

/** Words that carry no identity in a country name's order-free key. */
const STOP_WORDS = new Set(['the', 'of', 'and', 'de', 'la', 'le', 'les', 'el', 'los', 'las', 'du', 'des', 'da', 'do'])
/** Abbreviations of the UN / World Bank spellings (`Congo, Dem. Rep.`, `St. Lucia`, `Micronesia, Fed. Sts.`). */
const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', rep: 'republic', dem: 'democratic', fed: 'federated', sts: 'states' }
const APOSTROPHES = /['’‘`´ʼ]/gu
const HAS_APOSTROPHE = /['’‘`´ʼ]/u

function foldWords(value: string): string {
  const words = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter((w) => w && !STOP_WORDS.has(w))
  return words.sort().join(' ')
}

/**
 * Fold a name to its lookup key: compatibility-decompose, strip diacritics,
 * lower-case, drop apostrophes (`d’Ivoire` → `divoire`, `People's` →
 * `peoples`), treat other punctuation as a word break, expand the usual
 * abbreviations, drop stop words and sort the words, so `Congo, Democratic
 * Republic of the` and `Democratic Republic of the Congo` share a key.
 */
export function foldCountryName(value: string): string {
  return foldWords(value.replace(APOSTROPHES, ''))
}

/** The same fold with apostrophes as word breaks: `d' Ivoire` and `d'Ivoire` both reach `Côte d'Ivoire`. */
function foldCountryNameSplit(value: string): string {
  return foldWords(value.replace(APOSTROPHES, ' '))
}

/**
 * Corpus and statistics spellings neither library knows, mapped to ISO alpha-3.
 * Keep it small: every other spelling comes from the libraries.
 */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  'Lao PDR': 'LAO', // World Bank / UN spelling; the libraries only know "Lao People's Democratic Republic"
  'Hong Kong SAR': 'HKG',
  'Hong Kong SAR, China': 'HKG',
  'Macao SAR': 'MAC',
  'Macao SAR, China': 'MAC',
  'Venezuela, RB': 'VEN',
  'West Bank and Gaza': 'PSE' // World Bank name of the State of Palestine's territory
}

/** Folded names of non-places: coordinates placeholders, not somewhere on a map. */
const PLACEHOLDERS = new Set([foldCountryName('Null Island')])

const byCca3 = new Map<string, WorldCountry>()
const byCca2 = new Map<string, WorldCountry>()
for (const c of worldCountries) {
  byCca3.set(c.cca3, c)
  byCca2.set(c.cca2, c)
}

/** Folded key → world-countries entry; first writer wins (aliases, English and official sources go first). */
const byKey = new Map<string, WorldCountry>()
/** Display names for suggestions, folded once. */
const suggestionNames: Array<{ folded: string; name: string; iso3: string }> = []

function index(name: string | undefined, c: WorldCountry | undefined): void {
  if (!name || !c) return
  const key = foldCountryName(name)
  if (key && !byKey.has(key)) byKey.set(key, c)
  if (!HAS_APOSTROPHE.test(name)) return // the split fold would be the same key
  const split = foldCountryNameSplit(name)
  if (split && !byKey.has(split)) byKey.set(split, c)
}

function suggestionFold(value: string): string {
  return value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim()
}

for (const [name, iso3] of Object.entries(COUNTRY_ALIASES)) index(name, byCca3.get(iso3))
for (const c of worldCountries) {
  index(c.name.common, c)
  index(c.name.official, c)
  suggestionNames.push({ folded: suggestionFold(c.name.common), name: c.name.common, iso3: c.cca3 })
}
for (const c of worldCountries) for (const alt of c.altSpellings) index(alt, c)

// i18n-iso-countries: English first, then every other bundled language.
const langs = (require('i18n-iso-countries/supportedLocales.json') as string[]).slice().sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)))
for (const lang of langs) {
  i18nCountries.registerLocale(require(`i18n-iso-countries/langs/${lang}.json`))
  const names = i18nCountries.getNames(lang, { select: 'all' })
  for (const [alpha2, list] of Object.entries(names)) {
    const c = byCca2.get(alpha2)
    for (const name of list) index(name, c)
  }
  if (lang === 'en') {
    for (const [alpha2, list] of Object.entries(names)) {
      const c = byCca2.get(alpha2)
      if (!c) continue
      // Code-like names (`UK`) are matched but shown as the country's common name.
      for (const name of list) suggestionNames.push({ folded: suggestionFold(name), name: /^[A-Z.]{2,4}$/.test(name) ? c.name.common : name, iso3: c.cca3 })
    }
  }
}
for (const c of worldCountries) {
  for (const t of Object.values(c.translations)) {
    index(t.common, c)
    index(t.official, c)
  }
  for (const t of Object.values(c.name.native)) {
    index(t.common, c)
    index(t.official, c)
  }
}

function toRef(c: WorldCountry): CountryRef {
  return { name: c.name.common, iso3: c.cca3 as Iso3, iso2: c.cca2, region: c.region || null, subregion: c.subregion || null }
}

function toCountry(raw: string, c: WorldCountry): Country {
  return { raw, ...toRef(c) }
}

/** Each `subnational` table, folded once: folded place name → the country it lies in. */
const foldedTables = new WeakMap<Readonly<Record<string, string>>, Map<string, WorldCountry>>()

function foldedTable(subnational: Readonly<Record<string, string>>): Map<string, WorldCountry> {
  let table = foldedTables.get(subnational)
  if (!table) {
    table = new Map()
    for (const [place, iso3] of Object.entries(subnational)) {
      const c = byCca3.get(iso3)
      const key = foldCountryName(place)
      // An unknown code cannot come through the validated config; from the API it is ignored.
      if (c && key) table.set(key, c)
    }
    foldedTables.set(subnational, table)
  }
  return table
}

/** Find the world-countries entry for a value, or undefined. */
function lookup(value: string): WorldCountry | undefined {
  const trimmed = value.trim()
  // Codes only in capitals: lower-case `can` or `arm` in a country tag is more likely a typo than Canada or Armenia.
  if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
    const upper = trimmed.toUpperCase()
    const byCode = upper.length === 2 ? byCca2.get(upper) : byCca3.get(upper)
    if (byCode && trimmed === upper) return byCode
  }
  const key = foldCountryName(trimmed)
  if (!key) return undefined
  return byKey.get(key) ?? byKey.get(foldCountryNameSplit(trimmed))
}

/** Country names written inside a longer value (`Kurdistan Region of Iraq`, `Guatemala City`): spans of up to four words. */
function namesInside(value: string): WorldCountry[] {
  const words = value.split(/\s+/u).filter(Boolean)
  const found: WorldCountry[] = []
  for (let i = 0; i < words.length; i++) {
    for (let j = i + 1; j <= Math.min(words.length, i + 4); j++) {
      if (j - i === words.length) continue // the whole value was already looked up
      const c = byKey.get(foldCountryName(words.slice(i, j).join(' ')))
      if (c && !found.includes(c)) found.push(c)
    }
  }
  return found
}

/** Up to three country names close to `value`, nearest first (empty when nothing is reasonably close). */
export function suggestCountries(value: string): string[] {
  const folded = suggestionFold(value)
  if (!folded || folded.length > 60) return [] // bounds the edit-distance pass
  const out = namesInside(value).map((c) => c.name.common)
  const best = new Map<string, { name: string; d: number }>()
  for (const s of suggestionNames) {
    const d = distance(folded, s.folded)
    // "Reasonably close": at most a third of the longer string changed.
    if (d > Math.max(2, Math.floor(Math.max(folded.length, s.folded.length) / 3))) continue
    const prev = best.get(s.iso3)
    if (!prev || d < prev.d) best.set(s.iso3, { name: s.name, d })
  }
  for (const s of [...best.values()].sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))) {
    if (!out.includes(s.name)) out.push(s.name)
  }
  return out.slice(0, 3)
}

function unknown(raw: string, hint: string): { country: Country; problem: Problem } {
  const value = raw.trim()
  return {
    country: { raw, name: value || raw, iso3: null, iso2: null, region: null, subregion: null },
    problem: {
      rule: 'country-unknown',
      severity: 'warning',
      message: `${quote(raw)} is not a country name or ISO 3166-1 code; it is kept as written`,
      hint
    }
  }
}

/**
 * Resolve a country tag value: to ISO 3166-1; to a place inside a country (`within`);
 * to nothing for the Null Island placeholder (an info); else keep it raw with a
 * `country-unknown` warning whose hint names the nearest countries.
 * @param raw the tag value
 * @param subnational place name → ISO 3166-1 alpha-3 of the country it lies in (the config's
 *   table; names match with case, accents, punctuation and word order folded). It is
 *   consulted first, so a maintainer can file even a country name under another country.
 */
export function normalizeCountry(raw: string, subnational: Readonly<Record<string, string>> = {}): { country: Country | null; problem?: Problem } {
  const key = foldCountryName(raw)
  if (PLACEHOLDERS.has(key)) {
    return {
      country: null,
      problem: {
        rule: 'country-null-island',
        severity: 'info',
        message: `${quote(raw)} is the 0,0 placeholder of a map, not a place; it is left out`,
        hint: 'Write the country where the work happened, or remove the tag.'
      }
    }
  }
  const within = key ? foldedTable(subnational).get(key) : undefined
  if (within) return { country: { raw, name: raw.trim(), iso3: null, iso2: null, region: null, subregion: null, within: toRef(within) } }
  const found = lookup(raw)
  if (found) return { country: toCountry(raw, found) }
  const near = suggestCountries(raw)
  return unknown(
    raw,
    near.length
      ? `Did you mean ${near.map((n) => `"${n}"`).join(', ')}? Use a country name or an ISO 3166-1 code.`
      : 'Use a country name or an ISO 3166-1 code (e.g. Peru, PER or PE). For a place inside a country, add it to "subnational" in plan-archive.config.json.'
  )
}
