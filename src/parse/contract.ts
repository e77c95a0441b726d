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
