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
import { byCountThenLabel, Buckets, listPage, ungrouped, type CountLink, type ListPage } from './list-page.ts'
import type { RecordOrder } from './records.ts'

/** Overview of one tag family (the free-text fields, stages, challenge types). */
export interface FacetOverview {
  url: string
  title: string
  singular: string
  intro: string
  byCount: CountLink[]
  alphabetical: CountLink[]
}

/** A tag family: its URL segment, its overview's title and intro, and what one value is called. */
export interface TagFamilySpec {
  segment: string
  title: string
  singular: string
  intro: string
}

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
  records.forEach((r, i) => {
    for (const v of values(r)) buckets.add(v.key, v.label, i)
  })
  const sorted = buckets.sorted()
  const slugs = uniqueSlugs(sorted, (b) => slugOf(b.key))
  const family = { family: spec.singular, familyTitle: spec.title, familyUrl: urls.family(spec.segment) }
  const urlOf = new Map<string, string>()
  const links: CountLink[] = []
  const pages: ListPage[] = []
  for (const b of sorted) {
    const url = urls.term(spec.segment, slugs.get(b)!)
    urlOf.set(b.key, url)
    links.push({ label: b.label, url, count: b.members.length })
    pages.push(listPage(family, url, b.label, ungrouped(order.linksOf(b.members))))
  }
  const overview = { url: family.familyUrl, title: spec.title, singular: spec.singular, intro: spec.intro, byCount: [...links].sort(byCountThenLabel), alphabetical: links }
  return { pages, overview, urlOf }
}

/**
 * The free-text families, in registry order.
 * @returns their pages and overviews, and the URL of a term's page (its family's overview for a term no record has)
 */
export function emitTerms(records: readonly ArchiveRecord[], order: RecordOrder): {
  pages: ListPage[]
  facets: FacetOverview[]
  url: (family: TermFamily, key: string) => string
} {
  const families = new Map(TERM_FIELDS.map((field) => [
    field.property as TermFamily,
    tagFamily(records, order, { ...field, title: field.plural }, (r) => r[field.property].map((t) => ({ key: t.key, label: t.value })))
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
