/**
 * The commit path of the search index (src/search/delta.ts, #13): after a few
 * pages change, only they are indexed, as a delta beside the kept shards, and
 * the search page's client answers exactly as one fresh index of the current
 * pages does: the edited text found, the old text and the removed record gone,
 * the added one found, counts and sort orders equal.
 */
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord, RecordId } from '../../src/records/types.ts'
import { DELTA_MAX, planDelta } from '../../src/search/delta.ts'
import { buildSearchIndex, type SearchIndexResult } from '../../src/search/index.ts'
import type { SearchPage } from '../../src/search/shards.ts'
import { searchFixtureRecords } from '../fixtures/search/records.ts'
import { buildFixtureSite, PREFIX, recordPath, writeFixtureSite, type FixtureSite } from './fixture-site.ts'
import { openIndex, type IndexClient, type SearchOptions } from './query.ts'

/** The fixture records and a dozen more, so that three shards each hold several. */
function corpus(): ArchiveRecord[] {
  const base = searchFixtureRecords[1]!
  const extra = Array.from({ length: 12 }, (_, i): ArchiveRecord => ({
    ...base,
    id: `more-${i}` as RecordId,
    title: `More ${i}`,
    year: 2016 + i,
    date: null,
    body: `Neighbourhood record ${i} about water and trust, ${'notes '.repeat(1 + i)}.`
  }))
  return [...searchFixtureRecords, ...extra]
}

describe('search delta', () => {
  const results: SearchIndexResult[] = []
  let sites: { root: string; out: string }[] = []
  let truthSite: FixtureSite
  let delta: IndexClient
  let truth: IndexClient
  let edited: ArchiveRecord[]
  const changedId = 'paraguay-trust'
  const removedId = 'peru-water'

  beforeAll(async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'search-delta-'))
    const before = corpus()
    const changed = before.find((r) => r.id === changedId)!
    const added: ArchiveRecord = { ...before[0]!, id: 'added-zither' as RecordId, title: 'Zither lessons', body: 'A zither workshop for youth in Cusco, about water.' }
    edited = [...before.filter((r) => r.id !== removedId).map((r) => (r === changed ? { ...r, body: 'Xylophone circles replace the assemblies; water committees meet monthly.' } : r)), added]
    sites = []
    for (const list of [before, edited, edited]) {
      const site = await writeFixtureSite(list)
      sites.push(site)
      results.push(await buildSearchIndex(site.out, { shards: 3, cacheDir, records: list }))
    }
    truthSite = await buildFixtureSite(edited, { shards: 1 })
    delta = await openIndex(sites[1]!.root, PREFIX)
    truth = await openIndex(truthSite.root, PREFIX)
  })
  afterAll(async () => {
    await delta?.close()
    await truth?.close()
  })

  const manifest = (i: number) => JSON.parse(readFileSync(join(sites[i]!.out, 'pagefind', 'shards.json'), 'utf8'))

  it('indexes only the changed and added pages, beside the three kept shards', () => {
    expect(results.map((r) => r.errors)).toEqual([[], [], []])
    expect(results[1]!.shardsReused).toBe(3)
    expect(results[1]!.shards).toBe(4)
    expect(results[1]!.pages).toBe(edited.length)
    const m = manifest(1)
    expect(m.shards.map((s: { path: string }) => s.path)).toEqual(['s0/', 's1/', 's2/', 'd/'])
    expect(m.shards.at(-1).pages).toBe(2)
    // The edited page's old version and the removed page.
    expect(Object.values(m.superseded).flatMap((ids) => Object.keys(ids as object))).toHaveLength(2)
  })

  it('publishes no text of a superseded page', () => {
    const m = manifest(1)
    for (const [path, ids] of Object.entries(m.superseded as Record<string, object>)) {
      for (const id of Object.keys(ids)) expect(existsSync(join(sites[1]!.out, 'pagefind', path, 'fragment', `${id}.pf_fragment`)), id).toBe(false)
    }
  })

  it('indexes the shards again, no delta, when the settings changed (a privacy selector, a Pagefind upgrade)', async () => {
    const cacheDir = await mkdtemp(join(tmpdir(), 'search-delta-settings-'))
    const site = await writeFixtureSite(edited)
    await buildSearchIndex(site.out, { shards: 3, cacheDir, records: edited })
    const again = await buildSearchIndex(site.out, { shards: 3, cacheDir, records: edited, excludeSelectors: ['p'] })
    expect(again.shardsReused).toBe(0)
    expect(again.shards).toBe(3)
  })

  it('reuses the delta when nothing changed since', () => {
    expect(results[2]!.shardsReused).toBe(4)
    expect(results[2]!.peakRssBytes).toBe(0)
    expect(manifest(2)).toEqual(manifest(1))
  })

  const queries: [string | null, SearchOptions['filters']][] = [
    [null, {}],
    [null, { sdg: { any: ['6', '13'] } }],
    [null, { country: { any: ['PER'] } }],
    ['water', {}],
    ['xylophone', {}],
    ['zither', {}],
    ['trust', { sdg: { any: ['16'] } }]
  ]

  it.each(queries)('%s %j: the records and counts of one fresh index', async (term, filters) => {
    const [a, b] = await Promise.all([truth.search(term, { filters }), delta.search(term, { filters })])
    expect(b.map((h) => h.url).sort()).toEqual(a.map((h) => h.url).sort())
    expect(await delta.counts(term, { filters })).toEqual(await truth.counts(term, { filters }))
  })

  it('finds the edit and the addition, not the old text nor the removed record', async () => {
    const urls = async (term: string) => (await delta.search(term)).map((h) => h.url)
    expect(await urls('xylophone')).toEqual([PREFIX + recordPath(edited.find((r) => r.id === changedId)!)])
    expect(await urls('zither')).toEqual([PREFIX + recordPath(edited.at(-1)!)])
    // Words no current page holds (Pagefind may still fall back to shorter words elsewhere).
    expect(await urls('asuncion')).not.toContain(PREFIX + recordPath(edited.find((r) => r.id === changedId)!))
    expect(await urls('meltwater')).not.toContain(`${PREFIX}plans/${removedId}/`)
  })

  it('sorts across the shards and the delta as one index does', async () => {
    const options: SearchOptions = { sort: { date: 'desc' } }
    const [a, b] = await Promise.all([truth.search(null, options), delta.search(null, options)])
    expect(b.map((h) => h.meta['sort-date'])).toEqual(a.map((h) => h.meta['sort-date']))
    expect(b).toHaveLength(edited.length)
  })
})

