/**
 * The registry of record fields: one entry per typed tag key, saying how the
 * key may be spelt, how its values are normalised, whether they are private,
 * and how readers meet them (search filter, index pages, export column, labels).
 *
 * Everything downstream reads this list: the parser (which keys feed which
 * property, through which normaliser), the config (alias maps and their schema),
 * the site's index families and record pages, the exports, the search filters
 * (facets.json, the pages' filter data, the search page's filter list) and
 * `plan-archive new`. A free-text key such as `[[tools:…]]` is one more entry in
 * {@link TERM_FIELDS}; a key with values of a new shape also needs its normaliser
 * (src/records/normalize/) and the property in src/records/types.ts.
 */
import type { Config } from './config.ts'
import { typeLabel } from './kind.ts'
import {
  normalizeCountry, normalizeEmail, normalizeSdg, normalizeTerms, parseLatLng, pointKey, type Problem
} from './normalize/index.ts'
import { filedCountry, type ArchiveRecord, type Country, type Location, type Sdg, type Term } from './types.ts'

// ---------------------------------------------------------------------------
// Search filters

/** One value of a filter: what the index stores, and what the page shows. */
export interface FacetValue {
  value: string
  label: string
}

export interface SearchFacet {
  /** The Pagefind filter name (`data-pagefind-filter`), also the URL parameter. */
  name: string
  /** The fieldset's legend on the search page. */
  legend: string
  /** How the page orders the values: by count, by number, by number descending. */
  order: 'count' | 'number' | 'number-desc'
  /** Values shown before "show more". */
  shown: number
  /** Its filter data is fetched when its fieldset is opened (large filters). */
  lazy?: boolean
  /** The record's values, each once. */
  values(record: ArchiveRecord): FacetValue[]
}

// ---------------------------------------------------------------------------
// Free-text fields

/**
 * A tag key whose values are free text, grouped by a spelling-folded key
 * (normalizeTerms) with the config's aliases applied: methods, data sources,
 * thematic areas, partnering sectors. Each gets a record property of `Term[]`,
 * an alias map in the config, an index family (a page per value and an
 * overview), a lazy search filter, a CSV column and a `plan-archive new` option.
 */
export interface TermFieldSpec {
  /** The record property (and the config's alias map): camelCase. */
  property: string
  /** The tag key as the forms write it. */
  key: string
  /** Other spellings of the key read as the same key (compared with `-` and `.` as `_`). */
  aliases: readonly string[]
  /** What one value is called, and the list: `Method`, `Methods`. */
  singular: string
  plural: string
  /** The index family's URL segment (`/methods/`), and its overview's introduction. */
  segment: string
  intro: string
  /** The search filter's name (`data-pagefind-filter`, URL parameter). */
  filter: string
  /** The CSV column. */
  column: string
  /** The `plan-archive new` option (`--method`, a list), and an example value for its help. */
  option: string
  example: string
  /** An alias the config schema shows as an example: spelling → value. */
  aliasExample: readonly [string, string]
  /** Weight of a shared value in related records (0: not counted). */
  related: number
  /** Listed among a record page's JSON-LD keywords. */
  keywords: boolean
}

/** The free-text fields, in the order pages, filters, exports and `new --help` list them. */
export const TERM_FIELDS = [
  {
    property: 'methods', key: 'methods', aliases: ['method'],
    singular: 'Method', plural: 'Methods',
    segment: 'methods', intro: 'Methods the teams used, grouped by spelling-folded value.',
    filter: 'method', column: 'methods', option: 'method', example: 'Citizen Science',
    aliasExample: ['solution mapping', 'Solutions Mapping'], related: 1, keywords: true
  },
  {
    property: 'datasources', key: 'datasources', aliases: ['datasource', 'data_sources', 'data_source'],
    singular: 'Data source', plural: 'Data sources',
    segment: 'datasources', intro: 'Sources of data the records name, grouped by spelling-folded value.',
    filter: 'datasource', column: 'datasources', option: 'datasource', example: 'surveys',
    aliasExample: ['survey', 'surveys'], related: 0, keywords: false
  },
  {
    property: 'thematicAreas', key: 'thematic_areas', aliases: ['thematic_area', 'thematicareas', 'themes', 'theme'],
    singular: 'Thematic area', plural: 'Thematic areas',
    segment: 'thematic-areas', intro: 'Themes the records are tagged with, grouped by spelling-folded value.',
    filter: 'theme', column: 'thematic_areas', option: 'thematic-area', example: 'green transition',
    aliasExample: ['co creation', 'co-creation'], related: 1.5, keywords: true
  },
  {
    property: 'partneringSectors', key: 'partnering_sector', aliases: ['partnering_sectors', 'partners', 'partner'],
    singular: 'Partnering sector', plural: 'Partnering sectors',
    segment: 'partnering-sectors', intro: 'Sectors of the partners the teams worked with, grouped by spelling-folded value.',
    filter: 'partner', column: 'partnering_sectors', option: 'partnering-sector', example: 'Public Sector',
    aliasExample: ['NGOs', 'Civil Society/ NGOs'], related: 0, keywords: false
  }
] as const satisfies readonly TermFieldSpec[]

