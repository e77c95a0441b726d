/**
 * The site's data: records from the corpus loader (parsed and rendered once,
 * in worker threads), turned into page views and derived lists. Eleventy gets
 * it as one global `archive` object.
 */
import { filedCountry, type ArchiveRecord } from '../records/types.ts'
import { SDG_GOALS, type SdgGoal } from '../records/normalize/sdgs.ts'
import { loadCorpus } from '../parse/load.ts'
import type { LoadResult } from '../parse/contract.ts'
import { buildIndexes, type CountLink, type CountryOverview, type FacetOverview, type Feed, type ListPage, type RecordLink, type SdgOverview } from './indexes.ts'
import type { Paginated, RenderPlan } from './incremental.ts'
import { renderWorldMap } from './map.ts'
import type { SiteOptions } from './options.ts'
import { splitBaseUrl } from './options.ts'
import { recordPage, type RecordPage } from './record-view.ts'
import { relatedRecords } from './related.ts'
import { urls } from './urls.ts'

/** `renderWorldMap` of src/site/map.ts. */
export type RenderMap = (
  counts: Map<string, number>,
  points: Array<{ lat: number; lng: number; href: string; title: string; groupHref?: string }>,
  options?: { countryHref?(iso3: string): string }
) => string

export interface Totals {
  records: number
  countries: number
  unresolvedCountries: number
  sdgsCovered: number
  firstYear: number | null
  lastYear: number | null
}

export interface MapCountry extends CountLink {
  records: RecordLink[]
}

/**
 * Everything the templates read. A class instance on purpose: Eleventy deep-
 * copies plain-object data into every paginated template, and only plain
 * objects are copied, so the thousands of records are shared by reference.
 */
export class Archive {
  constructor(
    readonly site: { title: string; url: string | null; pathPrefix: string; publishEmails: boolean },
    readonly records: RecordPage[],
    readonly plain: ArchiveRecord[],
    readonly listPages: ListPage[],
    readonly facets: FacetOverview[],
    readonly countries: CountryOverview,
    readonly sdgs: SdgOverview,
    readonly years: CountLink[],
    readonly kinds: CountLink[],
    readonly feeds: Feed[],
    readonly latest: RecordLink[],
    readonly totals: Totals,
    /** `located`: records with a location; `points`: the distinct points they name, each drawn. */
    readonly map: { svg: string; countries: MapCountry[]; located: number; points: number },
    readonly sitemap: string[],
    readonly sdgGoals: readonly SdgGoal[]
  ) {
    this.render = { records, listPages, feeds, facets }
  }

  /**
   * What the paginated templates render: everything, unless an incremental
   * build (src/site/incremental.ts) narrows it to the pages that changed.
   */
  render: Paginated
}

/** One diagnostic of the build, for its summary: where, how bad, what. */
export interface Problem {
  /** Record path, relative to the content folder. */
  path: string
  line: number
  column: number
  severity: 'error' | 'warning'
  rule: string
  message: string
}

/** The corpus's diagnostics as the build reports them: counts, and the first few of the worst. */
export interface Problems {
  errors: number
  warnings: number
  /** The first errors, then the first warnings, by path: at most `FIRST_PROBLEMS`. */
  first: Problem[]
}

export const FIRST_PROBLEMS = 5

export interface LoadedArchive {
  archive: Archive
  load: LoadResult
  problems: Problems
  /** The incremental plan of this build, when the build asked for one. */
  plan?: RenderPlan
}

/** The render stage, which the parse threads load to render each body (src/parse never imports it). */
const RENDER_MODULE = new URL('../render/body.ts', import.meta.url).href

/** Pages that exist once, whatever the records (for the sitemap). */
const STATIC_PAGES = [urls.home, urls.search, urls.map, urls.kinds, urls.countries, urls.sdgs, urls.years, urls.tags]

/** Load the corpus and derive the whole site's data from it. */
export async function loadArchive(options: SiteOptions): Promise<LoadedArchive> {
  const config = options.config
  const publishEmails = options.publishEmails ?? config.publishEmails
  const load = await loadCorpus({
    contentDir: options.contentDir,
    cacheDir: options.cacheDir,
    // The effective choice (flag over config) reaches the renderer and the cache key.
    config: { ...config, publishEmails },
    workers: options.workers,
    renderModule: RENDER_MODULE,
    onProgress: options.onProgress,
    ...(options.parserModule ? { parserModule: options.parserModule } : {})
  })
  return {
    archive: archiveFrom(load, { baseUrl: options.baseUrl, publishEmails, renderMap: renderWorldMap }),
    load,
    problems: problemsOf(load)
  }
}

