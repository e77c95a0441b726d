/**
 * Countries: a page per country (a place inside a country filed under it),
 * its records grouped by year, with a feed; the overview by region; and a page
 * per country value that resolved to no country, listed as written.
 */
import { filedCountry, type ArchiveRecord, type Country } from '../../records/types.ts'
import { slugOf, uniqueSlugs, urls } from '../urls.ts'
import { feedOf, type Feed } from './feeds.ts'
import { Buckets, listPages, type Bucket, type CountLink, type ListPage } from './list-page.ts'
import { compareText, type RecordLink, type RecordOrder } from './records.ts'

export interface CountryOverview {
  regions: Array<{ name: string; id: string; count: number; countries: Array<CountLink & { years: CountLink[] }> }>
  unresolved: CountLink[]
  resolvedCount: number
}

/** What the country family emits. */
export interface Countries {
  pages: ListPage[]
  feeds: Feed[]
  overview: CountryOverview
  /** For the map: records per resolved country, and each country's page. */
  counts: Map<string, number>
  urlByIso3: Map<string, string>
  /** The page of one country value of a record. */
  url(country: Country): string
}

const COUNTRY = { family: 'Country', familyTitle: 'Countries', familyUrl: urls.countries }
const UNRESOLVED = { family: 'Unresolved country value', familyTitle: 'Countries', familyUrl: `${urls.countries}#unresolved` }
const UNRESOLVED_INTRO = 'This country value did not match any country name or ISO code; it is listed as written.'

/** Country values grouped: resolved by ISO code (a place inside a country under that country), unresolved by folded raw value. */
function collect(records: readonly ArchiveRecord[]) {
  const resolved = new Buckets()
  const unresolved = new Buckets()
  const regionOf = new Map<string, string>()
  /** Per country: the places inside it that records name, with their record counts. */
  const placesIn = new Map<string, Buckets>()
  records.forEach((r, i) => {
    for (const c of r.countries) {
      const filed = filedCountry(c)
      if (filed) {
        resolved.add(filed.iso3, filed.name, i)
        regionOf.set(filed.iso3, filed.region ?? 'Other')
        if (c.within) {
          let places = placesIn.get(filed.iso3)
          if (!places) placesIn.set(filed.iso3, (places = new Buckets()))
          places.add(c.name.toLowerCase(), c.name, i)
        }
      } else if (c.raw.trim()) {
        unresolved.add(c.raw.trim().toLowerCase(), c.raw.trim(), i)
      }
    }
  })
  return { resolved: resolved.sorted(), unresolved: unresolved.sorted(), regionOf, placesIn }
}

/** The overview's anchor of a region (`Other` for a country with none). */
function regionId(region: string | null): string {
  return `region-${slugOf(region ?? 'Other')}`
}

/** Where a country's region is listed: its section of the countries overview. */
export function regionUrl(region: string | null): string {
  return `${urls.countries}#${regionId(region)}`
}

/** The regions of the overview by name, each with its countries (in the order added) and their years. */
type Regions = Map<string, CountryOverview['regions'][number]>

/** List a country page in its region of the overview, with a link to each of its years. */
function addToRegion(regions: Regions, region: string, page: ListPage): void {
  let reg = regions.get(region)
  if (!reg) regions.set(region, (reg = { name: region, id: regionId(region), count: 0, countries: [] }))
  reg.count += page.count
  reg.countries.push({ label: page.title, url: page.url, count: page.count, years: page.jump })
}

/** The pages of one resolved country: its region and the places inside it that records name, then its records by year. */
function countryPages(b: Bucket, region: string, places: Buckets | undefined, links: RecordLink[]): ListPage[] {
  const slug = b.key.toLowerCase()
  const named = places?.sorted().map((p) => `${p.label} (${p.members.length})`)
  const intro = `Region: ${region}.${named ? ` Includes the records tagged with places in ${b.label}: ${named.join(', ')}.` : ''}`
  return listPages(COUNTRY, urls.country(slug), b.label, links, { intro, feedUrl: urls.countryFeed(slug), search: { name: 'country', value: b.key } })
}

/**
 * The country family.
 * @param records the records, by index
 * @param order the records' links and order
 * @returns country pages then unresolved-value pages (each alphabetical), country feeds, the overview, the map's data, and the URL of a country value
 */
export function emitCountries(records: readonly ArchiveRecord[], order: RecordOrder): Countries {
  const { resolved, unresolved, regionOf, placesIn } = collect(records)
  const pages: ListPage[] = []
  const feeds: Feed[] = []
  const counts = new Map<string, number>()
  const urlByIso3 = new Map<string, string>()
  const regions: Regions = new Map()
  for (const b of resolved) {
    const region = regionOf.get(b.key) ?? 'Other'
    const links = order.linksOf(b.members)
    const parts = countryPages(b, region, placesIn.get(b.key), links)
    const page = parts[0]!
    urlByIso3.set(b.key, page.url)
    counts.set(b.key, page.count)
    pages.push(...parts)
    addToRegion(regions, region, page)
    // The feed follows the newest records, whatever their year.
    feeds.push(feedOf(page.feedUrl!, `Records about ${b.label}`, page.url, links))
  }
  const slugs = uniqueSlugs(unresolved, (b) => slugOf(b.key))
  const unresolvedUrls = new Map<string, string>()
  const unresolvedLinks: CountLink[] = []
  for (const b of unresolved) {
    const url = urls.unresolvedCountry(slugs.get(b)!)
    unresolvedUrls.set(b.key, url)
    unresolvedLinks.push({ label: b.label, url, count: b.members.length })
    pages.push(...listPages(UNRESOLVED, url, b.label, order.linksOf(b.members), { intro: UNRESOLVED_INTRO }))
  }
  const overview: CountryOverview = {
    regions: [...regions.values()].sort((a, b) => compareText(a.name, b.name)),
    unresolved: unresolvedLinks,
    resolvedCount: resolved.length
  }
  const url = (c: Country): string => {
    const filed = filedCountry(c)
    return filed ? urlByIso3.get(filed.iso3)! : unresolvedUrls.get(c.raw.trim().toLowerCase()) ?? `${urls.countries}#unresolved`
  }
  return { pages, feeds, overview, counts, urlByIso3, url }
}
