/**
 * The map page's data: the world map (drawn by ../map.ts, or a stand-in in
 * tests) with countries shaded by record count and every point the records
 * name, and the list of countries, each linking to its page, for readers without a
 * pointer. The list does not repeat every record (it made the page 2 MB on the corpus):
 * the country pages list them.
 */
import { filedCountry, type ArchiveRecord } from '../../records/types.ts'
import { urls } from '../urls.ts'
import type { Countries } from './countries.ts'
import type { CountLink } from './list-page.ts'
import type { RecordOrder } from './records.ts'

/** `renderWorldMap` of src/site/map.ts. */
export type RenderMap = (
  counts: Map<string, number>,
  points: Array<{ lat: number; lng: number; href: string; title: string; groupHref?: string }>,
  options?: { countryHref?(iso3: string): string }
) => string

export interface MapPage {
  svg: string
  /** Every country with records, by label, linking to its page. */
  countries: CountLink[]
  /** Records with a location. */
  located: number
  /** The distinct points they name, each drawn. */
  points: number
}

/**
 * The map page.
 * @param records the records, by index
 * @param order the records' links (each point links to its record's page)
 * @param countries what the country family emitted: counts, pages and the overview by region
 * @param renderMap draws the SVG
 * @returns the SVG, the countries by label (plain `<` order), and the counts of located records and points
 */
export function emitMap(records: readonly ArchiveRecord[], order: RecordOrder, countries: Countries, renderMap: RenderMap): MapPage {
  // A cluster of points links to the country page when its records share a country.
  const countryHref = (r: ArchiveRecord): string | undefined => {
    const iso3 = r.countries.map(filedCountry).find((c) => c)?.iso3
    return iso3 ? countries.urlByIso3.get(iso3) : undefined
  }
  const points = records.flatMap((r, i) => {
    const groupHref = countryHref(r)
    const link = order.links[i]!
    return r.locations.map((l) => ({ lat: l.lat, lng: l.lng, href: link.url, title: link.title, groupHref }))
  })
  const svg = renderMap(countries.counts, points, { countryHref: (iso3) => countries.urlByIso3.get(iso3) ?? urls.countries })
  const listed = countries.overview.regions.flatMap((region) => region.countries.map((c) => ({ label: c.label, url: c.url, count: c.count })))
  listed.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
  return { svg, countries: listed, located: records.filter((r) => r.locations.length > 0).length, points: points.length }
}
