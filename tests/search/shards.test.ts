/**
 * Sharded search: the merged answers of several shard bundles equal the answers
 * of one unsharded bundle of the same site (result sets, counts, and the order
 * of every sort), the shard cache re-indexes only the shard of a changed page,
 * and the bundle still has the shape the build and the search page rely on.
 */
import { readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord, RecordId, SdgNumber } from '../../src/records/types.ts'
import { patchPagefindJs } from '../../src/search/bundle.ts'
import { buildSearchIndex, type SearchIndexResult } from '../../src/search/index.ts'
import { summedPeak } from '../../src/search/peak-memory.ts'
import { assignShards, searchPages, shardOf, sortValues, urlOf, type SearchPage } from '../../src/search/shards.ts'
import { searchFixtureRecords } from '../fixtures/search/records.ts'
import { buildFixtureSite, PREFIX, recordPath, writeFixtureSite, type FixtureSite } from './fixture-site.ts'
import { openIndex, type Hit, type IndexClient, type SearchOptions } from './query.ts'

const SDG_NAMES: Record<number, string> = { 6: 'Clean water and sanitation', 13: 'Climate action', 16: 'Peace, justice and strong institutions' }
// Includes a no-break space, which Pagefind keeps and sorts after letters.
const TITLES = ['Água para todos', 'apple orchards', 'Apple pie', 'École ouverte', 'eclipse watch', '10 ideas', '9 lives', 'Zebra crossings', 'zinc', 'Ñandú', 'piloting\u00a0international', 'piloting rapid', 'closing:\u00a0 enabling', 'closing: rural']
const WORDS = ['water', 'community', 'learning', 'climate', 'trust']

/** The fixture records plus generated ones: shared and distinct dates, titles in several scripts and cases. */
function moreRecords(): ArchiveRecord[] {
  const base = searchFixtureRecords[0]!
  const extra = Array.from({ length: 36 }, (_, i): ArchiveRecord => {
    const year = 2015 + (i % 9)
    const sdgs = ([6, 13, 16] as SdgNumber[]).filter((_, j) => (i + j) % 2 === 0)
    return {
      ...base,
      id: `generated-${i}` as RecordId,
      ...(i % 3 === 0 ? { kind: 'other' as const, type: 'solution' } : { kind: 'learningplan' as const, type: 'learningplan' as const, planTitle: null, stages: [], challengeType: null }),
      title: `${TITLES[i % TITLES.length]} ${Math.floor(i / TITLES.length) || ''}`.trim(),
      year: i % 11 === 5 ? null : year,
      // Several records share a date; some have only a year; a few have neither.
      date: i % 4 === 0 ? null : `${year}-0${1 + (i % 3)}-1${i % 2}`,
      sdgs: sdgs.map((n) => ({ number: n, name: SDG_NAMES[n]!, raw: String(n) })),
      countries: i % 2 ? [base.countries[0]!] : [],
      focalPoints: [],
      tags: {},
      body: `Record ${i} on ${WORDS[i % WORDS.length]} and ${WORDS[(i * 7) % WORDS.length]}, ${'field notes '.repeat(1 + (i % 5))}.`
    }
  })
  return [...searchFixtureRecords, ...extra]
}

describe('shard assignment', () => {
  it('gives a page the URL Pagefind gives it and a shard that depends on its URL alone', () => {
    expect(urlOf('plans/a/index.html')).toBe('/plans/a/')
    expect(urlOf('index.html')).toBe('/')
    expect(urlOf('notes/b.html')).toBe('/notes/b.html')
    const page = (url: string): SearchPage => ({ path: url.slice(1) + 'index.html', url, sha256: '', bytes: 1, sorts: {} })
    const pages = Array.from({ length: 200 }, (_, i) => page(`/p/${i}/`))
    const before = assignShards(pages, 5)
    const after = assignShards([page('/p/new/'), ...pages.slice(0, 120), ...pages.slice(121)], 5)
    // Adding one page and removing another moves no other page.
    for (const p of pages) if (p.url !== '/p/120/') expect(after.findIndex((s) => s.includes(p))).toBe(before.findIndex((s) => s.includes(p)))
    expect(before.map((s) => s.length).every((n) => n > 20)).toBe(true)
    expect(shardOf('/p/1/', 1)).toBe(0)
  })

  it('reads sort values as an HTML parser would', () => {
    const html = '<span hidden data-pagefind-sort="title">\u00a0learning  plans:\n&lt;b&gt; &amp; «co»&nbsp;x\u00a0 y\tz\t\tw </span><i data-pagefind-sort="date">2023-05-01</i>'
    expect(sortValues(html)).toEqual({ title: 'learning plans: <b> & «co»\u00a0x y\tz w', date: '2023-05-01' })
  })

  it('sums the peak memory of the processes alive at once', () => {
    const spans = [
      { start: 0, end: 10, peakRss: 300 },
      { start: 1, end: 5, peakRss: 200 },
      { start: 6, end: 12, peakRss: 250 },
      { start: 11, end: 20, peakRss: 400 }
    ]
    expect(summedPeak(spans)).toBe(650)
  })
})

