/**
 * The parse cache: parse results keyed by a hash of the code the parse threads
 * load (the version folder), the config, the render flag, the file's path and
 * the sha256 of its bytes, so a code or config change can never serve a stale
 * record; a code change also prunes the older folders.
 *
 * The path is part of the key because a record's id, kind (framework folders)
 * and fallback title are derived from it: the same bytes at another path are
 * another record.
 *
 * Layout of a version folder, written by hand because no store we could adopt
 * fits (node:sqlite needs Node 22; better-sqlite3 and lmdb bring native builds):
 *
 *     packs/<run>.ndjson   the entries one run wrote, one JSON line each, appended
 *     index/<run>.json     that run's keys: { entries: { key: [pack, offset, length] } }
 *
 * Why packs rather than one file per entry (the first layout): creating a file
 * is slow on a disk mounted with `discard`, and a cold corpus parse spent
 * seconds of its main thread creating cache files; appending the same bytes to
 * one file takes a small fraction of that (docs/performance.md).
 *
 * Many runs may share the folder (`check` and `build`, a dev server): each
 * writes only files named after itself, and a reader takes the union of every
 * index segment. When segments pile up, a run merges the ones it read into one
 * (deleting only those, so a segment written meanwhile survives). Reads check
 * the entry's path and sha256, and anything damaged (a truncated pack, a bad
 * segment) is a miss: the file is parsed again.
 */
import { createHash } from 'node:crypto'
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Config } from '../records/config.ts'
import type { ArchiveRecord } from '../records/types.ts'
import { hashModules, type ReadFile } from './code-hash.ts'

/** Bump to invalidate every cache entry when the entry layout or semantics change. */
export const CACHE_FORMAT = 3

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

/** The package root: names in the code hash are relative to it, and its lockfile pins the dependencies. */
const packageRoot = fileURLToPath(new URL('../../', import.meta.url))
const versions = new Map<string, string>()

/**
 * The version folder name: a hash of the code that shapes a record, that is of
 * every file the parse threads load (the import closure of `modules`, see
 * code-hash.ts) and of the dependency versions (the lockfile, else
 * package.json's dependencies when installed from a tarball).
 *
 * The folder name starts with the role, `render-` or `parse-`: `build` loads
 * the renderer and `check` does not, so their code hashes differ, and each
 * keeps its own folder instead of pruning the other's on every run.
 * @param modules the entry modules of the parse threads (`taskModules` in worker.ts)
 * @param render whether the threads render bodies (a renderer is among `modules`)
 * @param read reads a file (tests edit files through it); memoised only when absent
 */
