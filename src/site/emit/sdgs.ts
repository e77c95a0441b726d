/**
 * The Sustainable Development Goals: a page and a feed for each of the 17
 * goals, with no records included, and an overview that also lists the SDG
 * values that resolved to no goal, with their records.
 */
import { SDG_GOALS, type SdgGoal } from '../../records/normalize/sdgs.ts'
import type { ArchiveRecord } from '../../records/types.ts'
import { urls } from '../urls.ts'
import { feedOf, type Feed } from './feeds.ts'
import { listPages, type ListPage } from './list-page.ts'
import { compareText, type RecordLink, type RecordOrder } from './records.ts'

export interface SdgOverview {
  goals: Array<{ goal: SdgGoal; url: string; count: number }>
  /** SDG values that did not resolve to a goal, with their records. */
  unrecognised: Array<{ raw: string; records: RecordLink[] }>
}

const SDG = { family: 'Sustainable Development Goal', familyTitle: 'SDGs', familyUrl: urls.sdgs }

/** Add record `i` to a list unless it is already its last member (a record counts once per goal). */
function addOnce(list: number[], i: number): void {
  if (list[list.length - 1] !== i) list.push(i)
}

/**
 * The SDG family.
 * @param records the records, by index
 * @param order the records' links and order
 * @returns the goals' pages and feeds (goal order), and the overview
 */
export function emitSdgs(records: readonly ArchiveRecord[], order: RecordOrder): { pages: ListPage[]; feeds: Feed[]; overview: SdgOverview } {
  const members: number[][] = SDG_GOALS.map(() => [])
  const unrecognised = new Map<string, number[]>()
  records.forEach((r, i) => {
    for (const s of r.sdgs) {
      if (s.number !== null) {
        addOnce(members[s.number - 1]!, i)
      } else if (s.raw.trim()) {
        const raw = s.raw.trim()
        let list = unrecognised.get(raw)
        if (!list) unrecognised.set(raw, (list = []))
        addOnce(list, i)
      }
    }
  })
  const overview: SdgOverview = {
    goals: SDG_GOALS.map((goal, k) => ({ goal, url: urls.sdg(goal.number), count: members[k]!.length })),
    unrecognised: [...unrecognised.entries()].sort((a, b) => compareText(a[0], b[0])).map(([raw, m]) => ({ raw, records: order.linksOf(m) }))
  }
  const pages: ListPage[] = []
  const feeds: Feed[] = []
  SDG_GOALS.forEach((goal, k) => {
    const links = order.linksOf(members[k]!)
    const url = urls.sdg(goal.number)
    pages.push(...listPages(SDG, url, `Goal ${goal.number}: ${goal.name}`, links, { feedUrl: urls.sdgFeed(goal.number), sdg: goal, search: { name: 'sdg', value: String(goal.number) } }))
    feeds.push(feedOf(urls.sdgFeed(goal.number), `Records on SDG ${goal.number}: ${goal.name}`, url, links))
  })
  return { pages, feeds, overview }
}
