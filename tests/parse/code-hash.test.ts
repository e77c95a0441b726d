/**
 * The import closure (src/parse/code-hash.ts): which of our files a thread
 * loads from its entry modules, found by a regex over each file's source.
 */
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { importClosure } from '../../src/parse/code-hash.ts'
import { taskModules } from '../../src/parse/worker.ts'

const repo = fileURLToPath(new URL('../../', import.meta.url))
const RENDER_MODULE = new URL('../../src/render/body.ts', import.meta.url).href
const relativeNames = (files: string[]): string[] => files.map((file) => file.slice(repo.length))

/** A read function over an in-memory folder, throwing like readFileSync for a missing file. */
function memory(files: Record<string, string>): (path: string) => string {
  return (path) => {
    const text = files[path]
    if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' })
    return text
  }
}

describe('importClosure', () => {
  it('follows every form of relative import we write, and only those a thread loads', () => {
    const read = memory({
      '/v/entry.ts': [
        "import { a } from './a.ts'",
        'import {',
        '  b,',
        '  c',
        "} from './b.ts'",
        "import type { T } from './types-only.ts'",
        "export type { U } from './types-only-too.ts'",
        "export * from './reexport.ts'",
        "import './side-effect.ts'",
        "import x, { type Y } from './mixed.ts'",
        "import fg from 'fast-glob'",
        "import { gone } from './missing.ts'",
        "const lazy = () => import('./lazy.ts')",
        'const computed = (name: string) => import(`./${name}.ts`)',
        "export const from = './not-an-import.ts'"
      ].join('\n'),
      '/v/a.ts': "import { d } from './deep/d.ts'\n",
      '/v/b.ts': '',
      '/v/types-only.ts': '',
      '/v/types-only-too.ts': '',
      '/v/reexport.ts': '',
      '/v/side-effect.ts': '',
      '/v/mixed.ts': '',
      '/v/lazy.ts': '',
      '/v/not-an-import.ts': '',
      // A cycle back to a.ts, and a data file hashed as it is (its text is not scanned).
      '/v/deep/d.ts': "import { a } from '../a.ts'\nimport data from './data.json' with { type: 'json' }\n",
      '/v/deep/data.json': "import './never.ts'"
    })
    expect(importClosure(['file:///v/entry.ts'], read)).toEqual([
      '/v/a.ts',
      '/v/b.ts',
      '/v/deep/d.ts',
      '/v/deep/data.json',
      '/v/entry.ts',
      '/v/lazy.ts',
      '/v/mixed.ts',
      '/v/reexport.ts',
      '/v/side-effect.ts'
    ])
    // A package name is not ours to follow.
    expect(importClosure(['fast-glob'], read)).toEqual([])
  })

  it('is, for the parse threads, the worker, the parser, the records code and the render stage, nothing above', () => {
    const files = relativeNames(importClosure(taskModules({ renderModule: RENDER_MODULE })))
    expect(files).toEqual(
      expect.arrayContaining([
        'src/parse/worker.ts',
        'src/parse/index.ts',
        'src/parse/record.ts',
        'src/parse/edit-map.ts',
        'src/records/config.ts',
        'src/records/ids.ts',
        'src/records/normalize/index.ts',
        'src/records/normalize/countries.ts',
        'src/records/normalize/dates.ts',
        'src/records/normalize/emails.ts',
        'src/records/normalize/location.ts',
        'src/records/normalize/sdgs.ts',
        'src/records/normalize/terms.ts',
        'src/render/body.ts',
        'src/render/schema.ts',
        'src/render/steps.ts',
        'src/render/escape.ts',
        'src/render/mask-emails.ts'
      ])
    )
    expect(files.filter((file) => !/^src\/(parse|records|render)\//.test(file))).toEqual([])
    // Main-thread modules are not loaded by a thread.
    expect(files).not.toContain('src/parse/cache.ts')
    expect(files).not.toContain('src/parse/load.ts')
    // Without a renderer, no render code.
    expect(relativeNames(importClosure(taskModules({}))).filter((file) => file.startsWith('src/render/'))).toEqual([])
  })
})
