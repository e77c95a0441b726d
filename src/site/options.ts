/**
 * Site build options: resolved by the build and serve commands and handed to the
 * archive plugin through Eleventy's `config` option (`eleventyOptions` in plugin.ts).
 */
import { resolve } from 'node:path'
import { loadProjectConfig, type Config } from '../records/config.ts'
import type { LoadedArchive } from './data.ts'
import type { Manifest } from './incremental.ts'
import type { PageWriter } from './page-writer.ts'

export interface SiteOptions {
  /** Corpus folder (Markdown files). */
  contentDir: string
  /** Output folder of the built site. */
  outDir: string
  /** Templates folder (Eleventy input). */
  templatesDir: string
  /** `--base-url`: a full URL (`https://org.github.io/repo/`) or a path (`/repo/`). */
  baseUrl: string | null
  /** Publish focal-point e-mails in full (overrides the project config when set). */
  publishEmails: boolean | null
  /** The project config, validated (see `resolveSiteOptions`). */
  config: Config
  /** Parse cache folder; null disables it. */
  cacheDir: string | null
  /** Worker threads of the corpus loader (undefined: one per core). */
  workers?: number
  /** Called with loader progress on a long build. */
  onProgress?: (done: number, total: number) => void
  /** Test hook of the loader: a module exporting `parseFile` to use instead of src/parse/index.ts. */
  parserModule?: string
  /** Called every few thousand pages Eleventy renders. */
  onRenderProgress?: (pages: number) => void
  /**
   * Set by `buildSite`: the site key of this build and the previous build's
   * manifest (null: render every page). Unset (serve, tests): render everything.
   */
  incremental?: { siteKey: string; previous: Manifest | null }
  /** Set by `buildSite`: Eleventy runs dry and this thread writes what it renders. Unset (serve): Eleventy writes. */
  pageWriter?: PageWriter
  /**
   * Called at the end of each Eleventy build (after the pages and the files beside
   * them are written) with the archive it loaded: `plan-archive serve` indexes the
   * site for search here, before the dev server reloads the browser.
   */
  onBuilt?: (loaded: LoadedArchive) => Promise<void>
  /** Called as soon as the archive is loaded, before any page renders: `buildSite` starts the search stage's word count there. */
  onLoaded?: (loaded: LoadedArchive) => void
}

/**
 * Defaults resolved against the current working directory (the project root). The
 * config is `partial.config`, else `configFile`, else the one found from the content
 * folder up to the repository root, else in the working directory.
 * @throws ConfigError when that file is not a valid config
 */
export function resolveSiteOptions(partial: Partial<SiteOptions> & { configFile?: string } = {}): SiteOptions {
  const contentDir = resolve(partial.contentDir ?? 'content')
  return {
    contentDir,
    config: partial.config ?? loadProjectConfig({ file: partial.configFile, contentDir, cwd: process.cwd() }).config,
    outDir: resolve(partial.outDir ?? 'dist'),
    templatesDir: resolve(partial.templatesDir ?? 'templates'),
    baseUrl: partial.baseUrl ?? null,
    publishEmails: partial.publishEmails ?? null,
    cacheDir: partial.cacheDir === undefined ? resolve('.cache/plan-archive') : partial.cacheDir,
    workers: partial.workers,
    parserModule: partial.parserModule,
    onProgress: partial.onProgress,
    onRenderProgress: partial.onRenderProgress,
    onBuilt: partial.onBuilt
  }
}

/** Split `--base-url` into Eleventy's path prefix and the absolute site URL (null when only a path was given). */
export function splitBaseUrl(baseUrl: string | null): { pathPrefix: string; siteUrl: string | null } {
  if (!baseUrl) return { pathPrefix: '/', siteUrl: null }
  let url: URL | null = null
  try {
    url = new URL(baseUrl)
  } catch {
    url = null
  }
  const path = url ? url.pathname : baseUrl
  const pathPrefix = `/${path.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/`.replace(/^\/\/$/, '/')
  return { pathPrefix, siteUrl: url ? `${url.origin}${pathPrefix}` : null }
}
