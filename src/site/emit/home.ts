/** The home page's data: the newest records and the archive's totals. */
import type { ArchiveRecord } from '../../records/types.ts'
import type { CountryOverview } from './countries.ts'
import type { RecordLink, RecordOrder } from './records.ts'
import type { SdgOverview } from './sdgs.ts'

export interface Totals {
  records: number
  countries: number
  unresolvedCountries: number
  sdgsCovered: number
  firstYear: number | null
  lastYear: number | null
}

const LATEST = 10

/**
 * The home page.
 * @param records the records
 * @param order the records' links and order
 * @param countries the country overview; `sdgs` the SDG overview (their totals are counted there)
 * @returns the newest records, and the totals
 */
export function emitHome(records: readonly ArchiveRecord[], order: RecordOrder, countries: CountryOverview, sdgs: SdgOverview): { latest: RecordLink[]; totals: Totals } {
  const years = records.map((r) => r.year).filter((y): y is number => y !== null)
  const totals: Totals = {
    records: records.length,
    countries: countries.resolvedCount,
    unresolvedCountries: countries.unresolved.length,
    sdgsCovered: sdgs.goals.filter((g) => g.count > 0).length,
    firstYear: years.length ? years.reduce((a, b) => Math.min(a, b)) : null,
    lastYear: years.length ? years.reduce((a, b) => Math.max(a, b)) : null
  }
  return { latest: order.newestFirst.slice(0, LATEST).map((i) => order.links[i]!), totals }
}
