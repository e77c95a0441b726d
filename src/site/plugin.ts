/**
 * The Eleventy plugin that wires the archive into Eleventy: global data from
 * our loader, filters, the HTML base plugin, passthrough copies, watch
 * targets, and the files written beside the pages (open data, lifted images).
 * `.eleventy.js` only adds this plugin.
 */
import { createWriteStream, existsSync } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { once } from 'node:events'
import { join, relative, resolve } from 'node:path'
import fg from 'fast-glob'
import rssPlugin from '@11ty/eleventy-plugin-rss'
import { releaseAssets } from '../parse/load.ts'
import { loadArchive, type LoadedArchive } from './data.ts'
import { SEARCH_FILTERS_FILE, searchFiltersModule } from './emit/search-filters.ts'
import { recordsCsv, recordsJsonChunks } from './exports.ts'
import { filtersPlugin, templateFields } from './filters.ts'
import { exportsKey, planRender } from './incremental.ts'
import { archiveMask, archiveMaskKey, type OutputMask } from './mask-output.ts'
import { cacheNunjucksCompilation } from './nunjucks-compile-cache.ts'
import { splitBaseUrl, type SiteOptions } from './options.ts'
import { urls } from './urls.ts'

/** What the write-page transform leaves Eleventy of a page the writer thread has taken. */
const WRITTEN = '<!-- written by the page writer -->'

/**
 * What an Eleventy run reports back to whoever started it (the build's summary, serve's
 * line per rebuild): the archive it loaded and how many pages it has rendered so far.
 */
export interface ArchiveRun {
  loaded: LoadedArchive | null
  pagesRendered: number
}

/** The plugin's options: the site options, and the run it reports to. */
export interface ArchivePluginOptions {
  options: SiteOptions
  run: ArchiveRun
}

/**
 * SVG is a document, not just an image: opened directly from /assets/ it runs
 * its scripts with the site's origin. Lifted SVGs with script, event handlers
 * or javascript: URLs are therefore not published (the image then shows its alt text).
 */
export function isActiveSvg(bytes: Buffer): boolean {
  return /<script|\son[a-z]+\s*=|javascript:|<foreignObject/i.test(bytes.toString('utf8'))
}

/** Lifted image names: a content hash and an extension (see src/parse/assets.ts). */
const LIFTED_NAME = /^[0-9a-f]{16}\.[a-z0-9]+$/

/**
 * Copy the lifted images the records refer to into `<outDir>/assets/`, skipping
 * files already there at the same size, and delete lifted images no record
 * refers to any more (the cache's asset folder keeps images of older versions).
 */
async function copyAssets(assetDir: string, outDir: string, wanted: ReadonlySet<string>): Promise<number> {
  const target = join(outDir, 'assets')
  await mkdir(target, { recursive: true })
  let copied = 0
  for (const name of [...wanted].sort()) {
    const from = join(assetDir, name)
    const to = join(target, name)
    const size = (await stat(from).catch(() => null))?.size
    if (size === undefined) continue
    const existing = await stat(to).catch(() => null)
    if (existing && existing.size === size) continue
    if (name.endsWith('.svg') && isActiveSvg(await readFile(from))) continue
    await copyFile(from, to)
    copied++
  }
  for (const name of await readdir(target)) {
    if (LIFTED_NAME.test(name) && !wanted.has(name)) await rm(join(target, name), { force: true })
  }
  return copied
}

/** The files of `templates/assets/` (the passthrough copy), as output paths relative to the site and their bytes. */
async function siteAssets(templatesDir: string): Promise<[string, Buffer][]> {
  const dir = join(templatesDir, 'assets')
  const names = (await fg('**/*', { cwd: dir, dot: true, onlyFiles: true })).sort()
  return Promise.all(names.map(async (name): Promise<[string, Buffer]> => [join('assets', name), await readFile(join(dir, name))]))
}

/** Stream a large export to disk chunk by chunk, each masked (records.json of the full corpus is tens of MB). */
async function writeChunks(path: string, chunks: Iterable<string>, mask: OutputMask): Promise<void> {
  const out = createWriteStream(path)
  for (const chunk of chunks) if (!out.write(mask(chunk))) await once(out, 'drain')
  out.end()
  await once(out, 'finish')
}

/**
 * What `new Eleventy(input, output, …)` needs for the archive: the project's
 * `.eleventy.js` (folders, template formats) and this plugin, with `options` and `run`.
 */
export function eleventyOptions(options: SiteOptions, run: ArchiveRun) {
  return {
    configPath: resolve('.eleventy.js'),
    pathPrefix: splitBaseUrl(options.baseUrl).pathPrefix,
    config: (eleventyConfig: any) => eleventyConfig.addPlugin(archivePlugin, { options, run })
  }
}

/**
 * Eleventy plugin: the archive site. The build and serve commands add it through
 * Eleventy's `config` option, with their options and a run object to report to
 * (no module state: two runs in one process never see each other's).
 */
