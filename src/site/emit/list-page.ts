/**
 * What every index family emits: one list page per value (a method, a
 * country, an SDG, a year…) and count links for its overview, with the
 * grouping of records by value that the tag families and countries share.
 */
import type { SdgGoal } from '../../records/normalize/sdgs.ts'
import { compareText, type RecordLink } from './records.ts'

/** A link with a count, as listed on overview pages. */
export interface CountLink {
  label: string
  url: string
  count: number
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
  /** Values of the same family that most records of this page also carry (tag pages). */
  related: CountLink[]
}

/** The family a list page belongs to: its label (`Method`), its overview's title and URL. */
export type Family = Pick<ListPage, 'family' | 'familyTitle' | 'familyUrl'>

/**
 * One list page.
 * @param of the family it belongs to
 * @param url the page's URL; `title` its heading
 * @param groups its records, grouped (`ungrouped(records)` for one unnamed group)
 * @param more the intro, the feed it offers, the SDG it is about (each null when absent)
 */
export function listPage(
  of: Family,
  url: string,
  title: string,
  groups: RecordGroup[],
  more: Partial<Pick<ListPage, 'intro' | 'feedUrl' | 'sdg' | 'related'>> = {}
): ListPage {
  return {
    url, title, family: of.family, familyTitle: of.familyTitle, familyUrl: of.familyUrl,
    count: groups.reduce((n, g) => n + g.records.length, 0), groups,
    intro: more.intro ?? null, feedUrl: more.feedUrl ?? null, sdg: more.sdg ?? null, related: more.related ?? []
  }
}

/** Records as the single unnamed group of a list page. */
export function ungrouped(records: RecordLink[]): RecordGroup[] {
  return [{ heading: '', id: 'records', records }]
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
