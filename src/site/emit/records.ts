/**
 * Records as every list shows them: one small link per record, shared by all
 * the lists that hold it, and the site's one order, newest first.
 */
import { countryLabel, type ArchiveRecord } from '../../records/types.ts'
import { typeLabel } from '../../records/kind.ts'
import { urls } from '../urls.ts'

/** One record as it appears in lists (small: shared by every list that holds it). */
export interface RecordLink {
  url: string
  title: string
  /** The record's type (`solution`), and its label. */
  type: string
  kindLabel: string
  year: number | null
  /** Country names, joined; a place inside a country with it: `England (United Kingdom)`. */
  place: string
  /** Sort key: ISO date or year, '' when undated. */
  dateKey: string
  /** One line about the record (the plan's first answer, the page's description); null when it has none. */
  summary: string | null
}

/** The records' links and their order, which every index family lists its records in. */
export interface RecordOrder {
  /** One link per record, by record index. */
  links: RecordLink[]
  /** Record indexes, newest first; undated last; then title and path order. */
  newestFirst: number[]
  /** The links of some records (by index), newest first. */
  linksOf(members: readonly number[]): RecordLink[]
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })
/** Locale order with a code-unit tie-break, so equal-looking values still sort the same way every time. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

/** The date a record sorts and syndicates by: its date, else 1 January of its year, else ''. */
export function dateKey(record: ArchiveRecord): string {
  if (record.date) return record.date
  if (record.year !== null) return `${String(record.year).padStart(4, '0')}-01-01`
  return ''
}

function recordTitle(record: ArchiveRecord): string {
  return record.title.trim() || record.id
}

/**
 * Link every record and order them newest first.
 * @param records the records, sorted by path (as the loader returns them)
 * @param summaries each record's one line, by index (none when not given)
 * @returns the links by record index, the newest-first order, and a way to list any subset in it
 */
export function recordOrder(records: readonly ArchiveRecord[], summaries: ReadonlyArray<string | null> = []): RecordOrder {
  const links: RecordLink[] = records.map((r, i) => ({
    url: urls.record(r.type, r.id),
    title: recordTitle(r),
    type: r.type,
    kindLabel: typeLabel(r.type),
    year: r.year,
    place: r.countries.map(countryLabel).join(', '),
    dateKey: dateKey(r),
    summary: summaries[i] ?? null
  }))
  const newestFirst = records
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = links[a]!.dateKey
      const kb = links[b]!.dateKey
      if (ka !== kb) return ka < kb ? 1 : -1
      return compareText(links[a]!.title, links[b]!.title) || a - b
    })
  const rank = new Int32Array(records.length)
  newestFirst.forEach((index, position) => (rank[index] = position))
  const linksOf = (members: readonly number[]): RecordLink[] =>
    [...members].sort((a, b) => rank[a]! - rank[b]!).map((i) => links[i]!)
  return { links, newestFirst, linksOf }
}
