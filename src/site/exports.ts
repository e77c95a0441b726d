/**
 * The open-data exports: `records.json` (the `plan-archive parse` schema) and
 * `records.csv` (one row per record), privacy applied, byte-identical across
 * builds of the same input.
 */
import { stringify } from 'csv-stringify/sync'
import { TERM_FIELDS, TERM_PROPERTIES } from '../records/fields.ts'
import { countryLabel, filedCountry, type ArchiveRecord } from '../records/types.ts'
import { publicRecord } from './privacy.ts'
import { urls } from './urls.ts'

export interface ExportOptions {
  /** Publish focal-point e-mails in full (config `publishEmails`); else only `@domain`. */
  publishEmails: boolean
  /**
   * Prefix of each record's `url`: the deployed site, e.g. `https://org.github.io/repo/`
   * or `/repo/`; site-root paths when absent.
   */
  baseUrl?: string | null
  /** The site path of a record; defaults to the site's permalink scheme (`urls.record`). */
  recordUrl?: (record: ArchiveRecord) => string
}

/** The `url` of a record in the exports: its page's path under the deployed base. */
function urlMaker(opts: ExportOptions): (record: ArchiveRecord) => string {
  const base = (opts.baseUrl ?? '').replace(/\/+$/, '')
  const pathOf = opts.recordUrl ?? ((r: ArchiveRecord) => urls.record(r.type, r.id))
  return (record) => base + pathOf(record)
}

/** Top-level field order of an exported record: the order of `src/records/types.ts`. */
const FIELD_ORDER = [
  'id', 'kind', 'type', 'url', 'source', 'title', 'planTitle', 'year', 'date', 'countries', 'locations', 'sdgs',
  ...TERM_PROPERTIES, 'stages', 'challengeType', 'focalPoints', 'tags',
  'frontMatter', 'language', 'languages', 'body', 'sections', 'assets', 'diagnostics'
]
const KNOWN = new Set(FIELD_ORDER)

/** Plain `<` comparison: locale-independent, so every machine sorts the same way. */
const byPath = (a: ArchiveRecord, b: ArchiveRecord): number => {
  const pa = a.source.path
  const pb = b.source.path
  if (pa !== pb) return pa < pb ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

function ordered(record: ArchiveRecord, url: string): Record<string, unknown> {
  const source: Record<string, unknown> = { ...(record as unknown as Record<string, unknown>), url }
  const out: Record<string, unknown> = {}
  for (const key of FIELD_ORDER) if (key in source) out[key] = source[key]
  // Fields added to the contract later still export, after the known ones, sorted.
  for (const key of Object.keys(source).filter((k) => !KNOWN.has(k)).sort()) out[key] = source[key]
  return out
}

const JSON_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' }

/**
 * JSON.stringify with `<`, `>`, `&` and the JS line separators written as \u escapes: the
 * parsed values are identical, but raw bodies (`<script>…` in Markdown) never appear as
 * markup if the file is sniffed as HTML or inlined in a page.
 */
function safeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => JSON_ESCAPES[c] ?? c)
}

/**
 * `records.json` piece by piece (`[`, one record per line, `]`), for writing to a stream.
 * @param records the records (any order: they are sorted by source path)
 * @param opts privacy option, and how to build each record's `url`
 */
export function* recordsJsonChunks(records: readonly ArchiveRecord[], opts: ExportOptions): Generator<string> {
  const sorted = [...records].sort(byPath)
  const urlOf = urlMaker(opts)
  yield '['
  for (let i = 0; i < sorted.length; i++) {
    const record = sorted[i]!
    yield `${i ? ',' : ''}\n${safeJson(ordered(publicRecord(record, opts.publishEmails), urlOf(record)))}`
  }
  yield sorted.length ? '\n]\n' : ']\n'
}

/**
 * All records as `records.json`: a JSON array in the `plan-archive parse` layout.
 * @param records the records (any order: they are sorted by source path)
 * @param opts privacy option
 * @returns the file's text
 */
export function recordsJson(records: readonly ArchiveRecord[], opts: ExportOptions): string {
  return [...recordsJsonChunks(records, opts)].join('')
}

/**
 * Characters that make Excel, LibreOffice or Google Sheets read a cell as a
 * formula (`=HYPERLINK(...)` in a tag value would become a live link, `=cmd|…`
 * worse); the full-width forms are included because some spreadsheets fold them.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * Guard one CSV cell against formula injection (OWASP): a leading apostrophe makes
 * spreadsheets show the text as text. Only strings are guarded; numbers we write
 * ourselves (years, coordinates like -23.2) are numbers, not formulas.
 */
export function csvSafeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value
}

const join = (values: readonly (string | number | null | undefined)[]): string =>
  values.filter((v) => v !== null && v !== undefined && v !== '').join('; ')

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)]

/** The CSV columns, in order: header name and how to read it from a (privacy-applied) record. */
type Column = [string, (r: ArchiveRecord, url: string) => string | number | null]
const COLUMNS: Column[] = [
  ['id', (r) => r.id],
  ['kind', (r) => r.kind],
  ['type', (r) => r.type],
  ['title', (r) => r.title],
  ['plan_title', (r) => (r.kind === 'learningplan' ? r.planTitle : null)],
  ['year', (r) => r.year],
  ['date', (r) => r.date],
  // A place inside a country shows as written with its country (`England (United Kingdom)`) and counts as that country.
  ['countries', (r) => join(r.countries.map(countryLabel))],
  ['iso3', (r) => join(unique(r.countries.map((c) => filedCountry(c)?.iso3)))],
  ['regions', (r) => join(unique(r.countries.map((c) => filedCountry(c)?.region)))],
  ['sdgs', (r) => join(unique(r.sdgs.map((s) => s.number)))],
  ...TERM_FIELDS.map((f): Column => [f.column, (r) => join(r[f.property].map((t) => t.value))]),
  ['stages', (r) => join(r.kind === 'learningplan' ? r.stages : [])],
  ['challenge_type', (r) => (r.kind === 'learningplan' ? r.challengeType : null)],
  ['language', (r) => r.language],
  ['focal_points', (r) => join(r.focalPoints)],
  // The first point as two numbers; every point in `locations`, as `(lat, lng)` pairs: a cell
  // starting with `-` would be read as a formula (and guarded with an apostrophe).
  ['latitude', (r) => r.locations[0]?.lat ?? null],
  ['longitude', (r) => r.locations[0]?.lng ?? null],
  ['locations', (r) => join(r.locations.map((l) => `(${l.lat}, ${l.lng})`))],
  ['path', (r) => r.source.path],
  ['url', (_r, url) => url]
]

/**
 * All records as `records.csv`: one row per record, multi-valued fields joined with `; `.
 * UTF-8 with a BOM (so spreadsheets read Arabic and accents right), CRLF rows (RFC 4180),
 * every text cell guarded against formula injection.
 * @param records the records (any order: they are sorted by source path)
 * @param opts privacy option, and how to build the `url` column
 * @returns the file's text
 */
export function recordsCsv(records: readonly ArchiveRecord[], opts: ExportOptions): string {
  const urlOf = urlMaker(opts)
  const rows = [...records].sort(byPath).map((record) => {
    const r = publicRecord(record, opts.publishEmails)
    const url = urlOf(record)
    return COLUMNS.map(([, read]) => read(r, url))
  })
  return stringify(rows, {
    header: true,
    columns: COLUMNS.map(([name]) => name),
    bom: true,
    record_delimiter: 'windows',
    cast: { string: csvSafeCell }
  })
}
