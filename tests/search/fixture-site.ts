/**
 * A small static site for the search tests, rendered from the real search
 * templates (search page, search box, search meta) inside a minimal shell,
 * under a path prefix like a GitHub Pages project site, with a strict CSP.
 * Then indexed with buildSearchIndex. Independent of the site build.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import matter from 'gray-matter'
import nunjucks, { type Environment } from 'nunjucks'
import { addSearchDataFilters, templateFields } from '../../src/site/filters.ts'
import { searchFiltersModule } from '../../src/site/emit/search-filters.ts'
import { urls } from '../../src/site/urls.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { buildSearchIndex, type SearchIndexOptions, type SearchIndexResult } from '../../src/search/index.ts'
import { searchFixtureRecords } from '../fixtures/search/records.ts'

const TEMPLATES = new URL('../../templates/', import.meta.url).pathname
export const PREFIX = '/archive/'
export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:"

export interface FixtureSite {
  /** Folder to serve: the site itself is in `<root>/archive/`. */
  root: string
  out: string
  records: ArchiveRecord[]
  index: SearchIndexResult
}

const escape = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Where a record page lives, as the site engineer's permalinks do it. */
export function recordPath(record: ArchiveRecord): string {
  const folder = record.type === 'learningplan' ? 'plans' : record.type === 'framework' ? 'frameworks' : record.type
  return `${folder}/${record.id}/`
}

/** Like Eleventy's HTML base plugin: root-relative URLs in href/src/action get the path prefix. */
const withPrefix = (html: string): string => html.replace(/\b(href|src|action)="\/(?!\/)/g, `$1="${PREFIX}`)

function shell(env: Environment, lang: string, title: string, main: string): string {
  const header = env.render('partials/search-box.njk', { urls })
  return withPrefix(`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${CSP}"><link rel="icon" href="data:,">
<title>${escape(title)}</title><link rel="stylesheet" href="/assets/search.css"></head>
<body><header><a href="/">Archive</a>${header}</header><main id="main">${main}</main></body></html>`)
}

/** Write the fixture site (record pages, search page, assets) to a fresh temp folder, not indexed. */
export async function writeFixtureSite(records: ArchiveRecord[] = searchFixtureRecords): Promise<{ root: string; out: string }> {
  const root = await mkdtemp(join(tmpdir(), 'search-fixture-'))
  const out = join(root, PREFIX)
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(join(TEMPLATES, '_includes')), { autoescape: true })
  // The filters the site's plugin gives the search data template.
  addSearchDataFilters(env)
  for (const record of records) {
    const meta = env.render('partials/search-meta.njk', { record })
    const facts = [record.type, ...record.countries.map((c) => c.name), record.year ?? ''].join(' · ')
    const body = record.body
      .split('\n\n')
      .map((p) => `<p>${escape(p)}</p>`)
      .join('\n')
    // The focal point is shown in full on purpose, marked only with data-focal-point:
    // buildSearchIndex's privacy selectors must keep it out of the index anyway.
    const focal = record.focalPoints.map((e) => `<p data-focal-point>Focal point: <a href="mailto:${escape(e)}">${escape(e)}</a></p>`).join('')
    const article = `<article data-pagefind-body lang="${record.language}"><h1>${escape(record.title)}</h1><p>${escape(facts)}</p>${focal}${meta}${body}</article>`
    const dir = join(out, recordPath(record))
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'index.html'), shell(env, record.language, record.title, article))
  }
  const page = matter(await readFile(join(TEMPLATES, 'search.njk'), 'utf8'))
  await mkdir(join(out, 'search'), { recursive: true })
  await writeFile(join(out, 'search', 'index.html'), shell(env, 'en', 'Search', env.renderString(page.content, { urls, fields: templateFields })))
  await writeFile(join(out, 'index.html'), shell(env, 'en', 'Archive', '<h1>Archive</h1>'))
  await mkdir(join(out, 'assets'), { recursive: true })
  // Every asset, as the site's passthrough copy does: the search page's modules import each other.
  for (const name of await readdir(join(TEMPLATES, 'assets'))) await copyFile(join(TEMPLATES, 'assets', name), join(out, 'assets', name))
  await writeFile(join(out, 'assets', 'search-filters.js'), searchFiltersModule())
  return { root, out }
}

/** Write the fixture site and index it (3 shards unless `search.shards` says otherwise). */
export async function buildFixtureSite(
  records: ArchiveRecord[] = searchFixtureRecords,
  search: Omit<SearchIndexOptions, 'records'> = {}
): Promise<FixtureSite> {
  const { root, out } = await writeFixtureSite(records)
  const index = await buildSearchIndex(out, { shards: 3, ...search, records })
  return { root, out, records, index }
}
