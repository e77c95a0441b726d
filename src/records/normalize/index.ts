/**
 * Value normalisers: pure functions from one raw tag value to a typed value
 * plus, when something is off, a `Problem` (a diagnostic without a position;
 * the parser adds line and column). None of them throws, all are linear in
 * the length of the value, and unknown or invalid values are warnings that
 * keep the value, never errors. The map placeholders (`0,0`, `Null Island`)
 * give no value and an info.
 *
 * - `normalizeCountry(raw, subnational?)` → `{ country, problem? }` (rules `country-unknown`, `country-null-island`: country null)
 * - `normalizeSdg(raw)` → `{ sdg, problem? }` (rules `sdg-unknown`, `sdg-name-mismatch`), `SDG_GOALS`
 * - `termKey(value)`, `normalizeTerms(values, aliases?)` → `Term[]`
 * - `normalizeEmail(raw)` → `{ email, problem? }` (rule `email-invalid`)
 * - `parseLatLng(raw)` → `{ location, problem? }` (rules `latlng-malformed`, `latlng-out-of-range`, `latlng-null-island`), `pointKey(point)`
 * - `parseYear(raw)` → `{ year, problem? }` (rule `year-invalid`), `parseDate(raw)` → `{ date, problem? }` (rule `date-invalid`)
 */
export type { Problem } from './problem.ts'
export { normalizeCountry, suggestCountries, foldCountryName, COUNTRY_ALIASES } from './countries.ts'
export { normalizeSdg, SDG_GOALS, contrastRatio, relativeLuminance } from './sdgs.ts'
export type { SdgGoal } from './sdgs.ts'
export { termKey, normalizeTerms } from './terms.ts'
export { normalizeEmail } from './emails.ts'
export { parseLatLng, pointKey } from './location.ts'
export { parseYear, parseDate } from './dates.ts'
