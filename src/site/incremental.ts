/**
 * Incremental rebuilds: render only the pages whose inputs changed.
 *
 * Why by hand: Eleventy's `--incremental` follows template files, not data; a
 * change to one record of our global data re-renders every record page.
 * Our paginated pages (records, index lists, feeds, tag overviews) are each
 * rendered from one plain view object plus site-wide inputs, so a page's key
 * is the hash of its view, and the site key is the hash of everything else a
 * page can read: templates, site code, dependency versions and build options.
 *
 * The manifest (the `.plan-archive-site` marker in the output folder) keeps the
 * site key and every paginated page's key. A build with the same site key keeps
 * the folder, renders only the pages whose key changed or whose file is gone,
 * deletes pages that no longer exist, and re-renders the single pages (home,
 * map, sitemap…) and exports as always. The result is byte-identical to a
 * clean build (tests/site/incremental.test.ts compares the two).
 */
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { readdir, rm, rmdir, writeFile } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { stableStringify } from '../parse/cache.ts'
import { hashFiles } from '../parse/code-hash.ts'

export const MANIFEST_FILE = '.plan-archive-site'
const MANIFEST_FORMAT = 1

export interface Manifest {
  format: number
  siteKey: string
  /** Output path (relative to the output folder, `/` separators) → key of the page's view. */
  pages: Record<string, string>
  /** Key of the open-data exports (records.json, records.csv), written only when it changes. */
  exports?: string
  /**
   * Key of the output mask (the archive's focal-point addresses, mask-output.ts): the last
   * privacy pass depends on every record, so a new focal point re-renders every page.
   */
  maskKey?: string
  /**
   * Set by `buildSite` once the whole build (search included) succeeded: the key of
   * everything it read (src/build.ts) and what it reported. A build with the same key
   * finds the folder up to date and does nothing.
   */
  build?: { key: string; summary: unknown }
}

/** The paginated families of the archive, each item with the `url` its permalink comes from. */
export interface Paginated {
  records: Array<{ url: string }>
  listPages: Array<{ url: string }>
  feeds: Array<{ url: string }>
  facets: Array<{ url: string }>
}

export interface RenderPlan<T extends Paginated = Paginated> {
  /** What Eleventy renders this time, per family. */
  render: T
  /** The manifest to write once the build is done. */
  manifest: Manifest
  /** Output paths of pages from the previous build that no longer exist. */
  stale: string[]
  /** Paginated pages kept from the previous build as they were. */
  reused: number
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** Output path of a permalink: `/plans/x/` → `plans/x/index.html`, `/feeds/a.xml` → `feeds/a.xml`. */
export function outputPathOf(url: string): string {
  const path = url.replace(/^\/+/, '')
  return path === '' || path.endsWith('/') ? `${path}index.html` : path
}

/**
 * Hash of all a page can read beside its own view: the templates, the site and
 * record code (src/parse, src/records, src/render, src/site), dependency versions, and the options (config included) that shape
 * the output. Any change to these renders every page again.
 */
export function siteKey(templatesDir: string, options: Record<string, unknown>): string {
  const hash = createHash('sha256').update(`format ${MANIFEST_FORMAT}\n`)
  const roots: Array<[string, string[]]> = [
    [templatesDir, ['**/*']],
    // Search and CLI code do not shape pages (the search bundle is rebuilt by its own stage).
    // The config is not hashed as a file: buildSite passes the config it loads among `options`.
    [repoRoot, ['src/{parse,records,render,site}/**/*.ts', '.eleventy.js', 'package-lock.json']]
  ]
  for (const [cwd, patterns] of roots) hashFiles(hash, cwd, patterns)
  hash.update(stableStringify(options))
  return hash.digest('hex')
}

/** Key of one page's view: its JSON (views are plain data; the archive is shared by reference, not copied). */
export function pageKey(view: unknown): string {
  return createHash('sha256').update(JSON.stringify(view)).digest('base64url')
}

/** The parts of a record page view that carry its whole record: the body HTML and the record itself. */
interface RecordView {
  [key: string]: unknown
  url: string
  html?: unknown
  record?: { id: string; source: { path: string; sha256: string } }
}

/**
 * What a record page's key is computed from. Its body HTML and its record are
 * functions of the file's bytes and path, the code and the config (all but the
 * bytes are in the site key), except the id, which depends on the other paths;
 * so they are keyed by path, content hash and id instead of being serialised:
 * hashing the corpus's HTML and records on every build cost a second (docs/performance.md).
 */
export function recordKeyView(view: RecordView | { url: string }): unknown {
  if (!('record' in view) || !view.record) return view
  const { html: _html, record, ...rest } = view
  return { ...rest, record: [record.source.path, record.source.sha256, record.id] }
}

/**
 * Key of the exports: every record's path, content hash and id (the rest of a
 * record follows from these, the code and the config, which the site key covers).
 */
export function exportsKey(records: ReadonlyArray<{ id: string; source: { path: string; sha256: string } }>): string {
  const hash = createHash('sha256')
  for (const r of records) hash.update(`${r.source.path}\0${r.source.sha256}\0${r.id}\n`)
  return hash.digest('base64url')
}

/** The previous manifest of `outDir`, or null when there is none usable (old marker, other format). */
export function readManifest(outDir: string): Manifest | null {
  const path = join(outDir, MANIFEST_FILE)
  if (!existsSync(path)) return null
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Manifest
    return parsed.format === MANIFEST_FORMAT && typeof parsed.siteKey === 'string' && parsed.pages ? parsed : null
  } catch {
    return null
  }
}

