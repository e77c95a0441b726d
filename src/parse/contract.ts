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

/** Options of the corpus loader (`src/parse/load.ts`): pool, cache and rendering. */
export interface LoadOptions {
  contentDir: string
  /** Cache folder keyed by content hash; default `.cache/plan-archive` under cwd; null disables. */
  cacheDir?: string | null
  config?: Config
  /** Worker threads; default: number of cores. 0 parses on the main thread. */
  workers?: number
  /** Also render each body to sanitised HTML in the workers (the site needs it). */
  render?: boolean
  onProgress?: (done: number, total: number) => void
}

export interface LoadedRecord {
  record: ArchiveRecord
  /** Sanitised HTML of the body, when `render` was asked for. */
  html: string | null
}

export interface LoadResult {
  /** Sorted by `source.path`; ids already made unique across the corpus. */
  records: LoadedRecord[]
  /** Folder that holds every lifted asset file by name (copy to `dist/assets/`). */
  assetDir: string
  stats: { files: number; fromCache: number; parsed: number; seconds: number }
}