export type TermField = (typeof TERM_FIELDS)[number]
/** `methods` | `datasources` | `thematicAreas` | … */
export type TermProperty = TermField['property']
/** The record's free-text properties, one `Term[]` per entry of {@link TERM_FIELDS}. */
export type TermFields = { [F in TermField as F['property']]: Term[] }
/** Per free-text field, spelling → the value shown for it (the config's `aliases`). */
export type TermAliases = { [P in TermProperty]: Record<string, string> }

/** The free-text properties, in registry order. */
export const TERM_PROPERTIES: readonly TermProperty[] = TERM_FIELDS.map((f) => f.property)

/** An object with one value per free-text field, in registry order. */
export function perTermField<T>(make: (field: TermField) => T): { [P in TermProperty]: T } {
  return Object.fromEntries(TERM_FIELDS.map((f) => [f.property, make(f)])) as { [P in TermProperty]: T }
}

// ---------------------------------------------------------------------------
// Typed fields

/** A tag as a normaliser needs it: its value and where it stands (1-based). */
export interface TagValue {
  value: string
  line: number
  column: number
}

/** Attach a normaliser's problem to the tag it came from. */
export type Report = (tag: TagValue, problem: Problem | undefined) => void

/** What the normalisers read from the config. */
export type FieldConfig = Pick<Config, 'aliases' | 'subnational'>

/** The record properties the registry's normalisers fill from tags. */
export interface TagFieldValues extends TermFields {
  countries: Country[]
  locations: Location[]
  sdgs: Sdg[]
  focalPoints: string[]
}

/**
 * A typed tag key. `collect` turns all of a record's tags of the key into its
 * property (each problem reported at its tag); keys without it (`type`, `year`,
 * `date`) are read by the parser with their fallbacks (src/parse/record.ts).
 */
export interface TagFieldSpec {
  key: string
  aliases: readonly string[]
  /** The record property the key fills. */
  property: string
  /** What the values are, after normalising. */
  value: 'kind' | 'country' | 'point' | 'sdg' | 'year' | 'date' | 'email' | 'term'
  /** Personal data: masked on the site and in the exports unless the config publishes it. */
  private: boolean
  /** The search filters the field gives (the country gives two: country and region). */
  facets: readonly SearchFacet[]
  collect?(tags: readonly TagValue[], config: FieldConfig, report: Report): unknown
}

/** Countries as the filters file them: a place inside a country under that country; unresolved values are not filterable. */
function filedCountries(record: ArchiveRecord) {
  return record.countries.flatMap((country) => {
    const filed = filedCountry(country)
    return filed ? [filed] : []
  })
}

/** Keep the first value of each key, in file order (pages repeat their tags); `tags` keeps every one. */
function firstOfEach<T>(out: T[], seen: Set<string>, key: string, value: T): void {
  if (!seen.has(key)) out.push(value)
  seen.add(key)
}

const country: TagFieldSpec = {
  key: 'country', aliases: ['countries'], property: 'countries', value: 'country', private: false,
  facets: [
    { name: 'country', legend: 'Country', order: 'count', shown: 8, values: (r) => filedCountries(r).map((c) => ({ value: c.iso3!, label: c.name })) },
    { name: 'region', legend: 'Region', order: 'count', shown: 8, values: (r) => filedCountries(r).flatMap((c) => (c.region ? [{ value: c.region, label: c.region }] : [])) }
  ],
  collect(tags, config, report): Country[] {
    const out: Country[] = []
    const seen = new Set<string>()
    for (const tag of tags) {
      const { country, problem } = normalizeCountry(tag.value, config.subnational)
      report(tag, problem)
      // A place or an unresolved value: one entry per name, whatever its case (the index pages group them so).
      if (country) firstOfEach(out, seen, country.iso3 ?? `raw:${country.name.toLowerCase()}`, country)
    }
    return out
  }
}

const sdgs: TagFieldSpec = {
  key: 'sdgs', aliases: ['sdg'], property: 'sdgs', value: 'sdg', private: false,
  facets: [{
    name: 'sdg', legend: 'Sustainable Development Goal', order: 'number', shown: 17,
    values: (r) => r.sdgs.flatMap((s) => (s.number === null ? [] : [{ value: String(s.number), label: `${s.number}. ${s.name ?? s.raw}` }]))
  }],
  collect(tags, _config, report): Sdg[] {
    const out: Sdg[] = []
    const seen = new Set<string>()
    for (const tag of tags) {
      const { sdg, problem } = normalizeSdg(tag.value)
      report(tag, problem)
      firstOfEach(out, seen, sdg.number === null ? `raw:${sdg.raw}` : String(sdg.number), sdg)
    }
    return out
  }
}

