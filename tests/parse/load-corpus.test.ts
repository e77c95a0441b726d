/**
 * The whole real corpus (../shared/corpus/sdg-commons/pages, 8,552 pages)
 * through the loader: one record per file, no crash, unique ids, learning
 * plans complete; then the cache: nothing re-parsed when nothing changed,
 * exactly one file when one changed. Skipped, saying so, when the corpus is absent.
 */
import { copyFileSync, appendFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fg from 'fast-glob'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listCorpus, loadFiles, loadCorpus, type CorpusFile, type LoadFilesResult } from '../../src/parse/load.ts'

const repoRoot = fileURLToPath(new URL('../..', import.meta.url))
const corpusRoot = resolve(repoRoot, '..', 'shared', 'corpus')
const pages = join(corpusRoot, 'sdg-commons', 'pages')
const absent = !existsSync(pages)
if (absent) console.warn(`corpus tests SKIPPED: the real corpus is absent (${pages}); they run when ../shared/corpus exists.`)

describe.skipIf(absent)('the real corpus', () => {
  let dir: string
  let cacheDir: string
  let result: LoadFilesResult
  let fileCount: number

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'plan-archive-corpus-'))
    cacheDir = join(dir, 'cache')
    fileCount = (await fg('**/*.md', { cwd: pages, dot: true })).length
    result = await loadCorpus({ contentDir: pages, cacheDir })
  }, 900_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('gives one record per file, sorted, with no crash', () => {
    expect(fileCount).toBeGreaterThan(8000)
    expect(result.records).toHaveLength(fileCount)
    expect(result.stats).toMatchObject({ files: fileCount, fromCache: 0, parsed: fileCount })
    const paths = result.records.map((r) => r.record.source.path)
    expect(new Set(paths).size).toBe(fileCount)
    expect(paths).toContain('.md')
    const crashed = result.records.filter((r) => r.record.diagnostics.some((d) => d.rule === 'parse-crashed'))
    expect(crashed.map((r) => `${r.record.source.path}: ${r.record.diagnostics[0]?.message}`)).toEqual([])
  })

  it('gives unique ids', () => {
    const ids = result.records.map((r) => r.record.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) expect(id).toMatch(/^[a-z0-9][a-z0-9-]*$/)
  })

  it('gives every learning plan a title, a year, and an SDG number when it has an sdgs tag', () => {
    const plans = result.records.map((r) => r.record).filter((r) => r.kind === 'learningplan')
    expect(plans.length).toBeGreaterThan(900)
    const problems: string[] = []
    for (const plan of plans) {
      if (!plan.title.trim()) problems.push(`${plan.source.path}: empty title`)
      if (plan.year === null) problems.push(`${plan.source.path}: no year`)
      if ((plan.tags.sdgs?.length ?? 0) > 0 && !plan.sdgs.some((sdg) => sdg.number !== null))
        problems.push(`${plan.source.path}: sdgs tag ${JSON.stringify(plan.tags.sdgs)} gave no SDG number`)
    }
    expect(problems).toEqual([])
  })

  it('reports the country values that stayed unresolved', () => {
    const unresolved = new Map<string, number>()
    let total = 0
    let within = 0
    for (const { record } of result.records) {
      for (const country of record.countries) {
        total++
        if (country.within) within++
        // A place inside a country (config `subnational`) is filed under it: not unresolved.
        else if (country.iso3 === null) unresolved.set(country.raw, (unresolved.get(country.raw) ?? 0) + 1)
      }
    }
    const count = [...unresolved.values()].reduce((a, b) => a + b, 0)
    const common = [...unresolved].sort((a, b) => b[1] - a[1]).slice(0, 15)
    console.log(
      `countries: ${count} of ${total} values unresolved (${unresolved.size} distinct), ${within} places filed under their country; most common unresolved:\n` +
        common.map(([raw, n]) => `  ${n} × ${JSON.stringify(raw)}`).join('\n')
    )
    expect(total).toBeGreaterThan(8000)
    // Unresolved values are kept raw, never dropped.
    for (const [raw] of unresolved) expect(raw).not.toBe('')
  })

  it('re-parses nothing when nothing changed, and exactly one file when one changed', async () => {
    const files: CorpusFile[] = await listCorpus(pages)
    const warm = await loadFiles(files, { cacheDir })
    expect(warm.stats).toMatchObject({ files: fileCount, fromCache: fileCount, parsed: 0 })
    expect(warm.records.map((r) => r.record)).toEqual(result.records.map((r) => r.record))

    // The corpus is read-only and shared: "change" one file by reading a modified copy under the same path.
    const planPath = result.records.find((r) => r.record.kind === 'learningplan')!.record.source.path
    const victim = files.find((f) => f.path === planPath)!
    const copy = join(dir, 'changed.md')
    copyFileSync(victim.absPath, copy)
    appendFileSync(copy, '\n\nOne more paragraph.\n')
    const changed = files.map((f) => (f === victim ? { ...f, absPath: copy } : f))
    const third = await loadFiles(changed, { cacheDir })
    expect(third.stats).toMatchObject({ files: fileCount, fromCache: fileCount - 1, parsed: 1 })
    expect(third.records.find((r) => r.record.source.path === victim.path)?.record.body).toContain('One more paragraph.')
  }, 300_000)
})
