/**
 * Derived lists for the site, computed once from the records: one entry per
 * index page (tag values, countries, SDGs, years, kinds, stages), the overview
 * pages, feeds, the sitemap and the home page. Templates paginate over these
 * lists (`size: 1`), never over Eleventy's own `tags`.
 */
import { SDG_GOALS, type SdgGoal } from '../records/normalize/sdgs.ts'
import { countryLabel, filedCountry, type ArchiveRecord, type Term } from '../records/types.ts'
import { kindLabel, kindSegment, kindSingular, slugOf, uniqueSlugs, urls } from './urls.ts'

/** A link with a count, as listed on overview pages. */
export interface CountLink {
  label: string
  url: string
  count: number
}

/** One record as it appears in lists (small: shared by every list that holds it). */
export interface RecordLink {
  url: string
  title: string
  kind: string
  kindLabel: string
  year: number | null
  /** Country names, joined; a place inside a country with it: `England (United Kingdom)`. */
  place: string
  /** Sort key: ISO date or year, '' when undated. */
  dateKey: string
}

export interface RecordGroup {
  heading: string
  id: string
  records: RecordLink[]
}

/** One index page: the records carrying one value (a method, a country, an SDG, a year…). */
export interface ListPage {
  url: string
  title: string
  /** Family label (`Method`, `Country`, …) and its overview page. */
  family: string
  familyTitle: string
  familyUrl: string
  count: number
  /** Records by group (countries by year); a single unnamed group elsewhere. */
  groups: RecordGroup[]
  intro: string | null
  feedUrl: string | null
  sdg: SdgGoal | null
}

/** Overview of one tag family (methods, data sources, thematic areas, stages, challenge types). */
export interface FacetOverview {
  url: string
  title: string
  singular: string
  intro: string
  byCount: CountLink[]
  alphabetical: CountLink[]
}

export interface CountryOverview {
  regions: Array<{ name: string; id: string; count: number; countries: Array<CountLink & { years: CountLink[] }> }>
  unresolved: CountLink[]
  resolvedCount: number
}

export interface SdgOverview {
  goals: Array<{ goal: SdgGoal; url: string; count: number }>
  /** SDG values that did not resolve to a goal, with their records. */
  unrecognised: Array<{ raw: string; records: RecordLink[] }>
}

export interface FeedEntry {
  title: string
  url: string
  /** RFC 3339 timestamp. */
  updated: string
  summary: string
}

export interface Feed {
  url: string
  title: string
  /** The HTML page the feed follows. */
  pageUrl: string
  updated: string
  entries: FeedEntry[]
}

/** How values of one record link to their index pages (used by record pages). */
export interface ValueUrls {
  country(record: ArchiveRecord, index: number): string
  term(family: TermFamily, key: string): string
  year(year: number | null): string
  stage(value: string): string
  challengeType(value: string): string
  regionUrl(region: string | null): string
}

export type TermFamily = 'methods' | 'datasources' | 'thematicAreas'

export interface Indexes {
  recordLinks: RecordLink[]
  /** Record indexes, newest first. */
  newestFirst: number[]
  listPages: ListPage[]
  facets: FacetOverview[]
  countries: CountryOverview
  sdgs: SdgOverview
  years: CountLink[]
  kinds: CountLink[]
  feeds: Feed[]
  valueUrls: ValueUrls
  /** Map data: records per resolved country and located records. */
  countryCounts: Map<string, number>
  countryUrlByIso3: Map<string, string>
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true })
/** Locale order with a code-unit tie-break, so equal-looking values still sort the same way every time. */
export function compareText(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0)
}

const FEED_SIZE = 50

/** The date a record sorts and syndicates by: its date, else 1 January of its year, else ''. */
export function dateKey(record: ArchiveRecord): string {
  if (record.date) return record.date
  if (record.year !== null) return `${String(record.year).padStart(4, '0')}-01-01`
  return ''
}

