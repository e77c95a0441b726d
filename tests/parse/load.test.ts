/**
 * The corpus loader's own behaviour (pool, batching, cache, crash isolation),
 * with a fake parser so these tests do not depend on the real one.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { loadCorpus, releaseAssets } from '../../src/parse/load.ts'
import { defaultConfig } from '../../src/records/config.ts'

/** The fake exports `parseFile` and `renderBody`: it stands for both stages. */
const parserModule = pathToFileURL(join(import.meta.dirname, 'fake-parser.ts')).href
let dir: string
let content: string
let cacheDir: string

function put(path: string, text: string): void {
  const file = join(content, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plan-archive-loader-'))
  content = join(dir, 'content')
  cacheDir = join(dir, 'cache')
  // 60 files: more than the inline threshold, several batches.
  for (let i = 0; i < 60; i++) put(`plans/p${String(i).padStart(2, '0')}.md`, `# Plan ${i}\n\ntext ${i}\n`)
  put('.md', '# Dot file\n')
  put('frameworks/Intro.md', '# Intro\n')
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

describe('loadCorpus', () => {
  it('deletes the temporary asset folder of a cache-less load when released, and never a cache folder', async () => {
    const temporary = await loadCorpus({ contentDir: content, cacheDir: null, workers: 0, parserModule })
    expect(existsSync(temporary.assetDir)).toBe(true)
    releaseAssets(temporary)
    expect(existsSync(temporary.assetDir)).toBe(false)
    const cached = await loadCorpus({ contentDir: content, cacheDir, workers: 0, parserModule })
    releaseAssets(cached)
    expect(existsSync(cached.assetDir)).toBe(true)
  })
  it('gives one record per file, dot files included, sorted by path, the same inline and on threads', async () => {
    const inline = await loadCorpus({ contentDir: content, cacheDir: null, workers: 0, parserModule })
    const threads = await loadCorpus({ contentDir: content, cacheDir: null, workers: 2, parserModule })
    const paths = inline.records.map((r) => r.record.source.path)
    expect(paths).toHaveLength(62)
    expect(paths[0]).toBe('.md')
    expect(paths).toEqual([...paths].sort())
    expect(threads.records.map((r) => r.record)).toEqual(inline.records.map((r) => r.record))
    expect(inline.records.find((r) => r.record.source.path === 'plans/p07.md')?.record.title).toBe('Plan 7')
    expect(new Set(threads.records.map((r) => r.record.id)).size).toBe(62)
    expect(threads.stats).toMatchObject({ files: 62, fromCache: 0, parsed: 62 })
  })

  it('serves unchanged files from the cache and re-parses exactly the changed one', async () => {
    const first = await loadCorpus({ contentDir: content, cacheDir, parserModule })
    expect(first.stats).toMatchObject({ files: 62, fromCache: 0, parsed: 62 })
    const second = await loadCorpus({ contentDir: content, cacheDir, parserModule })
    expect(second.stats).toMatchObject({ files: 62, fromCache: 62, parsed: 0 })
    expect(second.records.map((r) => r.record)).toEqual(first.records.map((r) => r.record))

    put('plans/p03.md', '# Plan three, edited\n')
    const third = await loadCorpus({ contentDir: content, cacheDir, parserModule })
    expect(third.stats).toMatchObject({ files: 62, fromCache: 61, parsed: 1 })
    expect(third.records.find((r) => r.record.source.path === 'plans/p03.md')?.record.title).toBe('Plan three, edited')
  })

  it('keys the cache by path, config and render flag as well as bytes', async () => {
    await loadCorpus({ contentDir: content, cacheDir, workers: 0, parserModule })
    // Same bytes at a new path: that path's own record, not a copy of the other's.
    put('plans/copy.md', '# Plan 1\n\ntext 1\n')
    const moved = await loadCorpus({ contentDir: content, cacheDir, workers: 0, parserModule })
    expect(moved.stats).toMatchObject({ fromCache: 62, parsed: 1 })
    expect(moved.records.find((r) => r.record.source.path === 'plans/copy.md')?.record.source.path).toBe('plans/copy.md')

    const config = { ...defaultConfig, frameworkFolders: ['frameworks', 'chapters'] }
    const reconfigured = await loadCorpus({ contentDir: content, cacheDir, workers: 0, config, parserModule })
    expect(reconfigured.stats.fromCache).toBe(0)
    const rendered = await loadCorpus({ contentDir: content, cacheDir, workers: 0, renderModule: parserModule, parserModule })
    expect(rendered.stats.fromCache).toBe(0)
    expect(rendered.records.find((r) => r.record.source.path === 'plans/p02.md')?.html).toBe('<h1>Plan 2</h1>')
    const renderedAgain = await loadCorpus({ contentDir: content, cacheDir, workers: 0, renderModule: parserModule, parserModule })
    expect(renderedAgain.stats.fromCache).toBe(63)
    expect(renderedAgain.records.find((r) => r.record.source.path === 'plans/p02.md')?.html).toBe('<h1>Plan 2</h1>')
  })

  it('turns a throwing parse into a parse-crashed record, inline', async () => {
    put('plans/p10.md', '# Throws\nCRASH\n')
    const result = await loadCorpus({ contentDir: content, cacheDir: null, workers: 0, parserModule })
    expect(result.records).toHaveLength(62)
    const crashed = result.records.filter((r) => r.record.diagnostics.some((d) => d.rule === 'parse-crashed'))
    expect(crashed.map((r) => r.record.source.path)).toEqual(['plans/p10.md'])
    expect(crashed[0]!.record.diagnostics[0]).toMatchObject({ rule: 'parse-crashed', severity: 'error', line: 1, column: 1 })
    expect(crashed[0]!.record.diagnostics[0]!.message).toContain('fake parser crashed')
  })

  it('isolates a file that kills its worker thread, losing no other file, and does not cache it', async () => {
    put('plans/p10.md', '# Throws\nCRASH\n')
    put('plans/p20.md', '[[type:experiment]]\n# Kills its thread\nEXIT\n')
    const result = await loadCorpus({ contentDir: content, cacheDir, workers: 2, parserModule })
    expect(result.records).toHaveLength(62)
    const crashed = result.records.filter((r) => r.record.diagnostics.some((d) => d.rule === 'parse-crashed'))
    expect(crashed.map((r) => r.record.source.path)).toEqual(['plans/p10.md', 'plans/p20.md'])
    expect(crashed[1]!.record.type).toBe('experiment')
    expect(crashed[1]!.record.source.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(crashed[1]!.record.id).toBe('p20')
    // The other files of the dead worker's batch were parsed normally.
    expect(result.records.find((r) => r.record.source.path === 'plans/p21.md')?.record.title).toBe('Plan 21')
    const again = await loadCorpus({ contentDir: content, cacheDir, workers: 2, parserModule })
    expect(again.stats).toMatchObject({ fromCache: 60, parsed: 2 })
  })

  it('fails, naming the module, when the parser or the renderer cannot be loaded, inline and on threads', async () => {
    const missing = pathToFileURL(join(dir, 'missing-parser.ts')).href
    for (const workers of [0, 1]) {
      await expect(loadCorpus({ contentDir: content, cacheDir, workers, parserModule: missing })).rejects.toThrow(
        /^cannot load file:.*missing-parser\.ts: /
      )
    }
    // A module without the stage's function: the config module has no renderBody.
    const notARenderer = pathToFileURL(join(import.meta.dirname, '../../src/records/config.ts')).href
    await expect(loadCorpus({ contentDir: content, cacheDir, workers: 1, parserModule, renderModule: notARenderer })).rejects.toThrow(
      /config\.ts exports no renderBody function/
    )
    // Nothing was cached from those runs.
    expect((await loadCorpus({ contentDir: content, cacheDir, workers: 0, parserModule })).stats.fromCache).toBe(0)
  })

  it('writes lifted assets once into the cache asset folder and reports progress', async () => {
    put('plans/p05.md', '# With image\nASSET\n')
    const progress: number[] = []
    const result = await loadCorpus({ contentDir: content, cacheDir, parserModule, onProgress: (done, total) => progress.push(done / total) })
    expect(result.assetDir).toBe(join(cacheDir, 'assets'))
    expect(readdirSync(result.assetDir)).toHaveLength(1)
    expect(existsSync(join(result.assetDir, readdirSync(result.assetDir)[0]!))).toBe(true)
    expect(progress.at(-1)).toBe(1)
    expect(progress).toEqual([...progress].sort((a, b) => a - b))
  })
})
