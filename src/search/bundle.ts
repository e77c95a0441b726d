/**
 * The written search bundle: shard folders, the files they share, the
 * manifest the search page reads, and the shard cache.
 *
 *     pagefind/pagefind.js, wasm.<lang>.pagefind   shared: identical in every shard bundle
 *     pagefind/shards.json                         { version, shards: [{ path, pages, key }] }
 *     pagefind/s<i>/                               pagefind-entry.json, *.pf_meta, index/, filter/, fragment/
 *     pagefind/d/                                  the delta, when pages changed since the shards were indexed (delta.ts)
 *
 * Pagefind's JS fetches `<basePath>wasm.<lang>.pagefind` for each instance; the
 * search page answers those requests for shard folders with the one shared file
 * (see templates/assets/search.js), and tests/search/bundle-shape.test.ts fails
 * if Pagefind's output stops looking like this.
 */
import { copyFile, link, mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { DELTA_SLOT, publishedKey, shardPath, type Superseded } from './delta.ts'
import type { ShardPage } from './privacy-scan.ts'

export interface ShardBundle {
  slot: number
  key: string
  /** Folder holding the shard's Pagefind output (in the cache, or already in place). */
  dir: string
  /** Pages of this shard whose indexed text holds an e-mail-like string. */
  emails: string[]
  /** Every page of the shard, with its id and filter values (what a delta needs to supersede it). */
  pages: ShardPage[]
  /** Hash of the settings it was indexed with (Pagefind version, options, format, shard count): a delta builds only on a base of the same. */
  settings: string
}

export interface ShardManifest {
  version: string
  /** Each shard's folder, page count and cache key (the key lets the next build keep the folder as it is). */
  shards: { path: string; pages: number; key: string }[]
  /** Pages of the shards that the delta replaces or that are gone (delta.ts). */
  superseded?: Superseded
}

/** Files every shard bundle has identically: kept once, at the top of `pagefind/`. */
export const isShared = (name: string): boolean => name === 'pagefind.js' || /^wasm\.[\w-]+\.pagefind$/.test(name)

/** What a shard folder keeps; the rest (Pagefind's prebuilt UIs, worker, highlight script) is not used. */
const isShardFile = (name: string): boolean =>
  name === 'pagefind-entry.json' || name.endsWith('.pf_meta') || name === 'index' || name === 'filter' || name === 'fragment'

/** The folder of shard `slot` (of `shards`) under the cache (`<shards>-delta` for the delta). */
const slotDir = (cacheDir: string, shards: number, slot: number): string => join(cacheDir, `${shards}-${slot === DELTA_SLOT ? 'delta' : slot}`)

/** Where a shard with this key is written when caching (inside the cache, so it is stored as it is written). */
export const cachedShardDir = (cacheDir: string, shards: number, slot: number, key: string): string =>
  join(slotDir(cacheDir, shards, slot), key, 'bundle')

/** The cached bundle of a shard key, or null when it is not (completely) there. */
export async function cachedShard(cacheDir: string, shards: number, slot: number, key: string): Promise<ShardBundle | null> {
  const dir = join(slotDir(cacheDir, shards, slot), key)
  try {
    const info = JSON.parse(await readFile(join(dir, 'done.json'), 'utf8')) as { emails: string[]; pages?: ShardPage[]; settings?: string }
    return { slot, key, dir: join(dir, 'bundle'), emails: info.emails, pages: info.pages ?? [], settings: info.settings ?? '' }
  } catch {
    return null
  }
}

/** The bundle cached last for a slot, whatever its key (a slot keeps one), or null. */
export async function latestShard(cacheDir: string, shards: number, slot: number): Promise<ShardBundle | null> {
  let keys: string[]
  try {
    keys = await readdir(slotDir(cacheDir, shards, slot))
  } catch {
    return null
  }
  return keys.length === 1 ? cachedShard(cacheDir, shards, slot, keys[0]!) : null
}

/** Mark a freshly written shard complete in the cache and drop the slot's other keys. */
export async function storeShard(cacheDir: string, shards: number, bundle: ShardBundle): Promise<ShardBundle> {
  const slot = slotDir(cacheDir, shards, bundle.slot)
  for (const name of await readdir(bundle.dir)) {
    if (!isShardFile(name) && !isShared(name)) await rm(join(bundle.dir, name), { recursive: true, force: true })
  }
  await writeFile(join(slot, bundle.key, 'done.json'), JSON.stringify({ emails: bundle.emails, pages: bundle.pages, settings: bundle.settings }) + '\n')
  for (const name of await readdir(slot)) {
    if (name !== bundle.key) await rm(join(slot, name), { recursive: true, force: true })
  }
  return bundle
}

/** Drop cached slots of other shard counts or of slots no longer used. */
export async function pruneCache(cacheDir: string, shards: number, slots: number[]): Promise<void> {
  const keep = new Set(slots.map((slot) => slotDir('', shards, slot)))
  let names: string[]
  try {
    names = await readdir(cacheDir)
  } catch {
    return
  }
  for (const name of names) if (!keep.has(name)) await rm(join(cacheDir, name), { recursive: true, force: true })
}

/** The shard keys of the bundle in `pagefindDir` by folder (`s0/`), as its manifest lists them; empty when there is none. */
async function liveKeys(pagefindDir: string): Promise<Map<string, string>> {
  try {
    const manifest = JSON.parse(await readFile(join(pagefindDir, 'shards.json'), 'utf8')) as ShardManifest
    return new Map(manifest.shards.filter((shard) => shard.key).map((shard) => [shard.path, shard.key]))
  } catch {
    return new Map()
  }
}

/**
 * Put the shard bundles in place under `pagefindDir` (hard links from the cache,
 * copies across devices), the shared files once at the top, and the manifest.
 * A shard whose key is the one the `live` bundle holds is moved over from it
 * as a whole folder instead: after a one-record change, that is every shard but one.
 */
export async function assembleBundle(
  pagefindDir: string,
  bundles: ShardBundle[],
  version: string,
  live: string | null = null,
  superseded: Superseded = {}
): Promise<{ pages: number; errors: string[] }> {
  const errors: string[] = []
  const manifest: ShardManifest = { version, shards: [], ...(Object.keys(superseded).length ? { superseded } : {}) }
  await mkdir(pagefindDir, { recursive: true })
  const kept = live ? await liveKeys(live) : new Map<string, string>()
  for (const bundle of bundles) {
    const path = shardPath(bundle.slot)
    const target = join(pagefindDir, path)
    const key = publishedKey(bundle.key, superseded[path])
    const keep = live !== null && kept.get(path) === key && (await moved(join(live, path), target))
    for (const name of await readdir(bundle.dir)) {
      const from = join(bundle.dir, name)
      if (isShared(name)) {
        if (await exists(join(pagefindDir, name))) {
          // Already placed from an earlier shard.
        } else if (name === 'pagefind.js') {
          const patched = patchPagefindJs(await readFile(from, 'utf8'))
          if (patched === null) errors.push(`search: ${from} no longer has the shape src/search/bundle.ts patches (Pagefind changed?)`)
          await writeFile(join(pagefindDir, name), patched ?? (await readFile(from)))
        } else {
          await linkTree(from, join(pagefindDir, name))
        }
      } else if (isShardFile(name) && bundle.dir !== target && !keep) {
        await linkTree(from, join(target, name))
      }
      if (bundle.dir === target && !isShardFile(name)) await rm(from, { recursive: true, force: true })
    }
    // The text of a page the delta replaces is not published (unlinking leaves the cache's copy).
    const gone = Object.keys(superseded[path] ?? {})
    if (!keep) await Promise.all(gone.map((id) => rm(join(target, 'fragment', `${id}.pf_fragment`), { force: true })))
    manifest.shards.push({ path, pages: (await pageCount(target, bundle, errors)) - gone.length, key })
  }
  await writeFile(join(pagefindDir, 'shards.json'), JSON.stringify(manifest) + '\n')
  return { pages: manifest.shards.reduce((sum, shard) => sum + shard.pages, 0), errors }
}

/**
 * Pagefind 1.5's JS, for a search without words (filters only, e.g. browsing
 * all records newest first), asks its WebAssembly which index chunks hold the
 * empty word; unless a shard happens to hold an empty word, the answer is every
 * chunk of the shard (megabytes on the corpus), while a filter-only search reads no
 * word at all. The patch skips that request for filter-only searches.
 * Returns null when the code no longer looks as expected.
 */
export function patchPagefindJs(code: string): string | null {
  const find = 'let index_resp=this.backend.request_indexes(ptr,term);'
  if (code.split(find).length !== 2 || !code.includes('let filter_only=term===null;')) return null
  return code.replace(find, 'let index_resp=filter_only?"[]":this.backend.request_indexes(ptr,term);')
}

/** The pages of the shard in `dir`, from its pagefind-entry.json (0, and an error, when it has none). */
async function pageCount(dir: string, bundle: ShardBundle, errors: string[]): Promise<number> {
  try {
    const entry = JSON.parse(await readFile(join(dir, 'pagefind-entry.json'), 'utf8')) as {
      languages?: Record<string, { page_count?: number }>
    }
    return Object.values(entry.languages ?? {}).reduce((sum, language) => sum + (language.page_count ?? 0), 0)
  } catch {
    errors.push(`search shard ${bundle.slot}: no pagefind-entry.json in ${bundle.dir}`)
    return 0
  }
}

/** Move a folder (one rename); false when there is nothing to move. */
async function moved(from: string, to: string): Promise<boolean> {
  try {
    await rename(from, to)
    return true
  } catch {
    return false
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch {
    return false
  }
}

/** Files linked at once. */
const LINK_BATCH = 64

/** Hard-link a file or folder tree (copy when linking fails, e.g. across devices). */
async function linkTree(from: string, to: string): Promise<void> {
  if ((await stat(from)).isDirectory()) {
    await mkdir(to, { recursive: true })
    // A shard holds thousands of fragment files: link them a batch at a time, not one by one.
    const names = await readdir(from)
    for (let i = 0; i < names.length; i += LINK_BATCH) {
      await Promise.all(names.slice(i, i + LINK_BATCH).map((name) => linkTree(join(from, name), join(to, name))))
    }
    return
  }
  try {
    await link(from, to)
  } catch {
    await copyFile(from, to)
  }
}

/** Sum of the sizes of the files under `dir` (0 when it does not exist). */
export async function folderBytes(dir: string): Promise<number> {
  let total = 0
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true })
  } catch {
    return 0
  }
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size
  }
  return total
}