const latlng: TagFieldSpec = {
  key: 'latlng', aliases: ['lat_lng', 'latlong'], property: 'locations', value: 'point', private: false, facets: [],
  collect(tags, _config, report): Location[] {
    const out: Location[] = []
    const seen = new Set<string>()
    for (const tag of tags) {
      const { location, problem } = parseLatLng(tag.value)
      report(tag, problem)
      // Each point where its first tag stands.
      if (location) firstOfEach(out, seen, pointKey(location), { ...location, line: tag.line, column: tag.column })
    }
    return out
  }
}

const focalPoint: TagFieldSpec = {
  key: 'focal_point', aliases: ['focal_points', 'focalpoint'], property: 'focalPoints', value: 'email', private: true, facets: [],
  collect(tags, _config, report): string[] {
    const out: string[] = []
    for (const tag of tags) {
      const { email, problem } = normalizeEmail(tag.value)
      report(tag, problem)
      if (email && !out.includes(email)) out.push(email)
    }
    return out
  }
}

/** A free-text field as a typed tag key: normalizeTerms with the config's aliases for it. */
function termTagField(field: TermField): TagFieldSpec {
  return {
    key: field.key, aliases: field.aliases, property: field.property, value: 'term', private: false,
    // Lazy: on the corpus, the free-text filters' data is about half of what a search downloads.
    facets: [{ name: field.filter, legend: field.singular, order: 'count', shown: 8, lazy: true, values: (r) => r[field.property].map((t) => ({ value: t.key, label: t.value })) }],
    collect: (tags, config) => normalizeTerms(tags.map((t) => t.value), config.aliases[field.property])
  }
}

/** Every typed tag key, in the order of the search page's filters. */
export const TAG_FIELDS: readonly TagFieldSpec[] = [
  {
    key: 'type', aliases: [], property: 'type', value: 'kind', private: false,
    facets: [{ name: 'kind', legend: 'Kind', order: 'count', shown: 12, values: (r) => [{ value: r.type, label: typeLabel(r.type) }] }]
  },
  country,
  sdgs,
  {
    key: 'year', aliases: [], property: 'year', value: 'year', private: false,
    facets: [{ name: 'year', legend: 'Year', order: 'number-desc', shown: 8, values: (r) => (r.year === null ? [] : [{ value: String(r.year), label: String(r.year) }]) }]
  },
  { key: 'date', aliases: [], property: 'date', value: 'date', private: false, facets: [] },
  latlng,
  focalPoint,
  ...TERM_FIELDS.map(termTagField)
]

const fold = (key: string): string => key.toLowerCase().replace(/[-.]/g, '_')
const KEYS = new Map(TAG_FIELDS.flatMap((f) => [f.key, ...f.aliases].map((spelling): [string, string] => [fold(spelling), f.key])))

/** The registry's key for a tag key as written (`sdg`, `Thematic-Areas` → `sdgs`, `thematic_areas`); other keys as given. */
export function canonicalKey(key: string): string {
  return KEYS.get(fold(key)) ?? key
}

const PRIVATE_KEYS = new Set(TAG_FIELDS.filter((f) => f.private).map((f) => f.key))

/** Whether values of this tag key (any spelling) are personal data. */
export function isPrivateKey(key: string): boolean {
  return PRIVATE_KEYS.has(canonicalKey(key))
}

/**
 * Normalise a record's tags into the registry's properties.
 * @param byKey the record's tags grouped by their registry key ({@link canonicalKey}), in file order
 * @param config aliases and the places inside a country
 * @param report called with each problem and the tag it belongs to
 */
export function collectFields(byKey: ReadonlyMap<string, readonly TagValue[]>, config: FieldConfig, report: Report): TagFieldValues {
  const values = new Map<string, unknown>()
  for (const field of TAG_FIELDS) {
    if (field.collect) values.set(field.property, field.collect(byKey.get(field.key) ?? [], config, report))
  }
  // The properties in the order of the record type, so records print and export alike.
  return Object.fromEntries(PROPERTY_ORDER.map((p) => [p, values.get(p)])) as unknown as TagFieldValues
}

const PROPERTY_ORDER = ['countries', 'locations', 'sdgs', ...TERM_PROPERTIES, 'focalPoints']

/** The registry's properties with no values (a record whose parse crashed). */
export function emptyFields(): TagFieldValues {
  return collectFields(new Map(), { aliases: perTermField(() => ({})), subnational: {} }, () => {})
}

// ---------------------------------------------------------------------------
// The search filters, as every reader of them sees them

/** The search filters, in the order the search page shows them. */
export const SEARCH_FACETS: readonly SearchFacet[] = TAG_FIELDS.flatMap((f) => f.facets)

/** A record's filter values, each filter's values once, in registry order (for `data-pagefind-filter`). */
export function searchFilterValues(record: ArchiveRecord): Array<{ name: string; value: string }> {
  const out: Array<{ name: string; value: string }> = []
  for (const facet of SEARCH_FACETS) {
    const seen = new Set<string>()
    for (const { value } of facet.values(record)) {
      if (value === '' || seen.has(value)) continue
      seen.add(value)
      out.push({ name: facet.name, value })
    }
  }
  return out
}
