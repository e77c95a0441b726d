/** Record types (`record.type`): a page per type, learning plans first, then framework pages, then other types alphabetically. */
import type { ArchiveRecord } from '../../records/types.ts'
import { typePlural } from '../../records/kind.ts'
import { urls } from '../urls.ts'
import { listPage, ungrouped, type CountLink, type ListPage } from './list-page.ts'
import { compareText, type RecordOrder } from './records.ts'

const KIND = { family: 'Record type', familyTitle: 'Record types', familyUrl: urls.kinds }

const typeOrder = (k: string): number => (k === 'learningplan' ? 0 : k === 'framework' ? 1 : 2)

/**
 * The type family.
 * @param records the records, by index
 * @param order the records' links and order
 * @returns the type pages and the overview's links (one per raw type, even where two share a page)
 */
export function emitKinds(records: readonly ArchiveRecord[], order: RecordOrder): { pages: ListPage[]; overview: CountLink[] } {
  const buckets = new Map<string, number[]>()
  records.forEach((r, i) => {
    let list = buckets.get(r.type)
    if (!list) buckets.set(r.type, (list = []))
    list.push(i)
  })
  const kinds = [...buckets.keys()].sort((a, b) => typeOrder(a) - typeOrder(b) || compareText(a, b))
  const pages = new Map<string, ListPage>()
  const overview: CountLink[] = []
  for (const k of kinds) {
    const url = urls.type(k)
    const members = buckets.get(k)!
    overview.push({ label: typePlural(k), url, count: members.length })
    // Two raw types folding to one segment share a page; the first wins the URL, the rest join it.
    const page = pages.get(url)
    if (page) {
      page.groups[0]!.records.push(...order.linksOf(members))
      page.count += members.length
    } else {
      pages.set(url, listPage(KIND, url, typePlural(k), ungrouped(order.linksOf(members))))
    }
  }
  return { pages: [...pages.values()], overview }
}
