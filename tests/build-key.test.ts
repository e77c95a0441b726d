/**
 * A build with nothing to do (src/build-key.ts, #13): the same inputs as the
 * last whole build, and its folder whole, so nothing is parsed, rendered or
 * indexed, and the report is the last one's. A page deleted by hand, a changed
 * file or other options make it build again.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildInto, listFiles } from './site/helpers.ts'

describe('a build with nothing to do', () => {
  it('does nothing, reports the last build, and builds again once an input or the folder changed', async () => {
    const content = mkdtempSync(join(tmpdir(), 'build-key-content-'))
    cpSync('content', content, { recursive: true })
    const out = mkdtempSync(join(tmpdir(), 'build-key-out-'))
    const cache = mkdtempSync(join(tmpdir(), 'build-key-cache-'))
    const args = ['--cache-dir', cache]
    const first = await buildInto(content, args, out)
    expect(first.pagesWritten).toBeGreaterThan(20)
    const files = listFiles(out)
    const times = new Map(files.map((f) => [f, statSync(join(out, f)).mtimeMs]))

    const same = await buildInto(content, args, out)
    expect(same).toMatchObject({ parsed: 0, pagesWritten: 0, records: first.records, errors: first.errors, warnings: first.warnings, problems: first.problems })
    expect(same.search).toMatchObject({ pages: first.search!.pages, shards: first.search!.shards, shardsReused: first.search!.shards })
    // Not a file touched.
    expect(listFiles(out)).toEqual(files)
    for (const f of files) expect(statSync(join(out, f)).mtimeMs, f).toBe(times.get(f))

    // Another option is another build.
    const noSearch = await buildInto(content, [...args, '--no-search'], out)
    expect(noSearch.pagesWritten).toBeGreaterThan(0)

    const page = files.find((f) => f.startsWith('plans/') && f.endsWith('index.html'))!
    rmSync(join(out, page))
    const restored = await buildInto(content, args, out)
    expect(restored.pagesWritten).toBeGreaterThan(0)
    expect(readFileSync(join(out, page), 'utf8')).toContain('<h1')

    const plan = listFiles(content).find((f) => f.endsWith('.md'))!
    appendFileSync(join(content, plan), '\nOne more sentence.\n')
    const edited = await buildInto(content, args, out)
    expect(edited.parsed).toBe(1)
  }, 180_000)
})
