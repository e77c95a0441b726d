/**
 * Incremental builds (src/site/incremental.ts): a build into a folder a
 * previous build wrote renders only the pages whose inputs changed, and the
 * folder it leaves is byte for byte the one a clean build writes.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { outputPathOf, pageKey, planRender, recordKeyView } from '../../src/site/incremental.ts'
import { buildInto, listFiles } from './helpers.ts'

/** A small corpus of our own: the seeds and the hostile fixtures (they lift images and collide on ids). */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'incremental-corpus-'))
  cpSync('content', dir, { recursive: true })
  cpSync('tests/fixtures/hostile', join(dir, 'hostile'), { recursive: true })
  rmSync(join(dir, 'hostile', 'README.txt'), { force: true })
  return dir
}

/** Hidden siblings that hold a previous build while the next one is written (src/site/build.ts). */
function oldSiblings(out: string): string[] {
  return readdirSync(dirname(out)).filter((name) => name.startsWith(`.${basename(out)}-old-`))
}

function expectSameTree(actual: string, expected: string): void {
  const files = listFiles(expected)
  expect(listFiles(actual)).toEqual(files)
  for (const file of files) {
    expect(readFileSync(join(actual, file)).equals(readFileSync(join(expected, file))), file).toBe(true)
  }
}

describe('incremental build', () => {
  it('renders only what changed and ends byte-identical to a clean build', async () => {
    const content = corpus()
    const out = mkdtempSync(join(tmpdir(), 'incremental-out-'))
    const first = await buildInto(content, ['--no-search', '--no-cache'], out)
    expect(first.pagesReused).toBe(0)

    // One plan edited, one file added, one removed.
    const plan = listFiles(content).find((f) => /learning|plan/i.test(f) && f.endsWith('.md'))!
    appendFileSync(join(content, plan), '\nA sentence added by the incremental test about rain gardens.\n')
    writeFileSync(join(content, 'added-page.md'), '# A page added later\n\n[[type:blog]]\n[[country:Chile]]\n\nSome text.\n')
    const removed = listFiles(content).find((f) => f.startsWith('hostile/legit'))!
    rmSync(join(content, removed))

    const second = await buildInto(content, ['--no-search', '--no-cache'], out)
    expect(second.pagesReused).toBeGreaterThan(0)
    expect(second.pagesWritten).toBeLessThan(first.pagesWritten)
    expect(second.records).toBe(first.records)
    const clean = await buildInto(content, ['--no-search', '--no-cache', '--no-incremental'])
    expect(clean.pagesReused).toBe(0)
    expectSameTree(out, clean.outDir)
  }, 120_000)

  it('re-renders every page when an address becomes a focal point, so no kept page shows it', async () => {
    const content = corpus()
    const out = mkdtempSync(join(tmpdir(), 'incremental-out-'))
    // Not a focal point yet: an author's address in a link's title, which the body keeps.
    writeFileSync(join(content, 'mentions.md'), '# Mentions\n\n[[type:blog]]\n\nSee [the notes](https://example.org/ "by rio.grande@undp.org").\n')
    await buildInto(content, ['--no-search', '--no-cache'], out)
    writeFileSync(join(content, 'owner.md'), '# Owner\n\n[[type:blog]]\n[[focal_point:rio.grande@undp.org]]\n\nText.\n')
    const second = await buildInto(content, ['--no-search', '--no-cache'], out)
    expect(second.pagesReused).toBe(0)
    const leaks = listFiles(out).filter((file) => readFileSync(join(out, file), 'utf8').includes('rio.grande'))
    expect(leaks).toEqual([])
    const clean = await buildInto(content, ['--no-search', '--no-cache', '--no-incremental'])
    expectSameTree(out, clean.outDir)
  }, 120_000)

  it('puts back a page deleted by hand, and renders everything when the options change', async () => {
    const content = corpus()
    const out = mkdtempSync(join(tmpdir(), 'incremental-out-'))
    const first = await buildInto(content, ['--no-search', '--no-cache'], out)
    const page = listFiles(out).find((f) => f.startsWith('plans/') && f.endsWith('index.html'))!
    rmSync(join(out, page))
    const exportedAt = statSync(join(out, 'records.json')).mtimeMs
    const second = await buildInto(content, ['--no-search', '--no-cache'], out)
    expect(existsSync(join(out, page))).toBe(true)
    // No record changed: the exports were kept as they were.
    expect(statSync(join(out, 'records.json')).mtimeMs).toBe(exportedAt)
    // Only that page and the single pages (home, map, sitemap…) were rendered.
    expect(second.pagesWritten).toBeLessThan(first.pagesWritten / 2)

    const moved = await buildInto(content, ['--no-search', '--no-cache', '--base-url', '/sub/'], out)
    expect(moved.pagesReused).toBe(0)
    expect(moved.pagesWritten).toBe(first.pagesWritten)
    // The previous build was moved aside while the new one was written, then deleted.
    expect(oldSiblings(out)).toEqual([])
  }, 120_000)
})

