/**
 * The site stage of a build: the output folder prepared, the corpus loaded and
 * rendered by Eleventy, stale pages removed and the manifest written. The
 * pipeline that runs it and then the search stage is `src/build.ts`.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import Eleventy from '@11ty/eleventy'
import { UserError } from '../records/errors.ts'
import type { LoadedArchive, Problem } from './data.ts'
import { invalidateManifest, MANIFEST_FILE, removeStale, writeManifest } from './incremental.ts'
import { startPageWriter } from './page-writer.ts'
import { eleventyOptions, type ArchiveRun } from './plugin.ts'
import type { SiteOptions } from './options.ts'
import { resolveSite, type SiteBuildOptions } from './resolve.ts'

export type { SiteBuildOptions } from './resolve.ts'


/** What the site stage did, for the build's summary. */
export interface SiteSummary {
  records: number
  fromCache: number
  parsed: number
  /** HTML, XML and text files Eleventy rendered and the build wrote (pages, feeds, sitemap…). */
  pagesWritten: number
  /** Pages kept unchanged from the previous build (incremental build). */
  pagesReused: number
  /** Diagnostics of the records: every file still gets its page, whatever they say. */
  errors: number
  warnings: number
  /** The first few errors, then warnings, with their file (relative to the content folder), line and column. */
  problems: Problem[]
  /** Loader time (parse + render of bodies). */
  parseSeconds: number
  /** Eleventy time, loader excluded. */
  siteSeconds: number
  outDir: string
}

/**
 * Empty the output folder when a previous build wrote it (its manifest,
 * `MANIFEST_FILE`, is the marker), or only its search bundle when its pages
 * are reused; refuse to touch other non-empty folders.
 * The folder then holds a manifest without page keys until the build succeeds,
 * so a build that fails half-way leaves a folder the next build recognises as
 * ours and renders again in full.
 * Old entries are moved aside (see `setAside`) for `discardOld` once the build is done.
 */
async function prepareOutDir(outDir: string, reuse: boolean): Promise<void> {
  const entries = existsSync(outDir) ? await readdir(outDir) : []
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new UserError(
      `refusing to build into ${outDir}: the folder is not empty and was not written by plan-archive build, so its files could be yours. Nothing was deleted. Name an empty or new folder with --out DIR.`
    )
  }
  await setAside(outDir, reuse ? entries.filter((e) => e === 'pagefind') : entries)
  await mkdir(outDir, { recursive: true })
  await invalidateManifest(outDir, true)
}

/** Prefix of the hidden sibling folders that hold a previous build's entries until the new one is done. */
const oldPrefix = (outDir: string): string => `.${basename(resolve(outDir))}-old-`

/**
 * Move entries of the output folder to a hidden sibling folder (a rename is
 * instant) instead of deleting them before the build. Why: on this disk,
 * for about a minute after a few hundred MB are deleted, creating a folder or
 * a file costs many times more kernel time (docs/performance.md), so the old
 * build is deleted after the new one is written.
 * Entries that cannot be moved (the parent is read-only, another file
 * system) are deleted here as before.
 */
async function setAside(outDir: string, entries: string[]): Promise<void> {
  if (entries.length === 0) return
  const old = await mkdtemp(join(dirname(resolve(outDir)), oldPrefix(outDir))).catch(() => null)
  for (const entry of entries) {
    const from = join(outDir, entry)
    const moved = old ? await rename(from, join(old, entry)).then(() => true, () => false) : false
    if (!moved) await rm(from, { recursive: true, force: true })
  }
}

/** Delete what `setAside` moved, and any such folder an interrupted build left behind. */
export async function discardOld(outDir: string): Promise<void> {
  const parent = dirname(resolve(outDir))
  const prefix = oldPrefix(outDir)
  const names = await readdir(parent).catch(() => [] as string[])
  await Promise.all(names.filter((name) => name.startsWith(prefix)).map((name) => rm(join(parent, name), { recursive: true, force: true })))
}

/**
 * Resolve the options (resolveSite, unless given) and prepare the output folder for an
 * (incremental) build: kept, or emptied (moved aside). Call `discardOld(options.outDir)`
 * when the build is over.
 * @throws UserError for unusable folders or config (checked before anything is written or deleted)
 */
export async function prepareSite(partial: SiteBuildOptions = {}, resolved?: SiteOptions): Promise<SiteOptions> {
  const options = resolved ?? (await resolveSite(partial))
  await prepareOutDir(options.outDir, Boolean(options.incremental?.previous))
  return options
}

/** Render the site into a prepared output folder; never throws on content. */
export async function renderSite(options: SiteOptions, verbose = false): Promise<{ loaded: LoadedArchive; summary: SiteSummary }> {
  const started = performance.now()
  // Eleventy renders; the page writer thread writes (see page-writer.ts), hence the dry run.
  const writer = startPageWriter()
  options.pageWriter = writer
  const run: ArchiveRun = { loaded: null, pagesRendered: 0 }
  const eleventy = new Eleventy(options.templatesDir, options.outDir, {
    ...eleventyOptions(options, run),
    quietMode: !verbose,
    dryRun: true
  })
  // Its closing line would say "Wrote 0 files" (a dry run): the CLI prints its own summary.
  if (!verbose) eleventy.disableLogger()
  let pagesWritten: number
  try {
    await eleventy.init()
    // Its slow-step notes ("[11ty] Benchmark 312ms 26% …") have loggers of their own that
    // quiet mode and disableLogger leave on; a build that says --quiet prints nothing.
    if (!verbose) for (const group of Object.values(eleventy.bench.getAll())) group.setIsVerbose(false)
    await eleventy.write()
    pagesWritten = (await writer.close()).pages
  } catch (error) {
    await writer.abort()
    throw error
  }
  const loaded = run.loaded
  if (!loaded) throw new Error('Eleventy did not load the archive data')
  if (!loaded.plan) throw new Error('the archive plugin made no render plan')
  await removeStale(options.outDir, loaded.plan.stale)
  await writeManifest(options.outDir, loaded.plan.manifest)
  const parseSeconds = loaded.load.stats.seconds
  const summary: SiteSummary = {
    records: loaded.load.records.length,
    fromCache: loaded.load.stats.fromCache,
    parsed: loaded.load.stats.parsed,
    pagesWritten,
    pagesReused: loaded.plan.reused,
    errors: loaded.problems.errors,
    warnings: loaded.problems.warnings,
    problems: loaded.problems.first,
    parseSeconds,
    siteSeconds: Math.max(0, (performance.now() - started) / 1000 - parseSeconds),
    outDir: options.outDir
  }
  return { loaded, summary }
}
