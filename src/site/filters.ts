/**
 * Nunjucks filters of the site, added as one Eleventy plugin. Output of these
 * filters is still autoescaped by Nunjucks unless a template marks it `safe`;
 * only `jsonLd` is meant to be (it escapes everything that could end a script).
 */
import { absoluteUrl } from '@11ty/eleventy-plugin-rss'
import { searchFilterValues, TERM_FIELDS } from '../records/fields.ts'
import { typeLabel } from '../records/kind.ts'
import { countryLabel, type ArchiveRecord } from '../records/types.ts'
import { COUNTED_TERMS } from './related.ts'

/** What the filters need to know about the deployment. */
export interface FilterOptions {
  /** Eleventy path prefix, `/` or `/repo/`. */
  pathPrefix: string
  /** Absolute site URL with the prefix (`https://org.github.io/repo/`), or null. */
  siteUrl: string | null
}

/** Serialise a value for `<script type="application/ld+json">`: no `<`, `>`, `&` or line separators survive raw. */
export function jsonLd(value: unknown): string {
  return JSON.stringify(value ?? null)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** A site path as a link for documents the HTML base plugin does not touch (feeds, sitemap): prefixed, absolute when the site URL is known. */
export function fullUrl(path: string, options: FilterOptions): string {
  const prefixed = options.pathPrefix === '/' ? path : `${options.pathPrefix.replace(/\/$/, '')}${path}`
  if (!options.siteUrl) return prefixed
  return absoluteUrl(prefixed, new URL(options.siteUrl).origin)
}

/** A JSON-LD object with its site-path `url` made a full URL (other values pass through). */
export function withFullUrl(value: unknown, options: FilterOptions): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const url = (value as { url?: unknown }).url
  return typeof url === 'string' && url.startsWith('/') ? { ...value, url: fullUrl(url, options) } : value
}

const numberFormat = new Intl.NumberFormat('en-US')

/** Thousands separators in a fixed locale, so output does not depend on the machine. */
export function formatNumber(n: number): string {
  return numberFormat.format(n)
}

/** `1 record`, `2 records`. */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : pluralForm}`
}

/** `a`, `a and b`, `a, b and c` (`or` with the second argument). */
export function listText(items: readonly string[], conjunction = 'and'): string {
  if (items.length < 2) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`
}

/** Drop characters XML 1.0 forbids (control characters), so feeds and the sitemap stay well-formed. */
export function xmlText(value: unknown): string {
  // eslint-disable-next-line no-control-regex
  return String(value ?? '').replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
}

/**
 * The global data `fields`: what templates say about the free-text fields of the registry,
 * as lower-case plurals for sentences (`methods, data sources and thematic areas`): every
 * field, and those that count for related records.
 */
export const templateFields = {
  terms: TERM_FIELDS.map((f) => f.plural.toLowerCase()),
  related: COUNTED_TERMS.map((f) => f.plural.toLowerCase())
}

/** Eleventy plugin: registers the filters above. */
export function filtersPlugin(eleventyConfig: { addFilter(name: string, fn: (...args: never[]) => unknown): void }, options: FilterOptions): void {
  // JSON-LD's `url` is absolute for search engines (prefixed at least): no transform rewrites it inside a script.
  eleventyConfig.addFilter('jsonLd', (value: unknown) => jsonLd(withFullUrl(value, options)))
  eleventyConfig.addFilter('fullUrl', (path: string) => fullUrl(path, options))
  eleventyConfig.addFilter('number', formatNumber)
  eleventyConfig.addFilter('plural', plural)
  eleventyConfig.addFilter('xmlText', xmlText)
  addSearchDataFilters(eleventyConfig)
}

/**
 * The filters the search data of a record page uses (partials/search-meta.njk): its
 * filter values and labels come from the registry (src/records/fields.ts) and the kind
 * and country labels from their modules, so the template spells none of them itself.
 */
export function addSearchDataFilters(eleventyConfig: { addFilter(name: string, fn: (...args: never[]) => unknown): void }): void {
  eleventyConfig.addFilter('searchFilters', searchFilterValues)
  eleventyConfig.addFilter('listText', listText)
  eleventyConfig.addFilter('typeLabel', typeLabel)
  eleventyConfig.addFilter('countryNames', (record: ArchiveRecord) => [...new Set(record.countries.map(countryLabel))].join(', '))
}