describe('page hashes', () => {
  it('change with what Pagefind indexes, not with what is around it (a neighbour’s related list)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'search-hash-'))
    const page = (body: string, aside: string) =>
      `<!doctype html><html lang="en"><body><nav>Home</nav><main><article data-pagefind-body><h1>T</h1><p>${body}</p></article><aside>${aside}</aside></main></body></html>`
    const hashes = async (body: string, aside: string, lang = 'en') => {
      await writeFile(join(dir, 'index.html'), page(body, aside).replace('lang="en"', `lang="${lang}"`))
      return (await searchPages(dir))[0]!.sha256
    }
    const first = await hashes('Water', 'Related: A')
    expect(await hashes('Water', 'Related: B')).toBe(first)
    expect(await hashes('Water!', 'Related: A')).not.toBe(first)
    expect(await hashes('Water', 'Related: A', 'es')).not.toBe(first)
  })

  it('find the attribute in a tag, not in a title that names it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'search-hash-'))
    const page = (body: string) =>
      `<!doctype html><html lang="en"><head><title>About data-pagefind-body</title></head><body><nav>About data-pagefind-body</nav><article data-pagefind-body><p>${body}</p></article></body></html>`
    const hash = async (body: string) => {
      await writeFile(join(dir, 'index.html'), page(body))
      return (await searchPages(dir))[0]!.sha256
    }
    expect(await hash('Old text')).not.toBe(await hash('New text'))
  })
})

describe('many pages in one shard', () => {
  it('indexes them all (Pagefind rejects a glob naming thousands of files, so they go in batches)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'search-many-'))
    const count = 5000
    for (let i = 0; i < count; i++) {
      // Long names, as the corpus has: what Pagefind rejects is a long glob.
      const slug = `p/a-learning-plan-with-a-long-descriptive-slug-number-${i}`
      await mkdir(join(dir, slug), { recursive: true })
      const html = `<html lang="en"><body><main data-pagefind-body><h1>Page ${i}</h1><p>word${i % 7} common</p></main></body></html>`
      await writeFile(join(dir, slug, 'index.html'), html)
    }
    await writeFile(join(dir, 'index.html'), '<html lang="en"><body><h1>Home</h1></body></html>')
    const result = await buildSearchIndex(dir, { shards: 1 })
    expect(result.errors).toEqual([])
    expect(result.pages).toBe(count)
  })
})

