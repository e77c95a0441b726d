import { describe, expect, it } from 'vitest'
import { assignUniqueIds, slugForPath } from '../../src/records/ids.ts'
import { parseText } from '../parse/helpers.ts'

describe('slugForPath', () => {
  it('slugs the file name only, ASCII and lower-case', () => {
    expect(slugForPath('content/plans/learningplan-peru-2023.md')).toBe('learningplan-peru-2023')
    expect(slugForPath('Citizen science.md')).toBe('citizen-science')
    expect(slugForPath('citizen_science.md')).toBe('citizen-science')
    expect(slugForPath('Café.md')).toBe('cafe')
    expect(slugForPath('Cafe\u0301.md')).toBe('cafe')
    expect(slugForPath('.md')).toBe('untitled')
    expect(slugForPath('dir/___.md')).toBe('untitled')
  })
})

describe('assignUniqueIds', () => {
  const records = (paths: string[]) => paths.map((p) => parseText(p, '# x').record)
  it('keeps the slug for the smallest path and suffixes the others, whatever the order', () => {
    const a = records(['citizen_science.md', 'Citizen science.md', 'other.md'])
    const b = records(['other.md', 'Citizen science.md', 'citizen_science.md'])
    assignUniqueIds(a)
    assignUniqueIds(b)
    const ids = (rs: typeof a) => Object.fromEntries(rs.map((r) => [r.source.path, r.id]))
    expect(ids(a)).toEqual(ids(b))
    expect(ids(a)['Citizen science.md']).toBe('citizen-science')
    expect(ids(a)['citizen_science.md']).toMatch(/^citizen-science-[0-9a-f]{6}$/)
    expect(ids(a)['other.md']).toBe('other')
    const renamed = a.find((r) => r.source.path === 'citizen_science.md')!
    expect(renamed.diagnostics).toEqual([expect.objectContaining({ rule: 'id-collision', severity: 'warning', line: 1, column: 1 })])
    expect(renamed.diagnostics[0]!.message).toContain('Citizen science.md')
    expect(a.find((r) => r.source.path === 'Citizen science.md')!.diagnostics).toEqual([])
  })
  it('Café.md vs Cafe.md: code-point order decides', () => {
    const rs = records(['Café.md', 'Cafe.md'])
    assignUniqueIds(rs)
    expect(rs.map((r) => r.id)).toEqual([expect.stringMatching(/^cafe-[0-9a-f]{6}$/), 'cafe'])
  })
  it('applies the config rules to the id-collision warning it adds', () => {
    const paths = ['citizen_science.md', 'Citizen science.md']
    const raised = records(paths)
    assignUniqueIds(raised, { 'id-collision': 'error' })
    expect(raised[0]!.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['id-collision', 'error']])
    const silenced = records(paths)
    assignUniqueIds(silenced, { 'id-collision': 'off' })
    expect(silenced.flatMap((r) => r.diagnostics)).toEqual([])
  })
})
