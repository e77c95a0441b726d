/**
 * The site's data: records from the corpus loader (parsed and rendered once,
 * in worker threads), turned into page views and derived lists. Eleventy gets
 * it as one global `archive` object.
 */
import { defaultConfig } from '../records/config.ts'
import type { ArchiveRecord } from '../records/types.ts'
import { SDG_GOALS, type SdgGoal } from '../records/normalize/sdgs.ts'
import { loadCorpus } from '../parse/load.ts'
import type { LoadResult } from '../parse/contract.ts'
import type { CountryOverview } from './emit/countries.ts'
import type { Feed } from './emit/feeds.ts'
import { emitHome, type Totals } from './emit/home.ts'
import type { CountLink, ListPage } from './emit/list-page.ts'
import { emitMap, type MapPage, type RenderMap } from './emit/map.ts'
import type { RecordLink } from './emit/records.ts'
import type { SdgOverview } from './emit/sdgs.ts'
import { emitSitemap } from './emit/sitemap.ts'
import type { FacetOverview } from './emit/terms.ts'
import { buildIndexes } from './indexes.ts'
import type { Paginated, RenderPlan } from './incremental.ts'
import { renderWorldMap } from './map.ts'
import type { SiteOptions } from './options.ts'
import { splitBaseUrl } from './options.ts'
import { recordPage, type RecordPage } from './record-view.ts'
import { recordSummaries } from './record-text.ts'
import { relatedRecords } from './related.ts'

/** The site as a whole: its title, its deployed URL and path prefix, and the privacy choice. */
export interface SiteInfo {
  title: string
  url: string | null
  pathPrefix: string
  publishEmails: boolean
}

/**
 * Everything the templates read. A class instance on purpose: Eleventy deep-
 * copies plain-object data into every paginated template, and only plain
 * objects are copied, so the thousands of records are shared by reference.
 */
export class Archive {
  readonly site: SiteInfo
  /** The record pages' views, by record index. */
  readonly records: RecordPage[]
  /** The records themselves, by path (for the exports, the search stage and the output mask). */
  readonly plain: ArchiveRecord[]
  readonly listPages: ListPage[]
  readonly facets: FacetOverview[]
  readonly countries: CountryOverview
  readonly sdgs: SdgOverview
  readonly years: CountLink[]
  readonly kinds: CountLink[]
  readonly feeds: Feed[]
  /** The home page's newest records. */
  readonly latest: RecordLink[]
  readonly totals: Totals
  readonly map: MapPage
  readonly sitemap: string[]
  readonly sdgGoals: readonly SdgGoal[]

  /**
   * What the paginated templates render: everything, unless an incremental
   * build (src/site/incremental.ts) narrows it to the pages that changed.
   */
  render: Paginated

  /** @param fields the site's data, by name (the object itself is not kept, only its fields). */
  constructor(fields: ArchiveFields) {
    this.site = fields.site
    this.records = fields.records
    this.plain = fields.plain
    this.listPages = fields.listPages
    this.facets = fields.facets
    this.countries = fields.countries
    this.sdgs = fields.sdgs
    this.years = fields.years
    this.kinds = fields.kinds
    this.feeds = fields.feeds
    this.latest = fields.latest
    this.totals = fields.totals
    this.map = fields.map
    this.sitemap = fields.sitemap
    this.sdgGoals = fields.sdgGoals
    this.render = { records: this.records, listPages: this.listPages, feeds: this.feeds, facets: this.facets }
  }
}

/** What `new Archive` takes: every field of the archive, by name, but the render plan (it starts as everything). */
export type ArchiveFields = Omit<Archive, 'render'>

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
    archive: archiveFrom(load, { baseUrl: options.baseUrl, publishEmails, renderMap: renderWorldMap, minTagRecords: config.minTagRecords }),
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

/**
 * Derive the site's data from loaded records (pure; used directly by tests): the
 * index families, the record pages, then the single pages built from them.
 * @param load the loaded corpus: records by path, with their rendered bodies
 * @param options the deployed base URL, the privacy choice, and how to draw the world map
 */
export function archiveFrom(
  load: LoadResult,
  options: { baseUrl: string | null; publishEmails: boolean; renderMap: RenderMap; minTagRecords?: number }
): Archive {
  const plain = load.records.map((r) => r.record)
  const summaries = recordSummaries(load.records, options.publishEmails)
  const indexes = buildIndexes(plain, { minTagRecords: options.minTagRecords ?? defaultConfig.minTagRecords, summaries })
  const related = relatedRecords(plain)
  const records = load.records.map((r, i) => recordPage(r.record, r.html ?? '', i, indexes, related[i]!, options.publishEmails))
  const { pathPrefix, siteUrl } = splitBaseUrl(options.baseUrl)
  const countries = indexes.countries.overview
  const sdgs = indexes.sdgs
  return new Archive({
    site: { title: 'Learning plan archive', url: siteUrl, pathPrefix, publishEmails: options.publishEmails },
    records,
    plain,
    listPages: indexes.listPages,
    facets: indexes.facets,
    countries,
    sdgs,
    years: indexes.years,
    kinds: indexes.kinds,
    feeds: indexes.feeds,
    ...emitHome(plain, indexes.order, countries, sdgs),
    map: emitMap(plain, indexes.order, indexes.countries, options.renderMap),
    sitemap: emitSitemap(indexes.facets, indexes.listPages, records),
    sdgGoals: SDG_GOALS
  })
}
