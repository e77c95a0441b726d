/** A crashed file's record takes its kind from decideKind, like any other file's. */
import { describe, expect, it } from 'vitest'
import { crashedRecord } from '../../src/parse/worker.ts'

const bytes = (text: string) => new TextEncoder().encode(text)

describe('crashedRecord', () => {
  it.each([
    ['plans/a.md', '[[type:Learning Plan]]\n# A', 'learningplan'],
    ['frameworks/a.md', '[[type:learningplan]]\n# A', 'framework'],
    ['a.md', '[[type:Case_Study]]\n# A', 'case_study'],
    ['a.md', '# No type', 'framework']
  ])('%s with %j is a %s record, with a parse-crashed error', (path, text, type) => {
    const record = crashedRecord(path, bytes(text), new Error('boom'))
    expect(record.type).toBe(type)
    expect(record.kind).toBe(type === 'learningplan' || type === 'framework' ? type : 'other')
    expect(record.diagnostics.map((d) => d.rule)).toEqual(['parse-crashed'])
  })
})