describe('sharded search equals one unsharded index', () => {
  let records: ArchiveRecord[]
  let truthSite: FixtureSite
  let shardedSite: FixtureSite
  let truth: IndexClient
  let sharded: IndexClient

  beforeAll(async () => {
    records = moreRecords()
    truthSite = await buildFixtureSite(records, { shards: 1 })
    shardedSite = await buildFixtureSite(records, { shards: 4 })
    truth = await openIndex(truthSite.root, PREFIX)
    sharded = await openIndex(shardedSite.root, PREFIX)
  })
  afterAll(async () => {
    await truth?.close()
    await sharded?.close()
  })

  it('wrote one bundle and four shards over the same pages', async () => {
    expect(truthSite.index.errors).toEqual([])
    expect(shardedSite.index.errors).toEqual([])
    expect(truthSite.index.shards).toBe(1)
    expect(shardedSite.index.shards).toBe(4)
    expect(shardedSite.index.pages).toBe(records.length)
    const manifest = JSON.parse(await readFile(join(shardedSite.out, 'pagefind', 'shards.json'), 'utf8'))
    expect(manifest.shards.map((s: { pages: number }) => s.pages).reduce((a: number, b: number) => a + b, 0)).toBe(records.length)
    expect(Math.min(...manifest.shards.map((s: { pages: number }) => s.pages))).toBeGreaterThan(0)
  })

  const queries: [string | null, SearchOptions['filters']][] = [
    [null, {}],
    [null, { sdg: { any: ['6', '13'] } }],
    [null, { sdg: { any: ['16'] }, country: { any: ['PER'] } }],
    ['water', {}],
    ['community', {}],
    ['learning', { sdg: { any: ['13'] } }],
    ['field notes', {}],
    ['zebrafish', {}],
    ['nothingmatchesthis', {}]
  ]

  it.each(queries)('%s %j: the same records and the same filter counts', async (term, filters) => {
    const [a, b] = await Promise.all([truth.search(term, { filters }), sharded.search(term, { filters })])
    expect(b.map((h) => h.url).sort()).toEqual(a.map((h) => h.url).sort())
    expect(await sharded.counts(term, { filters })).toEqual(await truth.counts(term, { filters }))
    if (term && term !== 'nothingmatchesthis') expect(a.length).toBeGreaterThan(0)
  })

  const sortValue = (key: string) => (hit: Hit) => hit.meta[`sort-${key}`]

  it.each([
    ['date', 'desc'],
    ['date', 'asc'],
    ['title', 'asc'],
    ['title', 'desc']
  ] as const)('sorts by %s %s across shards in Pagefind’s order', async (key, direction) => {
    for (const [term, filters] of queries) {
      const options: SearchOptions = { filters, sort: { [key]: direction } }
      const [a, b] = await Promise.all([truth.search(term, options), sharded.search(term, options)])
      // Ties may come in any order: compare the sequence of values, then the records.
      expect(b.map(sortValue(key)), `${term} ${JSON.stringify(filters)}`).toEqual(a.map(sortValue(key)))
      expect(b.map((h) => h.url).sort()).toEqual(a.map((h) => h.url).sort())
    }
    // The values are the ones the templates wrote.
    const all = await sharded.search(null, { sort: { [key]: direction } })
    expect(all.length).toBe(records.length)
    for (const hit of all) {
      const record = records.find((r) => PREFIX + recordPath(r) === hit.url)!
      // Pagefind turns a run of whitespace into one space.
      const expected = key === 'title' ? record.title.toLowerCase().replace(/\s{2,}/g, ' ') : String(record.date ?? record.year ?? '0000')
      expect(sortValue(key)(hit)).toBe(expected)
    }
  })

  it('ranks a distinctive phrase first, as one index does', async () => {
    for (const phrase of ['glacier meltwater', 'rondas campesinas', 'zebrafish', 'مبادرة']) {
      const [a, b] = await Promise.all([truth.search(phrase), sharded.search(phrase)])
      expect(b[0]?.url, phrase).toBe(a[0]?.url)
    }
  })
})