describe('a build that stopped half-way', () => {
  it('leaves a folder the next build recognises and renders again in full', async () => {
    const content = corpus()
    const out = mkdtempSync(join(tmpdir(), 'incremental-out-'))
    const first = await buildInto(content, ['--no-search', '--no-cache'], out)
    // What prepareOutDir leaves until a build succeeds: the marker without page keys.
    writeFileSync(join(out, '.plan-archive-site'), JSON.stringify({ format: 1, siteKey: '', pages: {} }))
    writeFileSync(join(out, 'half-written.html'), 'left by the build that stopped')
    // And the previous build it had moved aside but not yet deleted.
    const leftover = join(dirname(out), `.${basename(out)}-old-x1`)
    mkdirSync(join(leftover, 'plans'), { recursive: true })
    writeFileSync(join(leftover, 'plans', 'index.html'), 'old')
    const next = await buildInto(content, ['--no-search', '--no-cache'], out)
    expect(next.pagesReused).toBe(0)
    expect(next.pagesWritten).toBe(first.pagesWritten)
    expect(existsSync(join(out, 'half-written.html'))).toBe(false)
    expect(oldSiblings(out)).toEqual([])
  }, 120_000)
})

describe('planRender', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'plan-'))
  const families = {
    records: [{ url: '/plans/a/', title: 'A' }, { url: '/plans/b/', title: 'B' }],
    listPages: [{ url: '/years/2021/', count: 2 }],
    feeds: [{ url: '/feeds/sdg-1.xml', entries: 1 }],
    facets: []
  }

  it('renders everything without a previous manifest', () => {
    const plan = planRender(families, 'site', null, outDir)
    expect(plan.render.records).toHaveLength(2)
    expect(plan.reused).toBe(0)
    expect(Object.keys(plan.manifest.pages).sort()).toEqual(['feeds/sdg-1.xml', 'plans/a/index.html', 'plans/b/index.html', 'years/2021/index.html'])
  })

  it('skips pages whose key and file are unchanged and lists the stale ones', () => {
    const previous = planRender(families, 'site', null, outDir).manifest
    previous.pages['plans/gone/index.html'] = 'x'
    for (const path of Object.keys(previous.pages)) {
      mkdirSync(dirname(join(outDir, path)), { recursive: true })
      writeFileSync(join(outDir, path), 'old')
    }
    const changed = { ...families, records: [{ url: '/plans/a/', title: 'A' }, { url: '/plans/b/', title: 'B2' }] }
    const plan = planRender(changed, 'site', previous, outDir)
    expect(plan.render.records.map((r) => r.url)).toEqual(['/plans/b/'])
    expect(plan.render.listPages).toEqual([])
    expect(plan.stale).toEqual(['plans/gone/index.html'])
    expect(plan.reused).toBe(3)
  })

  it('keys a record page by its file, not by its serialised body', () => {
    const record = { id: 'a', source: { path: 'a.md', sha256: 'h1' } }
    const view = { url: '/plans/a/', html: '<p>long</p>', record, title: 'A' }
    expect(pageKey(recordKeyView(view))).toBe(pageKey(recordKeyView({ ...view, html: '<p>other</p>' })))
    expect(pageKey(recordKeyView(view))).not.toBe(pageKey(recordKeyView({ ...view, record: { ...record, source: { path: 'a.md', sha256: 'h2' } } })))
    expect(pageKey(recordKeyView(view))).not.toBe(pageKey(recordKeyView({ ...view, title: 'A2' })))
  })

  it('maps permalinks to output files', () => {
    expect(outputPathOf('/')).toBe('index.html')
    expect(outputPathOf('/plans/x/')).toBe('plans/x/index.html')
    expect(outputPathOf('/feed.xml')).toBe('feed.xml')
  })
})
