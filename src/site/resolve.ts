/**
 * The options of a build, resolved without writing anything and without loading
 * Eleventy: a build with nothing to do (src/build-key.ts) stops after this.
 */
import { checkFolders } from './folders.ts'
import { readManifest, siteKey } from './incremental.ts'
import { resolveSiteOptions, type SiteOptions } from './options.ts'

export interface SiteBuildOptions extends Partial<Omit<SiteOptions, 'incremental'>> {
  /** Reuse unchanged pages of the previous build in the output folder (default true; see incremental.ts). */
  incremental?: boolean
  /** Eleventy's own console output (default false). */
  verbose?: boolean
  /** The config file (`--config`); default: found from the content folder up to the repository root, then the working directory. */
  configFile?: string
}

/**
 * Check the folders and resolve the options: the site key of this build, and the previous
 * build's manifest when the output folder holds one with the same key. Writes nothing.
 * @throws UserError for unusable folders or config
 */
export async function resolveSite(partial: SiteBuildOptions = {}): Promise<SiteOptions & { incremental: NonNullable<SiteOptions['incremental']> }> {
  const { incremental, ...siteOptions } = partial
  await checkFolders(siteOptions.contentDir ?? 'content', siteOptions.outDir ?? 'dist')
  const options = resolveSiteOptions(siteOptions)
  const key = siteKey(options.templatesDir, { baseUrl: options.baseUrl, publishEmails: options.publishEmails, config: options.config })
  const previous = incremental === false ? null : readManifest(options.outDir)
  const incrementalOptions = { siteKey: key, previous: previous !== null && previous.siteKey === key ? previous : null }
  options.incremental = incrementalOptions
  return Object.assign(options, { incremental: incrementalOptions })
}