describe('shard cache', () => {
  let cacheDir: string
  const results: SearchIndexResult[] = []
  let changed: ArchiveRecord
  let sites: { root: string; out: string }[]
  const keysBySlot: Record<string, string>[] = []

  /** The cached key of each slot folder (exactly one each). */
  async function cachedKeys(): Promise<Record<string, string>> {
    const keys: Record<string, string> = {}
    for (const slot of await readdir(join(cacheDir, 'search'))) {
      const entries = await readdir(join(cacheDir, 'search', slot))
      expect(entries.length, slot).toBe(1)
      keys[slot] = entries[0]!
    }
    return keys
  }

  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'search-cache-'))
    const records = moreRecords()
    changed = records.find((r) => r.id === 'paraguay-trust')!
    const edited = records.map((r) => (r === changed ? { ...r, body: `${r.body}\n\nA xylophone workshop in Luque.` } : r))
    sites = []
    for (const list of [records, records, edited]) {
      const site = await writeFixtureSite(list)
      sites.push(site)
      results.push(await buildSearchIndex(site.out, { shards: 3, cacheDir, records: list }))
      keysBySlot.push(await cachedKeys())
    }
  })

  it('indexes every shard the first time and none when nothing changed', () => {
    expect(results.map((r) => r.errors)).toEqual([[], [], []])
    expect(results[0]!.shards).toBe(3)
    expect(results[0]!.shardsReused).toBe(0)
    expect(results[1]!.shardsReused).toBe(3)
    expect(results[1]!.peakRssBytes).toBe(0)
    expect(keysBySlot[1]).toEqual(keysBySlot[0])
  })

  it('indexes only the changed page, as a delta beside the kept shards (delta.test.ts), and the change is searchable', async () => {
    expect(results[2]!.shardsReused).toBe(3)
    expect(results[2]!.shards).toBe(4)
    const { ['3-delta']: deltaKey, ...slots } = keysBySlot[2]!
    expect(deltaKey).toBeDefined()
    expect(slots).toEqual(keysBySlot[1])
    const client = await openIndex(sites[2]!.root, PREFIX)
    try {
      expect((await client.search('xylophone')).map((h) => h.url)).toEqual([PREFIX + recordPath(changed)])
      expect(await client.total(null, { sort: { date: 'desc' } })).toBe(results[2]!.pages)
    } finally {
      await client.close()
    }
  })

  it('copies an unchanged shard byte for byte', async () => {
    const files = async (out: string) => {
      const list = await readdir(join(out, 'pagefind'), { recursive: true, withFileTypes: true })
      return Object.fromEntries(
        await Promise.all(
          list.filter((f) => f.isFile()).map(async (f) => [join(f.parentPath, f.name).slice(out.length), (await readFile(join(f.parentPath, f.name))).toString('base64')])
        )
      )
    }
    expect(await files(sites[1]!.out)).toEqual(await files(sites[0]!.out))
  })
})

describe('bundle shape (fails when Pagefind’s output changes)', () => {
  let site: FixtureSite
  let cacheDir: string
  beforeAll(async () => {
    cacheDir = await mkdtemp(join(tmpdir(), 'search-shape-'))
    site = await buildFixtureSite(searchFixtureRecords, { shards: 2, cacheDir })
  })

  it('keeps one pagefind.js and one wasm at the top and only index data in each shard', async () => {
    const top = (await readdir(join(site.out, 'pagefind'))).sort()
    expect(top).toEqual(['pagefind.js', 's0', 's1', 'shards.json', 'wasm.en.pagefind', 'wasm.unknown.pagefind'])
    for (const shard of ['s0', 's1']) {
      const names = (await readdir(join(site.out, 'pagefind', shard))).map((n) => n.replace(/^pagefind\.en_\w+\.pf_meta$/, 'meta'))
      expect(names.sort()).toEqual(['filter', 'fragment', 'index', 'meta', 'pagefind-entry.json'])
    }
  })

  it('patches the pagefind.js Pagefind wrote, which still fetches the wasm per basePath and exports createInstance', async () => {
    const slots = await readdir(join(cacheDir, 'search'))
    const key = (await readdir(join(cacheDir, 'search', slots[0]!)))[0]!
    const original = await readFile(join(cacheDir, 'search', slots[0]!, key, 'bundle', 'pagefind.js'), 'utf8')
    expect(original).toContain('const wasm_url=`${this.basePath}wasm.${language}.pagefind`')
    expect(original).toMatch(/export\{[^}]*\bcreateInstance\b/)
    expect(original).toContain('__wbg_init(module_or_path){if(wasm!==undefined)return wasm;')
    const patched = patchPagefindJs(original)
    expect(patched).not.toBeNull()
    expect(await readFile(join(site.out, 'pagefind', 'pagefind.js'), 'utf8')).toBe(patched)
    expect(patchPagefindJs('export{search}')).toBeNull()
  })

  it('gives every fragment its sort values as meta', async () => {
    let seen = 0
    for (const shard of ['s0', 's1']) {
      const dir = join(site.out, 'pagefind', shard, 'fragment')
      for (const name of await readdir(dir)) {
        const text = gunzipSync(await readFile(join(dir, name))).toString('utf8')
        expect(text.startsWith('pagefind_dcd')).toBe(true)
        const fragment = JSON.parse(text.slice('pagefind_dcd'.length))
        expect(Object.keys(fragment.meta)).toEqual(expect.arrayContaining(['title', 'sort-date', 'sort-title']))
        seen++
      }
    }
    expect(seen).toBe(searchFixtureRecords.length)
  })
})
