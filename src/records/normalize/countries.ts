/**
 * Country values → ISO 3166-1, using world-countries (codes, English names,
 * alternative spellings, translations, region) and i18n-iso-countries (names
 * in ~80 languages). Every name is folded and indexed once at module load,
 * so a lookup is one fold plus one Map access: O(length of the value).
 */
import { createRequire } from 'node:module'
import { distance } from 'fastest-levenshtein'
import type { Country as WorldCountry } from 'world-countries'
import i18nCountries from 'i18n-iso-countries'
import type { Country, Iso3 } from '../types.ts'
import type { Problem } from './problem.ts'

// createRequire: world-countries' ESM entry and its CJS typings disagree on `default`.
const require = createRequire(import.meta.url)
const worldCountries = require('world-countries') as WorldCountry[]

/** Words that carry no identity in a country name's order-free key. */
const STOP_WORDS = new Set(['the', 'of', 'and', 'de', 'la', 'le', 'les', 'el', 'los', 'las', 'du', 'des', 'da', 'do'])

/**
 * Fold a name to its lookup key: compatibility-decompose, strip diacritics,
 * lower-case, treat every apostrophe/dash/punctuation as a word break, drop
 * stop words and sort the words, so `Congo, Democratic Republic of the` and
 * `Democratic Republic of the Congo` share a key.
 */
export function foldCountryName(value: string): string {
  const words = value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’‘`´]s\b/g, 's') // People's → peoples
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w && !STOP_WORDS.has(w))
  return words.sort().join(' ')
}

/** Second-level key: also drops state-form words (`Kyrgyz Republic` → `kyrgyz`). */
const FORM_WORDS = new Set(['republic', 'state', 'plurinational', 'bolivarian', 'islamic', 'federal', 'federation', 'kingdom', 'union', 'commonwealth', 'sultanate', 'principality', 'grand', 'duchy', 'people', 'peoples', 'socialist', 'arab', 'united', 'democratic', 'independent', 'co', 'operative', 'cooperative', 'territory', 'province', 'emirate', 'rep', 'dem', 'pdr'])
function looseKey(folded: string): string {
  return folded.split(' ').filter((w) => !FORM_WORDS.has(w)).join(' ')
}

/**
 * Corpus spellings neither library knows, mapped to ISO alpha-3. Keep this
 * small: each entry is a real spelling seen in the corpus (see tests).
 */
export const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  'Guinea Bissau': 'GNB',
  'Lao PDR': 'LAO',
  'Viet Nam': 'VNM'
}

const byCca3 = new Map<string, WorldCountry>()
const byCca2 = new Map<string, WorldCountry>()
for (const c of worldCountries) {
  byCca3.set(c.cca3, c)
  byCca2.set(c.cca2, c)
}

/** Folded key → world-countries entry; first writer wins (English and official sources go first). */
const byKey = new Map<string, WorldCountry>()
/** Loose key → entry, or null when two countries share it (then it is not used). */
const byLooseKey = new Map<string, WorldCountry | null>()
/** Display names for suggestions, folded once. */
const suggestionNames: Array<{ folded: string; name: string; iso3: string }> = []

function index(name: string | undefined, c: WorldCountry | undefined): void {
  if (!name || !c) return
  const key = foldCountryName(name)
  if (!key) return
  if (!byKey.has(key)) byKey.set(key, c)
  const loose = looseKey(key)
  if (!loose) return
  const prev = byLooseKey.get(loose)
  if (prev === undefined) byLooseKey.set(loose, c)
  else if (prev !== null && prev !== c) byLooseKey.set(loose, null)
}

for (const [name, iso3] of Object.entries(COUNTRY_ALIASES)) index(name, byCca3.get(iso3))
for (const c of worldCountries) {
  index(c.name.common, c)
  index(c.name.official, c)
  suggestionNames.push({ folded: c.name.common.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase(), name: c.name.common, iso3: c.cca3 })
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
      for (const name of list) suggestionNames.push({ folded: name.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase(), name, iso3: c.cca3 })
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

function toCountry(raw: string, c: WorldCountry): Country {
  return {
    raw,
    name: c.name.common,
    iso3: c.cca3 as Iso3,
    iso2: c.cca2,
    region: c.region || null,
    subregion: c.subregion || null
  }
}

/** Find the world-countries entry for a value, or undefined. */
function lookup(value: string): WorldCountry | undefined {
  const trimmed = value.trim()
  if (/^[A-Za-z]{2,3}$/.test(trimmed)) {
    const upper = trimmed.toUpperCase()
    const byCode = upper.length === 2 ? byCca2.get(upper) : byCca3.get(upper)
    if (byCode && trimmed === upper) return byCode
  }
  const key = foldCountryName(trimmed)
  if (!key) return undefined
  return byKey.get(key) ?? byLooseKey.get(looseKey(key)) ?? undefined
}

/** Up to three country names close to `value`, nearest first (empty when nothing is close). */
export function suggestCountries(value: string): string[] {
  const folded = value.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().trim()
  if (!folded || folded.length > 60) return [] // bounds the edit-distance pass
  const best = new Map<string, { name: string; d: number }>()
  for (const s of suggestionNames) {
    const d = distance(folded, s.folded)
    // "Reasonably close": at most a third of the longer string changed.
    if (d > Math.max(2, Math.floor(Math.max(folded.length, s.folded.length) / 3))) continue
    const prev = best.get(s.iso3)
    if (!prev || d < prev.d) best.set(s.iso3, { name: s.name, d })
  }
  return [...best.values()].sort((a, b) => a.d - b.d || a.name.localeCompare(b.name)).slice(0, 3).map((s) => s.name)
}

/** Resolve a country tag value to ISO 3166-1, or keep it raw with a `country-unknown` warning. */
export function normalizeCountry(raw: string): { country: Country; problem?: Problem } {
  const found = lookup(raw)
  if (found) return { country: toCountry(raw, found) }
  const value = raw.trim()
  const near = suggestCountries(value)
  return {
    country: { raw, name: value || raw, iso3: null, iso2: null, region: null, subregion: null },
    problem: {
      rule: 'country-unknown',
      severity: 'warning',
      message: `"${value}" is not a country name or ISO 3166-1 code; it is kept as written`,
      hint: near.length
        ? `Did you mean ${near.map((n) => `"${n}"`).join(', ')}?`
        : 'Use a country name or an ISO 3166-1 code (e.g. PER or PE); put places inside a country in their own tag.'
    }
  }
}
