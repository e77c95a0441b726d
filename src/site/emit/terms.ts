/**
 * The free-text families (TERM_FIELDS in src/records/fields.ts: methods, data
 * sources, thematic areas, partnering sectors). A family has a
 * page per value (values grouped by their spelling-folded key) and an overview
 * listing the values by count and alphabetically. Learning stages and
 * challenge types share the shape (stages.ts).
 */
import { TERM_FIELDS, type TermProperty } from '../../records/fields.ts'
import type { ArchiveRecord } from '../../records/types.ts'
import { slugOf, uniqueSlugs, urls } from '../urls.ts'
import { byCountThenLabel, Buckets, listPages, type Bucket, type CountLink, type ListPage } from './list-page.ts'
import type { RecordOrder } from './records.ts'

/** Overview of one tag family (the free-text fields, stages, challenge types). */
export interface FacetOverview {
  url: string
  title: string
  singular: string
  intro: string
  byCount: CountLink[]
  alphabetical: CountLink[]
  /** Values held by too few records for a page of their own, alphabetical; each links to the search, filtered. */
  more: CountLink[]
}

/** A tag family: its URL segment, its overview's title and intro, and what one value is called. */
export interface TagFamilySpec {
  segment: string
  title: string
  singular: string
  intro: string
  /** Values held by fewer records get no page (1: every value has one). */
  minRecords?: number
  /** The search filter of the family's values, where values without a page link. */
  filter?: string
}

/** Related values listed on a value's page. */
const RELATED_VALUES = 6

/** What one tag family emits. */
export interface TagFamily {
  pages: ListPage[]
  overview: FacetOverview
  /** The URL of each value's page, by grouping key. */
  urlOf: Map<string, string>
}

/** A free-text family, by its record property. */
export type TermFamily = TermProperty

/**
 * One page per value of a family, and its overview, by count and alphabetically.
 * @param records the records, by index
 * @param order the records' links and order
 * @param spec the family
 * @param values the values of one record: a grouping key and the label as written
 * @returns the pages (alphabetical; colliding slugs numbered in that order), the overview, the page URL of each key
 */
export function tagFamily(
  records: readonly ArchiveRecord[],
  order: RecordOrder,
  spec: TagFamilySpec,
  values: (record: ArchiveRecord) => Array<{ key: string; label: string }>
): TagFamily {
  const buckets = new Buckets()
  const keysOf = records.map((r, i) => {
    const keys = values(r)
    for (const v of keys) buckets.add(v.key, v.label, i)
    return keys.map((v) => v.key)
  })
  const min = spec.minRecords ?? 1
  const sorted = buckets.sorted()
  const paged = sorted.filter((b) => b.members.length >= min || !spec.filter)
  const slugs = uniqueSlugs(paged, (b) => slugOf(b.key))
  const family = { family: spec.singular, familyTitle: spec.title, familyUrl: urls.family(spec.segment) }
  const urlOf = new Map<string, string>()
  const links: CountLink[] = []
  const more: CountLink[] = []
  for (const b of sorted) {
    const slug = slugs.get(b)
    const url = slug ? urls.term(spec.segment, slug) : urls.searchFilter(spec.filter!, b.key)
    urlOf.set(b.key, url)
    ;(slug ? links : more).push({ label: b.label, url, count: b.members.length })
  }
  const pageOf = (key: string): { label: string; url: string } | null => {
    const other = buckets.map.get(key)!
    return slugs.has(other) ? { label: other.label, url: urlOf.get(key)! } : null
  }
  const pages = paged.flatMap((b) => listPages(family, urlOf.get(b.key)!, b.label, order.linksOf(b.members), {
    related: relatedValues(b, keysOf, pageOf),
    search: spec.filter ? { name: spec.filter, value: b.key } : null
  }))
  const overview = { url: family.familyUrl, title: spec.title, singular: spec.singular, intro: spec.intro, byCount: [...links].sort(byCountThenLabel), alphabetical: links, more }
  return { pages, overview, urlOf }
}

/**
 * The values most records of a value's page also carry (a page of their own only), by how
 * many records share them. Linear in the (record, value) pairs of the page's records.
 */
function relatedValues(bucket: Bucket, keysOf: readonly string[][], page: (key: string) => { label: string; url: string } | null): CountLink[] {
  const shared = new Map<string, number>()
  for (const i of bucket.members) for (const key of keysOf[i]!) if (key !== bucket.key) shared.set(key, (shared.get(key) ?? 0) + 1)
  const out: CountLink[] = []
  for (const [key, count] of shared) {
    const link = page(key)
    if (link) out.push({ ...link, count })
  }
  return out.sort(byCountThenLabel).slice(0, RELATED_VALUES)
}

/**
 * The free-text families, in registry order.
 * @returns their pages and overviews, and the URL of a term's page (its family's overview for a term no record has)
 */
export function emitTerms(records: readonly ArchiveRecord[], order: RecordOrder, minRecords = 1): {
  pages: ListPage[]
  facets: FacetOverview[]
  url: (family: TermFamily, key: string) => string
} {
  const families = new Map(TERM_FIELDS.map((field) => [
    field.property as TermFamily,
    tagFamily(records, order, { ...field, title: field.plural, minRecords }, (r) => r[field.property].map((t) => ({ key: t.key, label: t.value })))
  ]))
  const all = [...families.values()]
  return {
    pages: all.flatMap((f) => f.pages),
    facets: all.map((f) => f.overview),
    url: (family, key) => {
      const f = families.get(family)!
      return f.urlOf.get(key) ?? f.overview.url
    }
  }
}
