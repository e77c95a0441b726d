/** Record types (`record.type`): a page per type, learning plans first, then framework pages, then other types alphabetically. */
import type { ArchiveRecord } from '../../records/types.ts'
import { typePlural } from '../../records/kind.ts'
import { urls } from '../urls.ts'
import { listPages, type CountLink, type ListPage } from './list-page.ts'
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
  // Two raw types folding to one segment share a list; the first names it, the rest join it.
  const lists = new Map<string, { types: string[]; members: number[] }>()
  const overview: CountLink[] = []
  for (const k of kinds) {
    const url = urls.type(k)
    const members = buckets.get(k)!
    overview.push({ label: typePlural(k), url, count: members.length })
    const list = lists.get(url)
    if (list) {
      list.types.push(k)
      list.members.push(...members)
    } else {
      lists.set(url, { types: [k], members: [...members] })
    }
  }
  const pages = [...lists].flatMap(([url, { types, members }]) =>
    // The kind filter selects one type: a shared list has no single filter.
    listPages(KIND, url, typePlural(types[0]!), order.linksOf(members), { search: types.length === 1 ? { name: 'kind', value: types[0]! } : null })
  )
  return { pages, overview }
}
