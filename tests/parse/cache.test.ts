/**
 * The parse cache's own contract (src/parse/cache.ts): entries survive a run
 * only once it closes, runs sharing the folder never lose each other's
 * entries, segments are merged when they pile up, damage is a miss, and the
 * version follows every module the parse threads load, and nothing else.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CacheEntry, ParseCache, parserVersion } from '../../src/parse/cache.ts'
import { importClosure } from '../../src/parse/code-hash.ts'
import { taskModules } from '../../src/parse/worker.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'plan-archive-cache-'))
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

const open = (): ParseCache => new ParseCache(root, 'variant', 'v1')

function entry(n: number): CacheEntry {
  return { path: `plans/p${n}.md`, sha256: `sha${n}`, record: { id: `p${n}`, title: `Plan ${n} — «ñ»` } as ArchiveRecord, html: n % 2 ? `<p>${n}</p>` : null }
}

const segments = (): string[] => readdirSync(join(root, 'records', 'v1', 'index')).filter((name) => name.endsWith('.json'))

describe('ParseCache', () => {
  it('serves what an earlier run stored once that run closed, keyed by path and content', () => {
    const first = open()
    for (let n = 0; n < 5; n++) first.set(entry(n))
    // Within the run, what was set is found at once.
    expect(first.get('plans/p1.md', 'sha1')).toEqual(entry(1))
    expect(open().get('plans/p1.md', 'sha1')).toBeUndefined()
    first.close()

    const second = open()
    for (let n = 0; n < 5; n++) expect(second.get(`plans/p${n}.md`, `sha${n}`)).toEqual(entry(n))
    expect(second.get('plans/p1.md', 'sha2')).toBeUndefined()
    expect(second.get('plans/moved.md', 'sha1')).toBeUndefined()
    expect(new ParseCache(root, 'other-variant', 'v1').get('plans/p1.md', 'sha1')).toBeUndefined()
    second.close()
  })

  it('keeps the entries of runs that share the folder at the same time', () => {
    const a = open()
    const b = open()
    a.set(entry(1))
    b.set(entry(2))
    a.set(entry(3))
    b.close()
    a.close()
    const reader = open()
    for (const n of [1, 2, 3]) expect(reader.get(`plans/p${n}.md`, `sha${n}`)).toEqual(entry(n))
    reader.close()
  })

  it('merges segments when they pile up, deleting only those it read, and drops packs of crashed runs', () => {
    for (let n = 0; n < 8; n++) {
      const run = open()
      run.set(entry(n))
      run.close()
    }
    // Eight are allowed; the next run that publishes one more merges them.
    expect(segments()).toHaveLength(8)
    const packs = join(root, 'records', 'v1', 'packs')
    // A crashed run's pack (no segment) from two days ago, and one being written right now.
    writeFileSync(join(packs, 'crashed.ndjson'), '{}\n')
    utimesSync(join(packs, 'crashed.ndjson'), new Date(Date.now() - 2 * 86_400_000), new Date(Date.now() - 2 * 86_400_000))
    writeFileSync(join(packs, 'running.ndjson'), '{}\n')

    const merger = open()
    merger.get('plans/p0.md', 'sha0')
    // Another run publishes after the merger read the index: its segment must survive the merge.
    const late = open()
    late.set(entry(20))
    late.close()
    merger.set(entry(10))
    merger.close()

    expect(segments()).toHaveLength(2)
    const packNames = readdirSync(packs)
    expect(packNames).not.toContain('crashed.ndjson')
    expect(packNames).toContain('running.ndjson')
    const reader = open()
    for (const n of [0, 1, 2, 3, 4, 5, 6, 7, 10, 20]) expect(reader.get(`plans/p${n}.md`, `sha${n}`)?.record.id).toBe(`p${n}`)
    reader.close()
  })

  it('treats a damaged pack or segment as a miss, never an error', () => {
    const run = open()
    run.set(entry(1))
    run.set(entry(2))
    run.close()
    const packs = join(root, 'records', 'v1', 'packs')
    const [pack] = readdirSync(packs)
    // Cut the pack inside its second line: the first entry stays readable.
    truncateSync(join(packs, pack!), JSON.stringify(entry(1)).length + 10)
    writeFileSync(join(root, 'records', 'v1', 'index', 'garbage.json'), '{"entries": ')
    const reader = open()
    expect(reader.get('plans/p1.md', 'sha1')).toEqual(entry(1))
    expect(reader.get('plans/p2.md', 'sha2')).toBeUndefined()
    reader.close()
  })

  it('prunes older folders of its own role only: check and build keep theirs side by side', () => {
    for (const name of ['render-old', 'parse-current', '0123456789abcdef']) mkdirSync(join(root, 'records', name, 'index'), { recursive: true })
    const current = new ParseCache(root, 'variant', 'render-new')
    current.set(entry(1))
    current.close()
    current.pruneOtherVersions()
    expect(readdirSync(join(root, 'records')).sort()).toEqual(['parse-current', 'render-new'])
  })

  it('prunes the folders of other parser versions', () => {
    const old = new ParseCache(root, 'variant', 'v0')
    old.set(entry(1))
    old.close()
    const current = open()
    current.set(entry(1))
    current.close()
    current.pruneOtherVersions()
    expect(readdirSync(join(root, 'records'))).toEqual(['v1'])
  })
})

describe('parserVersion', () => {
  const repo = fileURLToPath(new URL('../../', import.meta.url))
  const modules = taskModules({ renderModule: new URL('../../src/render/body.ts', import.meta.url).href })
  const closure = importClosure(modules)
  /** Read files from disk, but `edited` with one more line: an edit, without writing the file. */
  const editing =
    (edited: string) =>
    (path: string): Buffer =>
      path === edited ? Buffer.concat([readFileSync(path), Buffer.from('\n// edited\n')]) : readFileSync(path)
  const base = parserVersion(modules, true, readFileSync)

  it('names the folder by role and code', () => {
    expect(base).toMatch(/^render-[0-9a-f]{16}$/)
    expect(parserVersion(taskModules({}), false, readFileSync)).toMatch(/^parse-[0-9a-f]{16}$/)
    expect(parserVersion(modules, true)).toBe(base)
  })

  it('changes with an edit to any module the threads load (the e-mail masking among them), or to the lockfile', () => {
    expect(closure).toContain(join(repo, 'src/render/mask-emails.ts'))
    expect(closure.length).toBeGreaterThan(25)
    const unchanged = closure.filter((file) => parserVersion(modules, true, editing(file)) === base)
    expect(unchanged.map((file) => file.slice(repo.length))).toEqual([])
    expect(parserVersion(modules, true, editing(join(repo, 'package-lock.json')))).not.toBe(base)
  })

  it('does not change with an edit to code the threads do not load', () => {
    for (const file of ['src/site/map.ts', 'src/site/privacy.ts', 'src/parse/cache.ts', 'src/parse/pool.ts', 'src/cli/main.ts']) {
      expect(closure).not.toContain(join(repo, file))
      expect(parserVersion(modules, true, editing(join(repo, file))), file).toBe(base)
    }
  })
})
