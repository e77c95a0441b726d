/**
 * Stage 6: Markdown → mdast with unified + remark-parse + remark-gfm. The
 * processor is built once per module (per worker) and reused for every file.
 */
import type { Root } from 'mdast'
import remarkGfm from 'remark-gfm'
import remarkParse from 'remark-parse'
import { unified } from 'unified'

const processor = unified().use(remarkParse).use(remarkGfm).freeze()

/** Parse a Markdown body into mdast (GFM tables, autolinks, strikethrough, task lists). */
export function toMdast(body: string): Root {
  // remark-gfm only adds micromark/mdast extensions, so `parse` yields the full GFM tree: no `run` needed.
  return processor.parse(body)
}
