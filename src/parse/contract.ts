/**
 * The parse stage's boundary: bytes in, one record (plus its mdast and lifted
 * assets) out. Never throws on content.
 */
import type { Root } from 'mdast'
import type { Config } from '../records/config.ts'
import type { ArchiveRecord } from '../records/types.ts'

export interface ParseInput {
  /** Path relative to the content root, `/`-separated; drives id and kind. */
  path: string
  bytes: Uint8Array
}

export interface Asset {
  name: string
  mime: string
  data: Uint8Array
}

export interface ParseResult {
  record: ArchiveRecord
  /** The mdast of `record.body`, reused by the site (never parsed twice). */
  tree: Root
  assets: Asset[]
}

export type ParseFile = (input: ParseInput, config?: Config) => ParseResult

/** What the config says about rendering a body. */
export interface RenderOptions {
  publishEmails?: boolean
  /** Kinds whose `> ` quotes are form prompts (default: the config's default `formKinds`). */
  formKinds?: readonly string[]
}

/**
 * The render stage as the parse threads call it: a record's mdast to sanitised
 * HTML, never throwing. The threads load it from the module the caller names
 * (`LoadOptions.renderModule`), so this stage never imports the one above it.
 */
export type RenderBody = (tree: Root, record: ArchiveRecord, options?: RenderOptions) => string

/** Options of the corpus loader (`src/parse/load.ts`): pool, cache and rendering. */
export interface LoadOptions {
  contentDir: string
  /** Cache folder keyed by content hash; default `.cache/plan-archive` under cwd; null disables. */
  cacheDir?: string | null
  config?: Config
  /** Worker threads; default: number of cores. 0 parses on the main thread. */
  workers?: number
  /**
   * URL of a module exporting a `RenderBody` named `renderBody` (the site passes
   * `src/render/body.ts`): when given, the workers also render each body to sanitised HTML.
   */
  renderModule?: string
  onProgress?: (done: number, total: number) => void
}

export interface LoadedRecord {
  record: ArchiveRecord
  /** Sanitised HTML of the body, when a `renderModule` was given. */
  html: string | null
}

export interface LoadResult {
  /** Sorted by `source.path`; ids already made unique across the corpus. */
  records: LoadedRecord[]
  /** Folder that holds every lifted asset file by name (copy to `dist/assets/`). */
  assetDir: string
  stats: { files: number; fromCache: number; parsed: number; seconds: number }
}
