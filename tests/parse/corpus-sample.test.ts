import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parseFile } from '../../src/parse/index.ts'
import { isLearningPlan } from '../../src/records/types.ts'

const pages = fileURLToPath(new URL('../../../shared/corpus/sdg-commons/pages/', import.meta.url))
const present = existsSync(pages)
if (!present) console.warn(`SKIPPED corpus sample: ${pages} is absent (the real corpus lives in ../shared/corpus)`)

describe.skipIf(!present)('a sample of ~200 real corpus pages', () => {
  it('gives one sane record per file', () => {
    const all = readdirSync(pages).sort()
    const step = Math.max(1, Math.floor(all.length / 200))
    let plans = 0
    for (let i = 0; i < all.length; i += step) {
      const name = all[i]!
      const { record } = parseFile({ path: name, bytes: readFileSync(pages + name) })
      expect(record.diagnostics.filter((d) => d.rule === 'parse-failed'), name).toEqual([])
      expect(record.title.trim(), name).not.toBe('')
      expect(record.source.path).toBe(name)
      for (const d of record.diagnostics) expect(d.line, `${name} ${d.rule}`).toBeGreaterThanOrEqual(1)
      if (isLearningPlan(record)) {
        plans++
        expect(record.year, name).not.toBeNull()
        if (record.tags.sdgs) expect(record.sdgs.some((s) => s.number !== null), name).toBe(true)
        for (const p of record.sections.flatMap((s) => s.prompts)) {
          expect(p.answer, name).not.toMatch(/<\/?div\b/)
          expect(p.prompt, name).not.toBe('')
        }
      }
    }
    expect(plans).toBeGreaterThan(5)
  }, 120_000)
})
