/**
 * What every index family emits: one list per value (a method, a country,
 * an SDG, a year…), its records by year and cut into pages, and count links
 * for its overview, with the grouping of records by value that the tag
 * families and countries share.
 */
import type { SdgGoal } from '../../records/normalize/sdgs.ts'
import { urls } from '../urls.ts'
import { compareText, type RecordLink } from './records.ts'

/** A link with a count, as listed on overview pages. */
export interface CountLink {
  label: string
  url: string
  count: number
}

/** Records per page of a list: 100 one-line items stay far below the 400 kB a list page may weigh. */
export const LIST_PAGE_SIZE = 100

/** Records of one year (or one unnamed group) on one page of a list. */
export interface RecordGroup {
  /** `2023`, `Year unknown`; '' for the single group of an ungrouped list. */
  heading: string
  id: string
  /** This page's records of the group. */
  records: RecordLink[]
  /** Records of the group in the whole list (a group can run over two pages). */
  count: number
  /** True on the pages after the one where the group starts. */
  continued: boolean
}

/** Where a page sits in its list: its number, the page count, and links to the others. */
export interface ListPart {
  number: number
  of: number
  prev: string | null
  next: string | null
  /** Every page of the list, in order. */
  pages: Array<{ number: number; url: string }>
}

/** One page of an index list: (part of) the records carrying one value (a method, a country, an SDG, a year…). */
export interface ListPage {
  url: string
  title: string
  /** Family label (`Method`, `Country`, …) and its overview page. */
  family: string
  familyTitle: string
  familyUrl: string
  /** Records in the whole list (all its pages). */
  count: number
  /** This page's records, by year (a single unnamed group for a year's own list). */
  groups: RecordGroup[]
  /** Every year of the whole list, linked on the page where it starts (empty for an ungrouped list). */
  jump: CountLink[]
  part: ListPart
  intro: string | null
  feedUrl: string | null
  sdg: SdgGoal | null
  /** Values of the same family that most records of this page also carry (tag pages). */
  related: CountLink[]
  /** The search page filtered to this list's records, when the value is a search filter. */
  searchUrl: string | null
}

/** The family a list page belongs to: its label (`Method`), its overview's title and URL. */
export type Family = Pick<ListPage, 'family' | 'familyTitle' | 'familyUrl'>

/** What a list may add to its records: an intro, its feed, its goal, related values, its search filter; and whether to group by year. */
export interface ListExtras {
  intro?: string | null
  feedUrl?: string | null
  sdg?: SdgGoal | null
  related?: CountLink[]
  /** The search filter that selects exactly these records (`{ name: 'country', value: 'PER' }`). */
  search?: { name: string; value: string } | null
  /** Group by year (default); false for a list that is one year already. */
  byYear?: boolean
}

/** Records (newest first) by year, newest first, unknown last; one group per year. */
function yearGroups(records: readonly RecordLink[]): Array<{ heading: string; id: string; records: RecordLink[] }> {
  const groups = new Map<string, RecordLink[]>()
  for (const r of records) {
    const y = r.year === null ? 'unknown' : String(r.year)
    let list = groups.get(y)
    if (!list) groups.set(y, (list = []))
    list.push(r)
  }
  const years = [...groups.keys()].sort((a, b) => (a === 'unknown' ? 1 : b === 'unknown' ? -1 : Number(b) - Number(a)))
  return years.map((y) => ({ heading: y === 'unknown' ? 'Year unknown' : y, id: `year-${y}`, records: groups.get(y)! }))
}

/**
 * The pages of one list: its records grouped by year and cut into pages of
 * `LIST_PAGE_SIZE` (the first at `url`, the next at `url` + `page/2/`…). Why
 * not Eleventy's own pagination over the records: it paginates one list per
 * template, and a template already paginates over all the lists, so the lists
 * arrive here already cut, one Eleventy page per part.
 * @param of the family it belongs to
 * @param url the list's URL; `title` its heading
 * @param records its records, in the site's order (newest first)
 */
export function listPages(of: Family, url: string, title: string, records: readonly RecordLink[], more: ListExtras = {}): ListPage[] {
  const whole = more.byYear === false || records.length === 0
    ? [{ heading: '', id: 'records', records: [...records] }]
    : yearGroups(records)
  const total = Math.max(1, Math.ceil(records.length / LIST_PAGE_SIZE))
  const pages = Array.from({ length: total }, (_, k) => ({ number: k + 1, url: urls.listPart(url, k + 1) }))
  // Each page's groups: the slice of every group that falls in the page's range of records.
  const parts: RecordGroup[][] = pages.map(() => [])
  const jump: CountLink[] = []
  let at = 0
  for (const g of whole) {
    jump.push({ label: g.heading, url: `${pages[Math.floor(at / LIST_PAGE_SIZE)]!.url}#${g.id}`, count: g.records.length })
    for (let k = 0; k < g.records.length; ) {
      const p = Math.floor((at + k) / LIST_PAGE_SIZE)
      const take = Math.min(g.records.length - k, (p + 1) * LIST_PAGE_SIZE - (at + k))
      parts[p]!.push({ heading: g.heading, id: g.id, records: g.records.slice(k, k + take), count: g.records.length, continued: k > 0 })
      k += take
    }
    at += g.records.length
  }
  const searchUrl = more.search ? urls.searchFilter(more.search.name, more.search.value) : null
  return pages.map((p, k) => ({
    url: p.url, title, family: of.family, familyTitle: of.familyTitle, familyUrl: of.familyUrl,
    count: records.length, groups: parts[k]!, jump: jump.filter((j) => j.label),
    part: { number: p.number, of: total, prev: pages[k - 1]?.url ?? null, next: pages[k + 1]?.url ?? null, pages },
    intro: more.intro ?? null, feedUrl: more.feedUrl ?? null, sdg: more.sdg ?? null, related: more.related ?? [], searchUrl
  }))
}

/** Overview order: most records first, then label. */
export function byCountThenLabel(a: CountLink, b: CountLink): number {
  return b.count - a.count || compareText(a.label, b.label)
}

/** Plain `<` order of URLs, the order of the site's pages and feeds. */
export function byUrl(a: { url: string }, b: { url: string }): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : 0
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

export interface Bucket {
  key: string
  label: string
  /** Record indexes, in the order they were added, each once. */
  members: number[]
  spellings: Map<string, number>
}

/** Group record indexes by key, remembering each key's spellings. */
export class Buckets {
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
