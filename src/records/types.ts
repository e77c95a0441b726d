/**
 * The typed records: the boundary between the parser and everything after it
 * (site, search, exports). Every field is plain JSON so a record can be cached,
 * printed by `plan-archive parse` and written to `records.json` unchanged.
 */

import type { TermFields } from './fields.ts'

export type Severity = 'error' | 'warning' | 'info'

/** A problem found in one input file, positioned in the original file (1-based). */
export interface Diagnostic {
  /** Stable rule id, kebab-case, e.g. `tag-malformed`, `country-unknown`. */
  rule: string
  severity: Severity
  message: string
  line: number
  column: number
  /** How to fix it, when there is something useful to say. */
  hint?: string
}

/** Branded strings: a raw string cannot be passed where these are expected. */
export type RecordId = string & { readonly __brand: 'RecordId' }
export type Iso3 = string & { readonly __brand: 'Iso3' }
export type SdgNumber = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13 | 14 | 15 | 16 | 17

export const KNOWN_KINDS = ['learningplan', 'framework'] as const
/**
 * The record's shape, the discriminant of {@link ArchiveRecord}: a learning plan, a
 * framework page, or any other type of page (`other`, with its name in `type`).
 */
export type RecordKind = 'learningplan' | 'framework' | 'other'
/** `learningplan`, `framework`, or the page's own `[[type:…]]` value (`solution`, `blog`, …). */
export type RecordType = string

export interface SourceInfo {
  /** Path relative to the content root, with `/` separators. */
  path: string
  /** sha256 of the raw bytes, hex. */
  sha256: string
}

/** The country a place lies in: the fields of a resolved country value. */
export interface CountryRef {
  name: string
  iso3: Iso3
  iso2: string | null
  region: string | null
  subregion: string | null
}

/**
 * A country value: resolved to ISO 3166-1; a place inside a country (`within`
 * set, iso3 null: England, Republika Srpska); or kept raw (iso3 null) with a warning.
 */
export interface Country {
  raw: string
  /** Common English name; the value as written (trimmed) for a place or an unresolved value. */
  name: string
  iso3: Iso3 | null
  iso2: string | null
  /** Continent-level region (Africa, Americas, Asia, Europe, Oceania, Antarctic). */
  region: string | null
  subregion: string | null
  /**
   * For a place inside a country (the config's `subnational` table): that country. Every
   * index, facet, feed and the map file the record under it. Absent on other values.
   */
  within?: CountryRef
}

/**
 * The country a value is filed under: the value itself when it is a country, the country
 * it lies in when it is a place inside one, null when it is unresolved.
 */
export function filedCountry(country: Country): CountryRef | null {
  if (country.within) return country.within
  return country.iso3 ? (country as CountryRef) : null
}

/** How a country value is shown: `Peru`, a place with its country `England (United Kingdom)`, an unresolved value as written. */
export function countryLabel(country: Country): string {
  return country.within ? `${country.name} (${country.within.name})` : country.name
}

/** A point in decimal degrees. */
export interface LatLng {
  lat: number
  lng: number
}

/** One distinct point a record names, where its first `[[latlng:…]]` tag stands (1-based). */
export interface Location extends LatLng {
  line: number
  column: number
}

/** An SDG value: number and official name, or only `raw` (number null) with a warning. */
export interface Sdg {
  number: SdgNumber | null
  name: string | null
  raw: string
}

/** A free-text tag value (method, data source, thematic area). */
export interface Term {
  /** Trimmed display value, as first written. */
  value: string
  /** Grouping key (`termKey`): case, accents, hyphens, `&`, plurals, whitespace, trailing punctuation folded; aliases applied. */
  key: string
}

export interface Prompt {
  /** The quoted form prompt (`> …`), as plain text. */
  prompt: string
  /** The Markdown answer under it, trimmed; '' when unanswered. */
  answer: string
  line: number
}

/** One heading of the outline; learning plans also pair prompts with answers. */
export interface Section {
  heading: string
  depth: number
  /** Anchor id, unique within the record (github-slugger). */
  slug: string
  line: number
  /** Learning plans: the form prompts of this section. Empty otherwise. */
  prompts: Prompt[]
}

export type LearningStage = 'Sense' | 'Explore' | 'Test' | 'Grow'
export type ChallengeType = 'big bet' | 'exploratory'

/** A `data:` image lifted out of the body; written once under `dist/assets/`. */
export interface AssetRef {
  /** File name: `<sha256-prefix>.<ext>`; the body refers to it as `/assets/<name>`. */
  name: string
  mime: string
  bytes: number
}

/**
 * The fields every record has. The free-text ones (`methods`, `datasources`, `thematicAreas`,
 * `partneringSectors`, each `Term[]`) come from the registry (TERM_FIELDS in ./fields.ts).
 */
interface RecordBase extends TermFields {
  id: RecordId
  /** Which shape the record has: narrow on it (`if (record.kind === 'learningplan') record.stages`). */
  kind: RecordKind
  /** What the page calls itself: its URL, labels and the search's kind filter use it (src/records/kind.ts). */
  type: RecordType
  source: SourceInfo
  title: string
  year: number | null
  /** ISO 8601 date (YYYY-MM-DD or full timestamp), or null. */
  date: string | null
  countries: Country[]
  /** Every distinct `[[latlng:…]]` point, in file order; (0,0) is left out. */
  locations: Location[]
  sdgs: Sdg[]
  /** Validated e-mail addresses. Personal data: the site hides them by default. */
  focalPoints: string[]
  /** Every `[[key:value]]` found, key lower-cased, values in file order. */
  tags: Record<string, string[]>
  /** Front matter, as parsed by gray-matter ({} when none). */
  frontMatter: Record<string, unknown>
  /** BCP 47 code of the dominant language of the body (`und` when unknown). */
  language: string
  /** All languages with a substantial share of the body, dominant first. */
  languages: string[]
  /** Markdown body: tag lines removed, encoding repaired, data: images lifted to assets. */
  body: string
  sections: Section[]
  assets: AssetRef[]
  diagnostics: Diagnostic[]
}

export interface LearningPlan extends RecordBase {
  kind: 'learningplan'
  type: 'learningplan'
  /** The answer of the plan's `## Title` section, when it differs from `title`. */
  planTitle: string | null
  stages: LearningStage[]
  challengeType: ChallengeType | null
}

export interface FrameworkPage extends RecordBase {
  kind: 'framework'
  type: 'framework'
}

/** Any other `[[type:…]]`: solution, experiment, blog, publications, … (the value in `type`). */
export interface GenericRecord extends RecordBase {
  kind: 'other'
}

export type ArchiveRecord = LearningPlan | FrameworkPage | GenericRecord

export function isLearningPlan(record: ArchiveRecord): record is LearningPlan {
  return record.kind === 'learningplan'
}

export function isFrameworkPage(record: ArchiveRecord): record is FrameworkPage {
  return record.kind === 'framework'
}