function rfc3339(key: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(key)) return `${key}T00:00:00Z`
  const d = new Date(key)
  return Number.isNaN(d.getTime()) ? `${key.slice(0, 10)}T00:00:00Z` : d.toISOString()
}

function recordTitle(record: ArchiveRecord): string {
  return record.title.trim() || record.id
}

/** Pick the display label of a grouped term: the most used spelling, then alphabetical. */
function dominantLabel(spellings: Map<string, number>): string {
  let best = ''
  let bestCount = -1
  for (const [label, count] of spellings) {
    if (count > bestCount || (count === bestCount && compareText(label, best) < 0)) {
      best = label
      bestCount = count
    }
  }
  return best
}

interface Bucket {
  key: string
  label: string
  members: number[]
  spellings: Map<string, number>
}

/** Group record indexes by key, remembering each key's spellings. */
class Buckets {
  readonly map = new Map<string, Bucket>()
  add(key: string, label: string, index: number): void {
    let b = this.map.get(key)
    if (!b) this.map.set(key, (b = { key, label, members: [], spellings: new Map() }))
    // A record counts once per value even if it repeats it.
    if (b.members[b.members.length - 1] !== index) b.members.push(index)
    b.spellings.set(label, (b.spellings.get(label) ?? 0) + 1)
  }
  /** Buckets with their final labels, alphabetical. */
  sorted(): Bucket[] {
    const list = [...this.map.values()]
    for (const b of list) b.label = dominantLabel(b.spellings)
    return list.sort((a, b) => compareText(a.label, b.label) || compareText(a.key, b.key))
  }
}

function byCountThenLabel(a: CountLink, b: CountLink): number {
  return b.count - a.count || compareText(a.label, b.label)
}

const FAMILIES: Array<{ family: TermFamily; segment: string; title: string; singular: string; intro: string }> = [
  { family: 'methods', segment: 'methods', title: 'Methods', singular: 'Method', intro: 'Methods the teams used, grouped by spelling-folded value.' },
  { family: 'datasources', segment: 'datasources', title: 'Data sources', singular: 'Data source', intro: 'Sources of data the records name, grouped by spelling-folded value.' },
  { family: 'thematicAreas', segment: 'thematic-areas', title: 'Thematic areas', singular: 'Thematic area', intro: 'Themes the records are tagged with, grouped by spelling-folded value.' }
]

