/**
 * The tag families: methods, data sources and thematic areas. A family has a
 * page per value (values grouped by their spelling-folded key) and an overview
 * listing the values by count and alphabetically. Learning stages and
 * challenge types share the shape (stages.ts).
 */
import type { ArchiveRecord } from '../../records/types.ts'
import { slugOf, uniqueSlugs, urls } from '../urls.ts'
import { byCountThenLabel, Buckets, listPage, ungrouped, type CountLink, type ListPage } from './list-page.ts'
import type { RecordOrder } from './records.ts'

/** Overview of one tag family (methods, data sources, thematic areas, stages, challenge types). */
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

export type TermFamily = 'methods' | 'datasources' | 'thematicAreas'

const TERM_FAMILIES: Array<TagFamilySpec & { family: TermFamily }> = [
  { family: 'methods', segment: 'methods', title: 'Methods', singular: 'Method', intro: 'Methods the teams used, grouped by spelling-folded value.' },
  { family: 'datasources', segment: 'datasources', title: 'Data sources', singular: 'Data source', intro: 'Sources of data the records name, grouped by spelling-folded value.' },
  { family: 'thematicAreas', segment: 'thematic-areas', title: 'Thematic areas', singular: 'Thematic area', intro: 'Themes the records are tagged with, grouped by spelling-folded value.' }
]

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
 * The term families: methods, data sources, thematic areas, in that order.
 * @returns their pages and overviews, and the URL of a term's page (its family's overview for a term no record has)
 */
export function emitTerms(records: readonly ArchiveRecord[], order: RecordOrder): {
  pages: ListPage[]
  facets: FacetOverview[]
  url: (family: TermFamily, key: string) => string
} {
  const families = new Map(TERM_FAMILIES.map((spec) => [
    spec.family,
    tagFamily(records, order, spec, (r) => r[spec.family].map((t) => ({ key: t.key, label: t.value })))
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
