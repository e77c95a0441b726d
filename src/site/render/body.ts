/**
 * STUB (being written): render a record's mdast to sanitised HTML.
 * Contract: pure, never throws, output safe to insert into a page as-is.
 */
import type { Root } from 'mdast'
import type { ArchiveRecord } from '../../records/types.ts'

export function renderBody(_tree: Root, _record: ArchiveRecord): string {
  return ''
}