/** Compute every derived list of the site from the records (sorted by path, as the loader returns them). */
export function buildIndexes(records: readonly ArchiveRecord[]): Indexes {
  const recordLinks: RecordLink[] = records.map((r) => ({
    url: urls.record(r.kind, r.id),
    title: recordTitle(r),
    kind: r.kind,
    kindLabel: kindSingular(r.kind),
    year: r.year,
    place: r.countries.map(countryLabel).join(', '),
    dateKey: dateKey(r)
  }))
  // Newest first; undated last; then title and path order.
  const newestFirst = records
    .map((_, i) => i)
    .sort((a, b) => {
      const ka = recordLinks[a]!.dateKey
      const kb = recordLinks[b]!.dateKey
      if (ka !== kb) return ka < kb ? 1 : -1
      return compareText(recordLinks[a]!.title, recordLinks[b]!.title) || a - b
    })
  const rank = new Int32Array(records.length)
  newestFirst.forEach((index, position) => (rank[index] = position))
  const linksOf = (members: number[]): RecordLink[] =>
    [...members].sort((a, b) => rank[a]! - rank[b]!).map((i) => recordLinks[i]!)

  const listPages: ListPage[] = []
  const facets: FacetOverview[] = []

  /** One page per value of a family (bucketed by key) plus its overview, by count and alphabetically. */
  const addFamily = (
    family: { segment: string; title: string; singular: string; intro: string },
    values: (r: ArchiveRecord) => Array<{ key: string; label: string }>,
    urlOfKey: Map<string, string>,
    mapKey: (key: string) => string = (key) => key
  ): void => {
    const buckets = new Buckets()
    records.forEach((r, i) => {
      for (const v of values(r)) buckets.add(v.key, v.label, i)
    })
    const sorted = buckets.sorted()
    const slugs = uniqueSlugs(sorted, (b) => slugOf(b.key))
    const links: CountLink[] = []
    for (const b of sorted) {
      const url = urls.term(family.segment, slugs.get(b)!)
      urlOfKey.set(mapKey(b.key), url)
      links.push({ label: b.label, url, count: b.members.length })
      listPages.push({
        url, title: b.label, family: family.singular, familyTitle: family.title, familyUrl: urls.family(family.segment),
        count: b.members.length, groups: [{ heading: '', id: 'records', records: linksOf(b.members) }],
        intro: null, feedUrl: null, sdg: null
      })
    }
    facets.push({ url: urls.family(family.segment), title: family.title, singular: family.singular, intro: family.intro, byCount: [...links].sort(byCountThenLabel), alphabetical: links })
  }

  // Tag families: methods, data sources, thematic areas.
  const termUrls = new Map<string, string>()
  for (const f of FAMILIES) {
    addFamily(f, (r) => (r[f.family] as Term[]).map((t) => ({ key: t.key, label: t.value })), termUrls, (key) => `${f.family}\u0000${key}`)
  }

  // Learning stages and challenge types: small closed families, same page shape.
  const stageUrls = new Map<string, string>()
  const challengeUrls = new Map<string, string>()
  const asValues = (list: string[]) => list.map((v) => ({ key: v, label: v }))
  addFamily(
    { segment: 'stages', title: 'Learning stages', singular: 'Learning stage', intro: 'Learning plans by the stage of their learning cycle.' },
    (r) => asValues('stages' in r && Array.isArray(r.stages) ? (r.stages as string[]) : []),
    stageUrls
  )
  addFamily(
    { segment: 'challenge-types', title: 'Challenge types', singular: 'Challenge type', intro: 'Learning plans by challenge type: the big bet or an exploratory challenge.' },
    (r) => asValues('challengeType' in r && typeof r.challengeType === 'string' ? [r.challengeType] : []),
    challengeUrls
  )

  // Countries: resolved by ISO code (a place inside a country under that country), unresolved by folded raw value.
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
  const countryUrlByIso3 = new Map<string, string>()
  const countryFeedByIso3 = new Map<string, string>()
  const countryCounts = new Map<string, number>()
  const regions = new Map<string, CountryOverview['regions'][number]>()
  const feeds: Feed[] = []
  const resolvedSorted = resolved.sorted()
  for (const b of resolvedSorted) {
    const slug = b.key.toLowerCase()
    const url = urls.country(slug)
    countryUrlByIso3.set(b.key, url)
    countryFeedByIso3.set(b.key, urls.countryFeed(slug))
    countryCounts.set(b.key, b.members.length)
    const links = linksOf(b.members)
    // Group by year, newest first, unknown last.
    const byYear = new Map<string, RecordLink[]>()
    for (const l of links) {
      const y = l.year === null ? 'unknown' : String(l.year)
      let list = byYear.get(y)
      if (!list) byYear.set(y, (list = []))
      list.push(l)
    }
    const yearKeys = [...byYear.keys()].sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : Number(b) - Number(a)))
    const groups = yearKeys.map((y) => ({ heading: y === 'unknown' ? 'Year unknown' : y, id: `year-${y}`, records: byYear.get(y)! }))
    const region = regionOf.get(b.key) ?? 'Other'
    const places = placesIn.get(b.key)?.sorted().map((p) => `${p.label} (${p.members.length})`)
    const intro = `Region: ${region}.${places ? ` Includes the records tagged with places in ${b.label}: ${places.join(', ')}.` : ''}`
    listPages.push({
      url, title: b.label, family: 'Country', familyTitle: 'Countries', familyUrl: urls.countries,
      count: b.members.length, groups, intro, feedUrl: urls.countryFeed(slug), sdg: null
    })
    let reg = regions.get(region)
    if (!reg) regions.set(region, (reg = { name: region, id: `region-${slugOf(region)}`, count: 0, countries: [] }))
    reg.count += b.members.length
    reg.countries.push({ label: b.label, url, count: b.members.length, years: groups.map((g) => ({ label: g.heading, url: `${url}#${g.id}`, count: g.records.length })) })
    feeds.push(makeFeed(urls.countryFeed(slug), `Records about ${b.label}`, url, links))
  }
  const unresolvedSorted = unresolved.sorted()
  const unresolvedSlugs = uniqueSlugs(unresolvedSorted, (b) => slugOf(b.key))
  const unresolvedUrls = new Map<string, string>()
  const unresolvedLinks: CountLink[] = []
  for (const b of unresolvedSorted) {
    const url = urls.unresolvedCountry(unresolvedSlugs.get(b)!)
    unresolvedUrls.set(b.key, url)
    unresolvedLinks.push({ label: b.label, url, count: b.members.length })
    listPages.push({
      url, title: b.label, family: 'Unresolved country value', familyTitle: 'Countries', familyUrl: `${urls.countries}#unresolved`,
      count: b.members.length, groups: [{ heading: '', id: 'records', records: linksOf(b.members) }],
      intro: 'This country value did not match any country name or ISO code; it is listed as written.', feedUrl: null, sdg: null
    })
  }
  const countries: CountryOverview = {
    regions: [...regions.values()].sort((a, b) => compareText(a.name, b.name)),
    unresolved: unresolvedLinks,
    resolvedCount: resolvedSorted.length
  }

  // SDGs: all 17, zero included; values that did not resolve are listed on the overview.
  const sdgMembers: number[][] = SDG_GOALS.map(() => [])
  const unrecognised = new Map<string, number[]>()
  records.forEach((r, i) => {
    for (const s of r.sdgs) {
      if (s.number !== null) {
        const list = sdgMembers[s.number - 1]!
        if (list[list.length - 1] !== i) list.push(i)
      } else if (s.raw.trim()) {
        const raw = s.raw.trim()
        let list = unrecognised.get(raw)
        if (!list) unrecognised.set(raw, (list = []))
        if (list[list.length - 1] !== i) list.push(i)
      }
    }
  })
  const sdgs: SdgOverview = {
    goals: SDG_GOALS.map((goal, k) => ({ goal, url: urls.sdg(goal.number), count: sdgMembers[k]!.length })),
    unrecognised: [...unrecognised.entries()].sort((a, b) => compareText(a[0], b[0])).map(([raw, m]) => ({ raw, records: linksOf(m) }))
  }
  SDG_GOALS.forEach((goal, k) => {
    const links = linksOf(sdgMembers[k]!)
    listPages.push({
      url: urls.sdg(goal.number), title: `Goal ${goal.number}: ${goal.name}`, family: 'Sustainable Development Goal', familyTitle: 'SDGs', familyUrl: urls.sdgs,
      count: links.length, groups: [{ heading: '', id: 'records', records: links }], intro: null, feedUrl: urls.sdgFeed(goal.number), sdg: goal
    })
    feeds.push(makeFeed(urls.sdgFeed(goal.number), `Records on SDG ${goal.number}: ${goal.name}`, urls.sdg(goal.number), links))
  })

  // Years, newest first, unknown last.
  const yearBuckets = new Map<number | null, number[]>()
  records.forEach((r, i) => {
    let list = yearBuckets.get(r.year)
    if (!list) yearBuckets.set(r.year, (list = []))
    list.push(i)
  })
  const yearKeys = [...yearBuckets.keys()].sort((a, b) => (a === null ? 1 : b === null ? -1 : b - a))
  const years: CountLink[] = []
  for (const y of yearKeys) {
    const label = y === null ? 'Year unknown' : String(y)
    const members = yearBuckets.get(y)!
    years.push({ label, url: urls.year(y), count: members.length })
    listPages.push({
      url: urls.year(y), title: label, family: 'Year', familyTitle: 'Years', familyUrl: urls.years,
      count: members.length, groups: [{ heading: '', id: 'records', records: linksOf(members) }], intro: null, feedUrl: null, sdg: null
    })
  }

  // Kinds: learning plans, framework pages, then other types alphabetically.
  const kindBuckets = new Map<string, number[]>()
  records.forEach((r, i) => {
    let list = kindBuckets.get(r.kind)
    if (!list) kindBuckets.set(r.kind, (list = []))
    list.push(i)
  })
  const kindOrder = (k: string): number => (k === 'learningplan' ? 0 : k === 'framework' ? 1 : 2)
  const kindKeys = [...kindBuckets.keys()].sort((a, b) => kindOrder(a) - kindOrder(b) || compareText(a, b))
  const kinds: CountLink[] = []
  const seenKindUrls = new Set<string>()
  for (const k of kindKeys) {
    const url = urls.kind(k)
    const members = kindBuckets.get(k)!
    kinds.push({ label: kindLabel(k), url, count: members.length })
    // Two raw kinds folding to one segment share a page; the first wins the URL, the rest join it.
    if (seenKindUrls.has(url)) {
      const page = listPages.find((p) => p.url === url)!
      page.groups[0]!.records.push(...linksOf(members))
      page.count += members.length
      continue
    }
    seenKindUrls.add(url)
    listPages.push({
      url, title: kindLabel(k), family: 'Record type', familyTitle: 'Record types', familyUrl: urls.kinds,
      count: members.length, groups: [{ heading: '', id: 'records', records: linksOf(members) }], intro: null, feedUrl: null, sdg: null
    })
  }

  feeds.unshift(makeFeed(urls.feed, 'Learning plan archive: all records', urls.home, newestFirst.map((i) => recordLinks[i]!)))

  const valueUrls: ValueUrls = {
    country: (r, k) => {
      const c = r.countries[k]!
      const filed = filedCountry(c)
      return filed ? countryUrlByIso3.get(filed.iso3)! : unresolvedUrls.get(c.raw.trim().toLowerCase()) ?? `${urls.countries}#unresolved`
    },
    term: (family, key) => termUrls.get(`${family}\u0000${key}`) ?? urls.family(FAMILIES.find((f) => f.family === family)!.segment),
    year: (y) => urls.year(y),
    stage: (v) => stageUrls.get(v) ?? urls.family('stages'),
    challengeType: (v) => challengeUrls.get(v) ?? urls.family('challenge-types'),
    regionUrl: (region) => `${urls.countries}#region-${slugOf(region ?? 'Other')}`
  }

  listPages.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  feeds.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0))
  return { recordLinks, newestFirst, listPages, facets, countries, sdgs, years, kinds, feeds, valueUrls, countryCounts, countryUrlByIso3 }
}

/** A feed over records already sorted newest first; undated records are left out (they are never "new"). */
function makeFeed(url: string, title: string, pageUrl: string, newest: RecordLink[]): Feed {
  const entries: FeedEntry[] = []
  for (const l of newest) {
    if (entries.length >= FEED_SIZE) break
    if (!l.dateKey) continue
    entries.push({
      title: l.title,
      url: l.url,
      updated: rfc3339(l.dateKey),
      summary: [l.kindLabel, l.place, l.year === null ? '' : String(l.year)].filter(Boolean).join(' · ')
    })
  }
  const updated = entries.reduce((max, e) => (e.updated > max ? e.updated : max), '1970-01-01T00:00:00Z')
  return { url, title, pageUrl, updated, entries }
}

export { kindSegment }