describe('planDelta', () => {
  const page = (url: string, sha256: string): SearchPage => ({ path: url, url, sha256, bytes: 1, sorts: {} })
  const base = (pages: Array<[string, string]>, emails: string[] = []) => ({
    slot: 0, key: 'k', dir: '', emails, settings: 's', pages: pages.map(([url, sha256], i) => ({ url, id: `en_${i}`, filters: { sdg: ['6'] }, sha256 }))
  })

  it('asks for the shards again without a base, past DELTA_MAX pages, or to drop a page that held an address', () => {
    expect(planDelta([{ pages: [page('/a/', '1')], base: null }])).toBeNull()
    const many = Array.from({ length: DELTA_MAX + 1 }, (_, i) => page(`/p${i}/`, 'new'))
    expect(planDelta([{ pages: many, base: base([['/x/', 'old']]) }])).toBeNull()
    expect(planDelta([{ pages: [page('/a/', '2')], base: base([['/a/', '1']], ['/a/']) }])).toBeNull()
    // An address elsewhere in the shard does not matter.
    expect(planDelta([{ pages: [page('/a/', '2'), page('/b/', '1')], base: base([['/a/', '1'], ['/b/', '1']], ['/b/']) }])).not.toBeNull()
  })

  it('indexes changed and added pages and supersedes changed and removed ones', () => {
    const plan = planDelta([{ pages: [page('/a/', '1'), page('/b/', '2'), page('/c/', '1')], base: base([['/a/', '1'], ['/b/', '1'], ['/d/', '1']]) }])!
    expect(plan.pages.map((p) => p.url)).toEqual(['/b/', '/c/'])
    expect(plan.superseded).toEqual({ 's0/': { en_1: { sdg: ['6'] }, en_2: { sdg: ['6'] } } })
  })
})
