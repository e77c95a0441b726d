/**
 * Derived lists for the site, computed once from the records: one entry per
 * index page (tag values, countries, SDGs, years, kinds, stages), the overview
 * pages and the feeds. Templates paginate over these lists (`size: 1`), never
 * over Eleventy's own `tags`.
 *
 * Each index family is one emitter under ./emit/, returning its pages from the
 * records and their shared order; this module only lists them, in a fixed order.
 * The single pages (home, map, sitemap) are emitted by `archiveFrom` (data.ts),
 * from these lists and the record pages.
 */
import type { ArchiveRecord } from '../records/types.ts'
import { emitCountries, regionUrl, type Countries } from './emit/countries.ts'
import { siteFeed, type Feed } from './emit/feeds.ts'
import { emitKinds } from './emit/kinds.ts'
import { byUrl, type CountLink, type ListPage } from './emit/list-page.ts'
import { recordOrder, type RecordOrder } from './emit/records.ts'
import { emitSdgs, type SdgOverview } from './emit/sdgs.ts'
import { emitStages } from './emit/stages.ts'
import { emitTerms, type FacetOverview, type TermFamily } from './emit/terms.ts'
import { emitYears } from './emit/years.ts'
import { urls } from './urls.ts'

/** How values of one record link to their index pages (used by record pages). */
export interface ValueUrls {
  country(record: ArchiveRecord, index: number): string
  term(family: TermFamily, key: string): string
  year(year: number | null): string
  stage(value: string): string
  challengeType(value: string): string
  regionUrl(region: string | null): string
}

export interface Indexes {
  /** Every record's link, and the records newest first. */
  order: RecordOrder
  /** Every family's list pages, by URL. */
  listPages: ListPage[]
  /** The tag families' overviews: methods, data sources, thematic areas, stages, challenge types. */
  facets: FacetOverview[]
  /** The country family: its overview, and the counts and pages the map shades and links. */
  countries: Countries
  sdgs: SdgOverview
  years: CountLink[]
  kinds: CountLink[]
  /** The archive's feed, and each country's and goal's, by URL. */
  feeds: Feed[]
  valueUrls: ValueUrls
}

/**
 * Compute every index family of the site from the records.
 * @param records the records, sorted by path (as the loader returns them)
 * @param options the config's `minTagRecords`; each record's one-line summary (recordSummaries), by index
 * @returns the families' pages, overviews and feeds, and the URL of each value a record page links
 */
export function buildIndexes(
  records: readonly ArchiveRecord[],
  options: { minTagRecords?: number; summaries?: ReadonlyArray<string | null> } = {}
): Indexes {
  const order = recordOrder(records, options.summaries)
  const terms = emitTerms(records, order, options.minTagRecords)
  const stages = emitStages(records, order)
  const countries = emitCountries(records, order)
  const sdgs = emitSdgs(records, order)
  const years = emitYears(records, order)
  const kinds = emitKinds(records, order)
  // A stable sort: were two URLs equal, the families' order above would decide.
  const listPages = [...terms.pages, ...stages.pages, ...countries.pages, ...sdgs.pages, ...years.pages, ...kinds.pages].sort(byUrl)
  const feeds = [siteFeed(order), ...countries.feeds, ...sdgs.feeds].sort(byUrl)
  const valueUrls: ValueUrls = {
    country: (record, k) => countries.url(record.countries[k]!),
    term: terms.url,
    year: (year) => urls.year(year),
    stage: stages.stage,
    challengeType: stages.challengeType,
    regionUrl
  }
  return {
    order, listPages, facets: [...terms.facets, ...stages.facets], countries,
    sdgs: sdgs.overview, years: years.overview, kinds: kinds.overview, feeds, valueUrls
  }
}