export default function archivePlugin(eleventyConfig: any, { options, run }: ArchivePluginOptions): void {
  const { pathPrefix, siteUrl } = splitBaseUrl(options.baseUrl)

  // Autoescape every {{ }}: only renderBody output, the map SVG and JSON-LD are marked safe.
  eleventyConfig.setNunjucksEnvironmentOptions({ autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true })
  cacheNunjucksCompilation()
  // The RSS plugin adds Eleventy's HTML base plugin, which prefixes every internal URL of
  // the HTML with the path prefix. Never add that plugin here as well: Eleventy drops a
  // second copy only among top-level plugins, and from inside this one both ran, writing
  // `/repo/repo/` into every link (tests/site/base-path.test.ts serves a build under a sub-path).
  eleventyConfig.addPlugin(rssPlugin)
  eleventyConfig.addPlugin(filtersPlugin, { pathPrefix, siteUrl })

  // Every site path of the templates, permalinks included, comes from this one table.
  eleventyConfig.addGlobalData('urls', urls)
  // What templates say about the free-text fields (labels, which count for related records) comes from the registry.
  eleventyConfig.addGlobalData('fields', templateFields)
  eleventyConfig.addGlobalData('archive', async () => {
    const last = await loadArchive(options)
    run.loaded = last
    options.onLoaded?.(last)
    if (options.incremental) {
      // archive.render starts as every page of each family; the plan narrows it.
      const { siteKey, previous } = options.incremental
      last.plan = planRender(last.archive.render, siteKey, previous, options.outDir, archiveMaskKey(last.archive.plain, last.archive.site.publishEmails))
      last.archive.render = last.plan.render
    }
    return last.archive
  })

  eleventyConfig.addPassthroughCopy({ [relative(process.cwd(), join(options.templatesDir, 'assets')) || '.']: 'assets' })
  // src/ is not watched here: `plan-archive serve` restarts its server when src/ changes
  // (modules cannot be re-imported), and a rebuild on top of that was wasted work.
  eleventyConfig.addWatchTarget(options.contentDir)

  eleventyConfig.on('eleventy.before', () => {
    run.pagesRendered = 0
  })
  eleventyConfig.addTransform('count-pages', function (content: string) {
    run.pagesRendered++
    if (run.pagesRendered % 2000 === 0) options.onRenderProgress?.(run.pagesRendered)
    return content
  })
  // The last privacy pass (mask-output.ts): no focal point's address in any page, feed or
  // sitemap, whichever field, template or attribute printed it. Before the page writer.
  eleventyConfig.addTransform('mask-focal-points', function (content: unknown) {
    const last = run.loaded
    return last && typeof content === 'string' ? archiveMask(last.archive.plain, last.archive.site.publishEmails)(content) : content
  })
  // The build runs Eleventy dry and writes the pages on a thread of its own (see
  // page-writer.ts). Added last, so the page is written as every transform left it.
  const writer = options.pageWriter
  if (writer) {
    eleventyConfig.addTransform('write-page', async function (this: { page: { outputPath: unknown } }, content: unknown) {
      const path = this.page.outputPath
      if (typeof path !== 'string' || !(typeof content === 'string' || content instanceof Uint8Array)) return content
      await writer.write(path, content)
      // Eleventy keeps every page's final content (a cached promise per page) until the
      // build ends, 300 MB on the corpus, and a dry run only discards it: the page is
      // written, so what Eleventy keeps is this marker.
      return WRITTEN
    })
  }

  // The event's `dir.output` is the config's, not the programmatic one: use ours.
  eleventyConfig.on('eleventy.after', async () => {
    const last = run.loaded
    if (!last) return
    const outDir = options.outDir
    const publish = last.archive.site.publishEmails
    await mkdir(outDir, { recursive: true })
    // The exports of the full corpus take a second to write: an incremental build keeps them when no record changed.
    const key = last.plan ? exportsKey(last.archive.plain) : null
    const [json, csv] = [join(outDir, 'records.json'), join(outDir, 'records.csv')]
    const unchanged = key !== null && options.incremental?.previous?.exports === key && existsSync(json) && existsSync(csv)
    if (!unchanged) {
      // Each record's `url` as a reader reaches it: absolute when the site URL is known.
      const exportOptions = { publishEmails: publish, baseUrl: siteUrl ?? pathPrefix }
      // publicRecord masks a record's own focal points; the archive's mask catches the others' too.
      const mask = archiveMask(last.archive.plain, publish)
      await writeChunks(json, recordsJsonChunks(last.archive.plain, exportOptions), mask)
      await writeFile(csv, mask(recordsCsv(last.archive.plain, exportOptions)))
    }
    if (last.plan && key) last.plan.manifest.exports = key
    const wanted = new Set(last.archive.plain.flatMap((record) => record.assets.map((asset) => asset.name)))
    await copyAssets(last.load.assetDir, outDir, wanted)
    // A dry Eleventy run copies no passthrough files: the writer takes the site's own assets too.
    if (writer) for (const [to, bytes] of await siteAssets(options.templatesDir)) await writer.copy(join(outDir, to), bytes)
    // The search page's filter list, from the registry (written the same way in a dry run or not).
    const filters = Buffer.from(searchFiltersModule())
    if (writer) await writer.copy(join(outDir, SEARCH_FILTERS_FILE), filters)
    else await mkdir(join(outDir, 'assets'), { recursive: true }).then(() => writeFile(join(outDir, SEARCH_FILTERS_FILE), filters))
    releaseAssets(last.load)
    await options.onBuilt?.(last)
  })
}
