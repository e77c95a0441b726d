import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { BACKLOG_BYTES, startPageWriter } from '../../src/site/page-writer.ts'

describe('page writer thread', () => {
  it('writes pages and assets in their folders, counting pages apart', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'))
    const writer = startPageWriter()
    writer.write(join(out, 'plans', 'a', 'index.html'), '<p>a</p>')
    writer.write(join(out, 'plans', 'b', 'index.html'), '<p>b é</p>')
    writer.write(join(out, 'feed.xml'), '<feed/>')
    writer.copy(join(out, 'assets', 'site.css'), new Uint8Array([98, 111, 100, 121]))
    expect(await writer.close()).toEqual({ pages: 3, files: 4 })
    expect(readFileSync(join(out, 'plans', 'b', 'index.html'), 'utf8')).toBe('<p>b é</p>')
    expect(readFileSync(join(out, 'assets', 'site.css'), 'utf8')).toBe('body')
  })

  it('makes the renderer wait while more than BACKLOG_BYTES are queued, then catches up', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'))
    const writer = startPageWriter()
    const page = 'x'.repeat(1024 * 1024)
    const count = Math.ceil(BACKLOG_BYTES / page.length) + 2
    const queued = Array.from({ length: count }, (_, i) => writer.write(join(out, `p${i}`, 'index.html'), page))
    // Acknowledgements are message events: none arrives while only microtasks
    // run. The first pages return at once, the ones past the limit wait for the thread.
    const settled = queued.map(() => false)
    queued.forEach((p, i) => void p.then(() => (settled[i] = true)))
    for (let tick = 0; tick < 3; tick++) await Promise.resolve()
    expect(settled[0]).toBe(true)
    expect(settled[count - 1]).toBe(false)
    await Promise.all(queued)
    expect(await writer.close()).toEqual({ pages: count, files: count })
    expect(readFileSync(join(out, `p${count - 1}`, 'index.html'), 'utf8')).toHaveLength(page.length)
  })

  it('reports the first failed write when closed', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'))
    // A file where a folder must go: the page under it cannot be written.
    writeFileSync(join(out, 'plans'), 'not a folder')
    const writer = startPageWriter()
    writer.write(join(out, 'plans', 'a', 'index.html'), '<p>a</p>')
    writer.write(join(out, 'index.html'), '<p>home</p>')
    await expect(writer.close()).rejects.toThrow(/writing the site failed: .*(ENOTDIR|EEXIST)/)
  })
})
