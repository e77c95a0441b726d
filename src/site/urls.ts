/**
 * Every URL of the site in one place: record permalinks, index pages and
 * feeds. Values come from untrusted content, so each path segment is reduced
 * to a slug; a value whose slug is empty (e.g. Chinese) gets a short hash.
 */
import { createHash } from 'node:crypto'
import slugify from '@sindresorhus/slugify'
import { TERM_FIELDS } from '../records/fields.ts'

/** Top-level folders the site itself uses, the free-text families' among them: a record type may not take them. */
export const RESERVED_SEGMENTS = new Set([
  'assets', 'pagefind', 'search', 'map', 'countries', 'sdgs', 'years', 'kinds', ...TERM_FIELDS.map((f) => f.segment),
  'tags', 'stages', 'challenge-types', 'plans', 'frameworks', 'feed.xml',
  'records.json', 'records.csv', 'sitemap.xml', 'robots.txt', '404.html', 'index.html'
])

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 10)
}

const slugs = new Map<string, string>()

/** A URL-safe slug for a display value; never empty, stable for the same value. */
export function slugOf(value: string): string {
  // Memoised: the same few thousand values (countries, methods…) are slugged for every record that has them.
  let slug = slugs.get(value)
  if (slug === undefined) {
    slug = slugify(value, { decamelize: false }).slice(0, 80).replace(/-+$/, '') || `v-${shortHash(value)}`
    slugs.set(value, slug)
  }
  return slug
}

/** Make slugs unique within one family, in the given (already sorted) order. */
export function uniqueSlugs<T>(items: readonly T[], slugFor: (item: T) => string): Map<T, string> {
  const seen = new Map<string, number>()
  const out = new Map<T, string>()
  for (const item of items) {
    const base = slugFor(item)
    const n = (seen.get(base) ?? 0) + 1
    seen.set(base, n)
    out.set(item, n === 1 ? base : `${base}-${n}`)
  }
  return out
}

/** URL segment of a record type: `plans`, `frameworks`, or the type's slug (prefixed when reserved). */
export function typeSegment(type: string): string {
  if (type === 'learningplan') return 'plans'
  if (type === 'framework') return 'frameworks'
  const slug = slugOf(type)
  return RESERVED_SEGMENTS.has(slug) ? `kind-${slug}` : slug
}

/** A record id reduced to a safe path segment (ids are slugs already; this is a guard). */
export function idSegment(id: string): string {
  return /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u.test(id) && !id.includes('..') ? id : slugOf(id)
}

/**
 * The site's URLs, as site paths (the HTML base plugin adds `--base-url`'s path; feeds and
 * the sitemap use the `fullUrl` filter). Templates read this table as the global `urls`
 * (`{{ urls.search }}`, `{{ urls.type('learningplan') }}`), permalinks included: no
 * template writes a site path of its own.
 */
export const urls = {
  home: '/',
  search: '/search/',
  /** The search page with one filter value ticked (values without a page of their own link here). */
  searchFilter: (name: string, value: string) => `/search/?${name}=${encodeURIComponent(value)}`,
  map: '/map/',
  tags: '/tags/',
  feed: '/feed.xml',
  sitemap: '/sitemap.xml',
  robots: '/robots.txt',
  notFound: '/404.html',
  recordsJson: '/records.json',
  recordsCsv: '/records.csv',
  /** The site's own stylesheets and scripts (`templates/assets/`, and the generated SDG colours). */
  asset: (name: string) => `/assets/${name}`,
  kinds: '/kinds/',
  /** A record type's list page; `record.type`, not `record.kind` (which is `other` for most types). */
  type: (type: string) => `/${typeSegment(type)}/`,
  record: (type: string, id: string) => `/${typeSegment(type)}/${idSegment(id)}/`,
  countries: '/countries/',
  country: (slug: string) => `/countries/${slug}/`,
  countryFeed: (slug: string) => `/countries/${slug}/feed.xml`,
  unresolvedCountry: (slug: string) => `/countries/unresolved/${slug}/`,
  sdgs: '/sdgs/',
  sdg: (n: number) => `/sdgs/${n}/`,
  sdgFeed: (n: number) => `/sdgs/${n}/feed.xml`,
  years: '/years/',
  year: (year: number | null) => `/years/${year ?? 'unknown'}/`,
  family: (segment: string) => `/${segment}/`,
  /** Page `n` of a list that runs over several pages (`/sdgs/12/page/2/`); page 1 is the list's own URL. */
  listPart: (list: string, n: number) => (n === 1 ? list : `${list}page/${n}/`),
  term: (segment: string, slug: string) => `/${segment}/${slug}/`
}