/**
 * Plan a build: every page's key, and which pages to render given the previous
 * manifest (null: render everything). Pages whose output file is missing are
 * rendered even when their key matches, so a hand-deleted page comes back.
 */
export function planRender<T extends Paginated>(
  families: T,
  siteKeyValue: string,
  given: Manifest | null,
  outDir: string,
  maskKey = ''
): RenderPlan<T> {
  // A page kept from the previous build was masked with the previous addresses: keep none
  // when they changed (an address that became a focal point must leave every page).
  const previous = given && (given.maskKey ?? '') === maskKey ? given : null
  const pages: Record<string, string> = {}
  let reused = 0
  const render = {} as T
  for (const family of Object.keys(families) as Array<keyof Paginated>) {
    const items = families[family]
    const todo: Array<{ url: string }> = []
    for (const item of items) {
      const path = outputPathOf(item.url)
      // recordKeyView leaves views without a record (lists, feeds, overviews) as they are.
      const key = pageKey(recordKeyView(item))
      pages[path] = key
      if (previous && previous.pages[path] === key && existsSync(join(outDir, path))) reused++
      else todo.push(item)
    }
    ;(render as Paginated)[family] = todo
  }
  const stale = given ? Object.keys(given.pages).filter((path) => !(path in pages)) : []
  return { render, manifest: { format: MANIFEST_FORMAT, siteKey: siteKeyValue, pages, ...(maskKey ? { maskKey } : {}) }, stale, reused }
}

/** Delete pages that no longer exist, and the folders they leave empty. */
export async function removeStale(outDir: string, stale: readonly string[]): Promise<void> {
  const root = resolve(outDir)
  for (const path of stale) {
    const file = resolve(root, path)
    // Manifest paths come from our own permalinks; still, never delete outside the output folder.
    if (!file.startsWith(root + sep)) continue
    await rm(file, { force: true })
    let dir = dirname(file)
    while (dir !== root && dir.startsWith(root + sep)) {
      const left = await readdir(dir).catch(() => null)
      if (!left || left.length > 0) break
      await rmdir(dir).catch(() => undefined)
      dir = dirname(dir)
    }
  }
}

/**
 * Keep the marker but drop the page keys: for writers that do not keep the
 * manifest up to date (the dev server), so the next build renders everything.
 */
export async function invalidateManifest(outDir: string, create = false): Promise<void> {
  if (!create && !existsSync(join(outDir, MANIFEST_FILE))) return
  await writeManifest(outDir, { format: MANIFEST_FORMAT, siteKey: '', pages: {} })
}

/** Write the manifest: it doubles as the marker that lets the next build reuse or empty the folder. */
export async function writeManifest(outDir: string, manifest: Manifest): Promise<void> {
  await writeFile(join(outDir, MANIFEST_FILE), JSON.stringify(manifest) + '\n')
}
