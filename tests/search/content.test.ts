/**
 * The search index of the real build of content/ (the seed plans and framework
 * pages), through `plan-archive build`: phrases find their record first, SDG
 * and country filters return exactly the records that carry them.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { openIndex, type IndexClient } from './query.ts'

const ROOT = new URL('../../', import.meta.url).pathname
const CLI = join(ROOT, 'bin/plan-archive.js')
const cliReady = spawnSync(process.execPath, [CLI, 'build', '--help'], { cwd: ROOT, encoding: 'utf8' }).status === 0
const buildReady = cliReady || (existsSync(join(ROOT, 'src/site/build.ts')) && existsSync(join(ROOT, 'src/parse/load.ts')))
if (!buildReady) console.warn('search/content: skipped, neither `plan-archive build` nor src/site/build.ts exists yet')

/** `plan-archive build` when registered, else the same buildSite() in a child process. */
function build(content: string, out: string) {
  const args = cliReady
    ? [CLI, 'build', '--content', content, '--out', out]
    : ['--import', 'tsx/esm', join(ROOT, 'tests/search/build-site.ts'), content, out]
  return spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 300_000 })
}

/** A distinctive phrase of each seed file, checked against the source below. */
const PHRASES: Record<string, string> = {
  'plans/learningplan-peru-2023.md': 'mechanisms that motivate citizen participation',
  'plans/learningplan-paraguay-2024.md': 'Tavarandu',
  'frameworks/framework-article-codeforall-participatory-processes.md': 'Codeando México',
  'frameworks/framework-codeforall-introduction.md': 'Follow your instincts',
  'frameworks/framework-iopd-workplan-2021.md': 'International Observatory on Participatory Democracy'
}

describe.skipIf(!buildReady)('search over the built content/', () => {
  let out: string
  let records: ArchiveRecord[]
  let client: IndexClient
  const urlOf = new Map<string, string>()

  beforeAll(async () => {
    out = await mkdtemp(join(tmpdir(), 'search-content-'))
    const built = build('content', out)
    if (built.status !== 0) throw new Error(`site build failed:\n${built.stdout}\n${built.stderr}`)
    const data = JSON.parse(await readFile(join(out, 'records.json'), 'utf8'))
    records = (Array.isArray(data) ? data : data.records) as ArchiveRecord[]
    client = await openIndex(out, '/')
    // Map each record to the URL of its page through the index itself (by title meta).
    for (const hit of await client.search(null)) {
      const record = records.find((r) => r.title === hit.meta.title)
      if (record) urlOf.set(record.id, hit.url)
    }
  })
  afterAll(async () => {
    await client?.close()
  })

  const urls = (list: ArchiveRecord[]): string[] => list.map((r) => urlOf.get(r.id) ?? `missing:${r.id}`).sort()

  it('indexes exactly one page per record', async () => {
    expect(records.length).toBe(Object.keys(PHRASES).length)
    expect((await client.search(null)).length).toBe(records.length)
    expect(urlOf.size).toBe(records.length)
  })

  it.each(Object.entries(PHRASES))('a phrase of %s finds it first', async (path, phrase) => {
    expect(await readFile(join(ROOT, 'content', path), 'utf8')).toContain(phrase)
    const record = records.find((r) => r.source.path === path)
    expect(record).toBeDefined()
    const hits = await client.search(phrase)
    expect(hits[0]?.url).toBe(urlOf.get(record!.id))
  })

  it('SDG 16 with an empty query returns exactly the records carrying SDG 16', async () => {
    const expected = records.filter((r) => r.sdgs.some((s) => s.number === 16))
    expect(expected.length).toBeGreaterThan(0)
    const hits = await client.search(null, { filters: { sdg: '16' } })
    expect(hits.map((h) => h.url).sort()).toEqual(urls(expected))
  })

  it('each country filter returns exactly that country’s records', async () => {
    const codes = new Set(records.flatMap((r) => r.countries.map((c) => c.iso3).filter((c): c is NonNullable<typeof c> => !!c)))
    expect(codes.size).toBeGreaterThan(0)
    for (const code of codes) {
      const hits = await client.search(null, { filters: { country: code } })
      expect(hits.map((h) => h.url).sort(), code).toEqual(urls(records.filter((r) => r.countries.some((c) => c.iso3 === code))))
    }
  })

  it('puts no e-mail address anywhere under pagefind/', async () => {
    const files = await readdir(join(out, 'pagefind'), { recursive: true, withFileTypes: true })
    for (const file of files) {
      if (!file.isFile() || /\.(js|css)$/.test(file.name) || file.name.startsWith('wasm.')) continue
      const raw = await readFile(join(file.parentPath, file.name))
      const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8')
      expect(text, file.name).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/)
    }
    const focal = records.flatMap((r) => r.focalPoints)
    for (const email of focal) expect(await client.search(email.split('@')[0]!)).toEqual([])
  })
})
