/**
 * The parse cache: one JSON file per parsed file, keyed by a hash of the
 * parser's own code (the version folder), the config, the render flag, the
 * file's path and the sha256 of its bytes, so a code or config change can
 * never serve a stale record; a code change also prunes the older folders.
 *
 * The path is part of the key because a record's id, kind (framework folders)
 * and fallback title are derived from it: the same bytes at another path are
 * another record.
 *
 * Why one small file per entry rather than one packed file: measured on the
 * 8,552-page corpus, reading 8,552 JSON files synchronously takes ~0.5 s
 * against ~1.1 s for one packed NDJSON file, and per-entry files never need a
 * merge when two runs over different subsets (`check --changed-since`, `build`)
 * share the folder. Writes go to a temporary name then rename, so a reader
 * never sees half an entry.
 */
import { createHash } from 'node:crypto'
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import fg from 'fast-glob'
import type { Config } from '../records/config.ts'
import type { ArchiveRecord } from '../records/types.ts'

/** Bump to invalidate every cache entry when the entry layout or semantics change. */
export const CACHE_FORMAT = 1

/** Default cache folder, relative to the working directory (git-ignored via `.cache/`). */
export const DEFAULT_CACHE_DIR = '.cache/plan-archive'

export interface CacheEntry {
  /** The key's own parts, checked on read so a hash collision or a moved file is a miss. */
  path: string
  sha256: string
  /** The record as parseFile returned it, before corpus-wide id uniqueness. */
  record: ArchiveRecord
  html: string | null
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
let codeHash: string | undefined

/** Hash of the code that shapes a record: parser, normalisers, renderer, dependency versions. */
function parserCodeHash(): string {
  if (codeHash) return codeHash
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`)
  const files = fg
    .sync(['src/parse/**/*.ts', 'src/records/**/*.ts', 'src/site/render/**/*.ts'], { cwd: repoRoot, dot: true })
    .sort()
  for (const file of files) hash.update(`${file}\n`).update(readFileSync(join(repoRoot, file))).update('\n')
  try {
    const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies?: unknown }
    hash.update(stableStringify(pkg.dependencies ?? {}))
  } catch {
    // No package.json beside the code: the source hash alone still tracks code changes.
  }
  codeHash = hash.digest('hex')
  return codeHash
}

/** JSON with sorted object keys, so equal configs hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`
  }
  return JSON.stringify(value) ?? 'null'
}

/**
 * The variant part of every key: config and render flag. (The parser's code is
 * the version folder instead, so `check` and `build` keep separate entries side
 * by side, and a code change prunes everything older.)
 */
export function variantHash(config: Config | undefined, render: boolean): string {
  return createHash('sha256')
    .update(stableStringify(config ?? null))
    .update(render ? 'render' : 'no-render')
    .digest('hex')
    .slice(0, 16)
}

/** The version folder name: a hash of the code that shapes records. */
export function parserVersion(): string {
  return parserCodeHash().slice(0, 16)
}

/** A content-hash cache of parse results in one folder. */
export class ParseCache {
  readonly dir: string

  /**
   * @param cacheDir the cache root (records go under `records/<parser version>/`)
   * @param variant from `variantHash` (config and render flag)
   * @param version from `parserVersion`, overridable for tests
   */
  constructor(
    cacheDir: string,
    readonly variant: string,
    readonly version: string = parserVersion()
  ) {
    this.dir = join(cacheDir, 'records', version)
  }

  private file(path: string, sha256: string): string {
    const key = createHash('sha256').update(this.variant).update('\0').update(path).update('\0').update(sha256).digest('hex')
    return join(this.dir, key.slice(0, 2), `${key}.json`)
  }

  /** The cached entry for this path and content, or undefined (a damaged entry is a miss). */
  get(path: string, sha256: string): CacheEntry | undefined {
    let text: string
    try {
      text = readFileSync(this.file(path, sha256), 'utf8')
    } catch {
      return undefined
    }
    try {
      const entry = JSON.parse(text) as CacheEntry
      if (entry?.path === path && entry.sha256 === sha256 && entry.record) return entry
    } catch {
      // Damaged entry (disk full, killed mid-write on another filesystem): re-parse.
    }
    return undefined
  }

  /** Store an entry; failures (read-only cache, disk full) only cost a re-parse next time. */
  set(entry: CacheEntry): void {
    const file = this.file(entry.path, entry.sha256)
    const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
    try {
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(tmp, JSON.stringify(entry))
      renameSync(tmp, file)
    } catch {
      rmSync(tmp, { force: true })
    }
  }

  /** Remove the folders of other versions: they can never be hit again. */
  pruneOtherVersions(): void {
    const parent = dirname(this.dir)
    let names: string[]
    try {
      names = readdirSync(parent)
    } catch {
      return
    }
    for (const name of names) {
      if (name === this.version) continue
      try {
        rmSync(join(parent, name), { recursive: true, force: true })
      } catch {
        // Another build (of another code version) may be writing there right now: pruning is best effort.
      }
    }
  }
}
