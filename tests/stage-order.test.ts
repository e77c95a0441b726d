/**
 * The stages in order (README, "How it is built"): records beneath all, then
 * parse → render → site → search → cli. No stage imports a later one, types
 * included: the parse threads get the renderer as a module URL, and the pipeline
 * that runs site then search is src/build.ts, above the stages.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const src = fileURLToPath(new URL('../src/', import.meta.url))

/** What each lower stage may import from (besides itself). */
const ALLOWED: Record<string, string[]> = {
  records: [],
  parse: ['records'],
  render: ['records', 'parse'],
  site: ['records', 'parse', 'render'],
  search: ['records', 'parse', 'render', 'site']
}

/** Relative specifiers of every import, export-from and literal dynamic import, type-only ones included. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(?\s*)['"](\.\.?\/[^'"\n]+)['"]/g

describe('stage order', () => {
  for (const [stage, allowed] of Object.entries(ALLOWED)) {
    it(`src/${stage} imports from ${allowed.length ? allowed.map((s) => `src/${s}`).join(' and ') : 'no other stage'}`, () => {
      const files = readdirSync(join(src, stage), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))
      expect(files.length).toBeGreaterThan(0)
      const wrong: string[] = []
      for (const file of files) {
        const path = join(src, stage, file)
        for (const [, specifier] of readFileSync(path, 'utf8').matchAll(IMPORT)) {
          const target = relative(src, resolve(dirname(path), specifier!)).split(/[\\/]/)[0]!
          if (target !== stage && !allowed.includes(target)) wrong.push(`src/${stage}/${file} imports ${specifier}`)
        }
      }
      expect(wrong).toEqual([])
    })
  }
})