/** Count errors and warnings (records come sorted by path) and keep the first few of each. */
export function problemsOf(load: LoadResult): Problems {
  const found = { error: [] as Problem[], warning: [] as Problem[] }
  const counts = { error: 0, warning: 0 }
  for (const { record } of load.records) {
    for (const d of record.diagnostics) {
      if (d.severity === 'info') continue
      counts[d.severity]++
      if (found[d.severity].length < FIRST_PROBLEMS) {
        found[d.severity].push({ path: record.source.path, line: d.line, column: d.column, severity: d.severity, rule: d.rule, message: d.message })
      }
    }
  }
  return { errors: counts.error, warnings: counts.warning, first: [...found.error, ...found.warning].slice(0, FIRST_PROBLEMS) }
}

/** Derive the site's data from loaded records (pure; used directly by tests). */
export function archiveFrom(load: LoadResult, options: { baseUrl: string | null; publishEmails: boolean; renderMap: RenderMap }): Archive {
  const plain = load.records.map((r) => r.record)
  const indexes = buildIndexes(plain)
  const related = relatedRecords(plain)
  const pages = load.records.map((r, i) => recordPage(r.record, r.html ?? '', i, indexes, related[i]!, options.publishEmails))

  // Map: shaded countries, every distinct point of every record, and a list for readers without a pointer.
  // A cluster of points links to the country page when its records share a country.
  const countryHref = (r: ArchiveRecord): string | undefined => {
    const iso3 = r.countries.map(filedCountry).find((c) => c)?.iso3
    return iso3 ? indexes.countryUrlByIso3.get(iso3) : undefined
  }
  const points = plain.flatMap((r, i) => {
    const groupHref = countryHref(r)
    return r.locations.map((l) => ({ lat: l.lat, lng: l.lng, href: pages[i]!.url, title: pages[i]!.title, groupHref }))
  })
  const svg = options.renderMap(indexes.countryCounts, points, { countryHref: (iso3) => indexes.countryUrlByIso3.get(iso3) ?? urls.countries })
  const pageByUrl = new Map(indexes.listPages.map((p) => [p.url, p]))
  const mapCountries: MapCountry[] = []
  for (const region of indexes.countries.regions) {
    for (const c of region.countries) {
      const page = pageByUrl.get(c.url)
      mapCountries.push({ ...c, records: page ? page.groups.flatMap((g) => g.records) : [] })
    }
  }
  mapCountries.sort((a, b) => (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))

  const years = plain.map((r) => r.year).filter((y): y is number => y !== null)
  const totals: Totals = {
    records: plain.length,
    countries: indexes.countries.resolvedCount,
    unresolvedCountries: indexes.countries.unresolved.length,
    sdgsCovered: indexes.sdgs.goals.filter((g) => g.count > 0).length,
    firstYear: years.length ? years.reduce((a, b) => Math.min(a, b)) : null,
    lastYear: years.length ? years.reduce((a, b) => Math.max(a, b)) : null
  }
  const sitemap = [...STATIC_PAGES, ...indexes.facets.map((f) => f.url), ...indexes.listPages.map((p) => p.url), ...pages.map((p) => p.url)]
  const uniqueSitemap = [...new Set(sitemap)].sort()
  const { pathPrefix, siteUrl } = splitBaseUrl(options.baseUrl)
  return new Archive(
    { title: 'Learning plan archive', url: siteUrl, pathPrefix, publishEmails: options.publishEmails },
    pages,
    plain,
    indexes.listPages,
    indexes.facets,
    indexes.countries,
    indexes.sdgs,
    indexes.years,
    indexes.kinds,
    indexes.feeds,
    indexes.newestFirst.slice(0, 10).map((i) => indexes.recordLinks[i]!),
    totals,
    { svg, countries: mapCountries, located: plain.filter((r) => r.locations.length > 0).length, points: points.length },
    uniqueSitemap,
    SDG_GOALS
  )
}
