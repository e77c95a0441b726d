/**
 * Every internal reference a built site makes, from every file a reader or a
 * program may open: HTML attributes (`href`, `src`, `srcset`, `action`…), CSS
 * `url()`, JSON-LD, feeds and the sitemap, robots.txt, the exports' `url`s and
 * the search bundle's shard list. Used to crawl a build served the way it is
 * deployed (tests/site/base-path.test.ts). Regexes are enough: the files are
 * our own serialised output.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decodeEntities, listFiles, urlOf } from '../site/helpers.ts'

export interface Reference {
  /** The file it was found in, relative to the site root. */
  file: string
  /** As written. */
  value: string
}

const ATTRIBUTES = /\s(?:href|src|action|poster|xlink:href)="([^"]*)"/g

function cssUrls(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)].map((m) => m[2] ?? m[4]!)
}

/** `url` and `@id` strings anywhere in a JSON-LD value. */
function jsonLdUrls(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) for (const item of value) jsonLdUrls(item, out)
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'url' || key === '@id') && typeof item === 'string') out.push(item)
      else jsonLdUrls(item, out)
    }
  }
  return out
}

function htmlReferences(html: string): string[] {
  const out = [...html.matchAll(ATTRIBUTES)].map((m) => decodeEntities(m[1]!))
  for (const m of html.matchAll(/\ssrcset="([^"]*)"/g)) {
    for (const candidate of decodeEntities(m[1]!).split(',')) out.push(candidate.trim().split(/\s+/)[0]!)
  }
  for (const m of html.matchAll(/\sstyle="([^"]*)"/g)) out.push(...cssUrls(decodeEntities(m[1]!)))
  for (const m of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)) out.push(...cssUrls(m[1]!))
  for (const m of html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) out.push(...jsonLdUrls(JSON.parse(m[1]!)))
  return out
}

/** References in one file, by its kind. */
export function referencesIn(file: string, text: string): string[] {
  if (file.endsWith('.html')) return htmlReferences(text)
  if (file.endsWith('.css')) return cssUrls(text)
  if (file.endsWith('.xml')) {
    return [...text.matchAll(/\shref="([^"]*)"|<loc>([^<]*)<\/loc>|<id>([^<]*)<\/id>/g)].map((m) => decodeEntities(m[1] ?? m[2] ?? m[3]!))
  }
  if (file === 'robots.txt') return [...text.matchAll(/^Sitemap:\s*(\S+)/gm)].map((m) => m[1]!)
  if (file === 'records.json') return (JSON.parse(text) as { url: string }[]).map((r) => r.url)
  if (file === 'records.csv') {
    const [header, ...rows] = text.replace(/^\uFEFF/, '').trim().split('\r\n')
    if (!header!.endsWith(',url')) throw new Error('records.csv: url is no longer the last column')
    // A path or an http URL of slugs: never quoted, never holding a comma.
    return rows.map((row) => row.slice(row.lastIndexOf(',') + 1))
  }
  if (file === 'pagefind/shards.json') return (JSON.parse(text) as { shards: { path: string }[] }).shards.map((s) => `${s.path}pagefind-entry.json`)
  return []
}

/** Every reference of every file of the site under `root`. */
export function siteReferences(root: string): Reference[] {
  const out: Reference[] = []
  for (const file of listFiles(root)) {
    if (!/\.(html|css|xml|txt|json|csv)$/.test(file)) continue
    if (file.startsWith('pagefind/') && file !== 'pagefind/shards.json') continue
    for (const value of referencesIn(file, readFileSync(join(root, file), 'utf8'))) out.push({ file, value })
  }
  return out
}

/**
 * The URL a reference asks for when `file` is served at `siteUrl` (ending in `/`),
 * with absolute links to `deployedOrigin` (the `--base-url`'s) mapped to where the test
 * serves the site; null for other sites, in-page anchors and `mailto:`/`data:` links.
 */
export function resolveReference(ref: Reference, siteUrl: string, deployedOrigin: string | null): URL | null {
  if (ref.value.startsWith('#') || /^(?:mailto|data|tel):/i.test(ref.value)) return null
  const page = new URL(urlOf(ref.file).slice(1), siteUrl)
  const url = new URL(ref.value, page)
  const served = new URL(siteUrl)
  if (deployedOrigin && url.origin === deployedOrigin) return new URL(url.pathname + url.search, served.origin)
  return url.origin === served.origin ? url : null
}