export function parserVersion(modules: readonly string[], render: boolean, read?: ReadFile): string {
  const memo = `${render}\n${modules.join('\n')}`
  const known = read ? undefined : versions.get(memo)
  if (known) return known
  const readFile = read ?? readFileSync
  const hash = createHash('sha256').update(`format ${CACHE_FORMAT}\n`)
  hashModules(hash, modules, packageRoot, readFile)
  try {
    hash.update(readFile(join(packageRoot, 'package-lock.json')))
  } catch {
    try {
      const pkg = JSON.parse(readFile(join(packageRoot, 'package.json')).toString()) as { dependencies?: unknown }
      hash.update(stableStringify(pkg.dependencies ?? {}))
    } catch {
      // No package.json beside the code: the source hash alone still tracks code changes.
    }
  }
  const version = `${render ? 'render' : 'parse'}-${hash.digest('hex').slice(0, 16)}`
  if (!read) versions.set(memo, version)
  return version
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
 * The variant part of every key: config and render flag. (The code is the
 * version folder instead, so a code change prunes everything older.)
 */
export function variantHash(config: Config | undefined, render: boolean): string {
  return createHash('sha256')
    .update(stableStringify(config ?? null))
    .update(render ? 'render' : 'no-render')
    .digest('hex')
    .slice(0, 16)
}

/** Where an entry's JSON line lies. */
interface Location {
  pack: string
  offset: number
  length: number
}

/** One run's index segment as written to `index/<run>.json`. */
interface Segment {
  /** Entries by key, each in its own pack (a merged segment spans many packs). */
  entries: Record<string, [pack: string, offset: number, length: number]>
}

/** Index segments a run may leave before the next run merges them. */
const MAX_SEGMENTS = 8

/** A pack no segment names is a crashed run's: deleted when a merge finds it older than this. */
const ORPHAN_MS = 24 * 3600 * 1000

/** A content-hash cache of parse results in one folder. Call `close()` when done, or this run's entries are lost. */
export class ParseCache {
  readonly dir: string
  /** This run's name, for its pack and its index segment. */
  private readonly run = `${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`
  private readonly pack = `${this.run}.ndjson`
  private index: Map<string, Location> | null = null
  /** Segment files read into `index` (merged away by `close` when there are many). */
  private segmentsRead: string[] = []
  private readers = new Map<string, number>()
  private writer: { fd: number; offset: number; entries: Segment['entries'] } | null = null

  /**
   * @param cacheDir the cache root (records go under `records/<parser version>/`)
   * @param variant from `variantHash` (config and render flag)
   * @param version from `parserVersion` (tests pass their own)
   */
  constructor(
    cacheDir: string,
    readonly variant: string,
    readonly version: string
  ) {
    this.dir = join(cacheDir, 'records', version)
  }

  private key(path: string, sha256: string): string {
    return createHash('sha256').update(this.variant).update('\0').update(path).update('\0').update(sha256).digest('hex').slice(0, 32)
  }

  /** Every segment's entries, read once (later segments win, which only matters for a damaged one). */
  private locations(): Map<string, Location> {
    if (this.index) return this.index
    const index = new Map<string, Location>()
    let names: string[] = []
    try {
      names = readdirSync(join(this.dir, 'index')).filter((name) => name.endsWith('.json')).sort()
    } catch {
      // No index yet: an empty cache.
    }
    for (const name of names) {
      try {
        const segment = JSON.parse(readFileSync(join(this.dir, 'index', name), 'utf8')) as Segment
        for (const [key, [pack, offset, length]] of Object.entries(segment.entries)) index.set(key, { pack, offset, length })
        this.segmentsRead.push(name)
      } catch {
        // Gone (merged by another run) or damaged: its entries are misses.
      }
    }
    this.index = index
    return index
  }

  /** The cached entry for this path and content, or undefined (a damaged entry is a miss). */
  get(path: string, sha256: string): CacheEntry | undefined {
    const location = this.locations().get(this.key(path, sha256))
    if (!location) return undefined
    try {
      let fd = this.readers.get(location.pack)
      if (fd === undefined) {
        fd = openSync(join(this.dir, 'packs', location.pack), 'r')
        this.readers.set(location.pack, fd)
      }
      const bytes = Buffer.allocUnsafe(location.length)
      if (readSync(fd, bytes, 0, location.length, location.offset) !== location.length) return undefined
      const entry = JSON.parse(bytes.toString('utf8')) as CacheEntry
      if (entry?.path === path && entry.sha256 === sha256 && entry.record) return entry
    } catch {
      // A pack deleted or damaged (disk full, killed mid-write): re-parse.
    }
    return undefined
  }

  /** Store an entry; failures (read-only cache, disk full) only cost a re-parse next time. */
  set(entry: CacheEntry): void {
    try {
      if (!this.writer) {
        mkdirSync(join(this.dir, 'packs'), { recursive: true })
        this.writer = { fd: openSync(join(this.dir, 'packs', this.pack), 'wx'), offset: 0, entries: {} }
      }
      const line = Buffer.from(JSON.stringify(entry) + '\n')
      const key = this.key(entry.path, entry.sha256)
      // At its own offset, so a short write (disk full) cannot shift the entries after it.
      if (writeSync(this.writer.fd, line, 0, line.length, this.writer.offset) !== line.length) throw new Error('short write')
      this.writer.entries[key] = [this.pack, this.writer.offset, line.length - 1]
      this.locations().set(key, { pack: this.pack, offset: this.writer.offset, length: line.length - 1 })
      this.writer.offset += line.length
    } catch {
      // Not cached: parsed again next time.
    }
  }

  /**
   * Publish this run's entries (its index segment), merge the segments when
   * there are more than MAX_SEGMENTS, and release open files.
   */
  close(): void {
    for (const fd of this.readers.values()) closeSync(fd)
    this.readers.clear()
    const wrote = this.writer
    this.writer = null
    try {
      if (wrote) {
        closeSync(wrote.fd)
        writeSegment(join(this.dir, 'index'), `${this.run}.json`, { entries: wrote.entries })
      }
      if (this.segmentsRead.length + (wrote ? 1 : 0) > MAX_SEGMENTS) this.merge(wrote ? [`${this.run}.json`] : [])
    } catch {
      // Unpublished entries are misses next time: a re-parse, never a wrong record.
    }
    this.index = null
    this.segmentsRead = []
  }

  /** Replace the segments this run read (and its own) by one, and delete packs of crashed runs. */
  private merge(own: string[]): void {
    const entries: Segment['entries'] = {}
    for (const [key, { pack, offset, length }] of this.locations()) entries[key] = [pack, offset, length]
    const indexDir = join(this.dir, 'index')
    writeSegment(indexDir, `${this.run}-merged.json`, { entries })
    for (const name of [...this.segmentsRead, ...own]) rmSync(join(indexDir, name), { force: true })
    const named = new Set(Object.values(entries).map(([pack]) => pack))
    for (const pack of readdirSync(join(this.dir, 'packs'))) {
      const path = join(this.dir, 'packs', pack)
      if (!named.has(pack) && Date.now() - statSync(path).mtimeMs > ORPHAN_MS) rmSync(path, { force: true })
    }
  }

  /**
   * Remove the folders of other versions of the same role (and of names without
   * a role, an older layout): they can never be hit again. The other role's
   * folder is the current one of the other command (`check`, `build`): kept.
   */
  pruneOtherVersions(): void {
    const role = roleOf(this.version)
    const parent = dirname(this.dir)
    let names: string[]
    try {
      names = readdirSync(parent)
    } catch {
      return
    }
    for (const name of names) {
      if (name === this.version || (roleOf(name) !== '' && roleOf(name) !== role)) continue
      try {
        rmSync(join(parent, name), { recursive: true, force: true })
      } catch {
        // Another build (of another code version) may be writing there right now: pruning is best effort.
      }
    }
  }
}

/** The role of a version folder's name (`render`, `parse`), or '' when it has none. */
function roleOf(version: string): string {
  return /^(render|parse)-/.exec(version)?.[1] ?? ''
}

/** Write a segment under a temporary name, then rename: a reader never sees half of one. */
function writeSegment(dir: string, name: string, segment: Segment): void {
  mkdirSync(dir, { recursive: true })
  const tmp = join(dir, `${name}.${Math.random().toString(36).slice(2)}.tmp`)
  writeFileSync(tmp, JSON.stringify(segment))
  renameSync(tmp, join(dir, name))
}
