/**
 * renderBody on a sample of the real corpus (every 40th file): nothing unsafe,
 * no render failure, every section's anchor present. Skipped when
 * ../shared/corpus is absent.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../src/parse/index.ts'
import { headingAnchor, renderBody } from '../../src/render/body.ts'
import { unsafeParts } from './helpers.ts'

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/sdg-commons/pages/', import.meta.url))
const present = existsSync(CORPUS)
if (!present) console.warn(`render corpus sample SKIPPED: ${CORPUS} is absent`)

describe.skipIf(!present)('renderBody on a sample of the real corpus', () => {
  it('renders every 40th page safely, with every section anchor', () => {
    const files = readdirSync(CORPUS, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && d.name.endsWith('.md'))
      .map((d) => relative(CORPUS, join(d.parentPath, d.name)).split('\\').join('/'))
      .sort()
    expect(files.length).toBeGreaterThan(8000)
    const problems: string[] = []
    let sampled = 0
    for (let i = 0; i < files.length; i += 40) {
      const path = files[i]!
      const { record, tree } = parseFile({ path, bytes: new Uint8Array(readFileSync(join(CORPUS, path))) })
      const html = renderBody(tree, record)
      sampled++
      if (html.includes('render-failed')) problems.push(`${path}: render failed`)
      for (const p of unsafeParts(html)) problems.push(`${path}: ${p}`)
      // Empty headings (`## ` alone, `# ****`) get slug '' from github-slugger: nothing to link to.
      for (const s of record.sections) if (s.slug && !html.includes(`id="${headingAnchor(s.slug)}"`)) problems.push(`${path}: no anchor ${s.slug}`)
    }
    expect(sampled).toBeGreaterThan(200)
    expect(problems).toEqual([])
  })
})
