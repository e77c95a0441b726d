/** Years: a page per year of the records, newest first, `Year unknown` last. */
import type { ArchiveRecord } from '../../records/types.ts'
import { urls } from '../urls.ts'
import { listPages, type CountLink, type ListPage } from './list-page.ts'
import type { RecordOrder } from './records.ts'

const YEAR = { family: 'Year', familyTitle: 'Years', familyUrl: urls.years }

/**
 * The year family.
 * @param records the records, by index
 * @param order the records' links and order
 * @returns the year pages and the overview's links, both newest first
 */
export function emitYears(records: readonly ArchiveRecord[], order: RecordOrder): { pages: ListPage[]; overview: CountLink[] } {
  const buckets = new Map<number | null, number[]>()
  records.forEach((r, i) => {
    let list = buckets.get(r.year)
    if (!list) buckets.set(r.year, (list = []))
    list.push(i)
  })
  const years = [...buckets.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a))
  const pages: ListPage[] = []
  const overview: CountLink[] = []
  for (const y of years) {
    const label = y === null ? 'Year unknown' : String(y)
    const members = buckets.get(y)!
    overview.push({ label, url: urls.year(y), count: members.length })
    pages.push(...listPages(YEAR, urls.year(y), label, order.linksOf(members), { byYear: false, search: y === null ? null : { name: 'year', value: String(y) } }))
  }
  return { pages, overview }
}
