/**
 * The commit path of the search index. Most commits change a handful of
 * records, and those fall in every shard, so re-indexing the shards that hold
 * them costs seconds per shard. Instead, while few pages changed since the
 * shards were last indexed (their base), only those pages are indexed, as one
 * small extra bundle, the delta (`pagefind/d/`), and the manifest lists the
 * pages of the base shards it replaces or that are gone (`superseded`): the
 * search page drops them from every answer and takes their filter values off
 * the counts, so results and counts stay those of one index of the current pages.
 * The superseded pages' fragments (their text) are removed from the output; their
 * words stay in the base shard's index until it is indexed again, which happens
 * once more than `DELTA_MAX` pages have changed since it was.
 */
import { createHash } from 'node:crypto'
import type { ShardBundle } from './bundle.ts'
import type { SearchPage } from './shards.ts'

/** Changed, added and removed pages a delta may cover; beyond, their shards are indexed again and become the new base. */
export const DELTA_MAX = 200

/** The slot of the delta bundle. */
export const DELTA_SLOT = -1

/** The folder of a slot's bundle inside `pagefind/`: `s0/`…, and `d/` for the delta. */
export function shardPath(slot: number): string {
  return slot === DELTA_SLOT ? 'd/' : `s${slot}/`
}

/** Pages of the base shards that the delta replaces or that are gone: shard folder → page id → its filter values. */
export type Superseded = Record<string, Record<string, Record<string, string[]>>>

export interface DeltaPlan {
  /** The base bundles of the slots whose key changed, kept as they are. */
  bases: ShardBundle[]
  /** The pages to index in the delta: changed and added since their base. */
  pages: SearchPage[]
  superseded: Superseded
}

/**
 * Plan a delta for the slots whose key changed, or say that their shards must be indexed again.
 * @param missed each such slot's current pages and its base (the slot's last cached bundle)
 * @returns null when a slot has no base with its pages listed, when a page it would supersede
 *   held an e-mail-like text (its fragment must not stay in any index), or when more than `DELTA_MAX` pages changed
 */
export function planDelta(missed: ReadonlyArray<{ pages: readonly SearchPage[]; base: ShardBundle | null }>): DeltaPlan | null {
  const plan: DeltaPlan = { bases: [], pages: [], superseded: {} }
  let covered = 0
  for (const { pages, base } of missed) {
    if (!base || base.pages.length === 0) return null
    const before = new Map(base.pages.map((page) => [page.url, page]))
    const gone: Record<string, Record<string, string[]>> = {}
    for (const page of pages) {
      const old = before.get(page.url)
      before.delete(page.url)
      if (old && old.sha256 === page.sha256) continue
      plan.pages.push(page)
      if (old) gone[old.id] = old.filters
      covered++
    }
    for (const old of before.values()) {
      gone[old.id] = old.filters
      covered++
    }
    const emails = new Set(base.emails)
    if (base.pages.some((page) => page.id in gone && emails.has(page.url))) return null
    if (Object.keys(gone).length) plan.superseded[shardPath(base.slot)] = gone
    plan.bases.push(base)
  }
  return covered <= DELTA_MAX ? plan : null
}

/** The key a base shard's folder is published under: its bundle's key, and the pages removed from it. */
export function publishedKey(key: string, superseded: Record<string, unknown> | undefined): string {
  const ids = Object.keys(superseded ?? {}).sort()
  return ids.length ? `${key}+${createHash('sha256').update(ids.join('\n')).digest('hex').slice(0, 16)}` : key
}
