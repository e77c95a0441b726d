import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startPageWriter } from '../../src/site/page-writer.ts'

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
