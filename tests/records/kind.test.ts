/**
 * The type and kind, decided once (src/records/kind.ts), and their labels: the
 * parser pairs form prompts only for what the record says is a learning plan,
 * the record type narrows on `kind`, and pages, list items and search filters
 * label every type the same way.
 */
import { describe, expect, it } from 'vitest'
import { decideKind, typeLabel, typePlural } from '../../src/records/kind.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { searchFacets } from '../../src/search/facets.ts'
import { emitKinds } from '../../src/site/emit/kinds.ts'
import { recordOrder } from '../../src/site/emit/records.ts'
import { parseText } from '../parse/helpers.ts'

const tag = (value: string, line = 1) => ({ value, line, column: 1 })
const folders = { frameworkFolders: ['frameworks'] }

describe('decideKind', () => {
  it.each([
    [[tag('Learning Plan')], {}, 'plans/a.md', 'learningplan'],
    [[tag('learning_plan')], {}, 'a.md', 'learningplan'],
    [[tag('Case_Study')], {}, 'a.md', 'case_study'],
    [[], {}, 'a.md', 'framework'],
    [[tag('learningplan')], {}, 'frameworks/a.md', 'framework'],
    [[tag('solution')], { type: 'Framework' }, 'a.md', 'framework']
  ])('%j, front matter %j, %s → %s', (types, frontMatter, path, type) => {
    const kind = type === 'learningplan' || type === 'framework' ? type : 'other'
    expect(decideKind(types, frontMatter, path, folders)).toEqual({ type, kind, diagnostics: [] })
  })

  it('warns at the second, different type and keeps the first', () => {
    const { type, kind, diagnostics } = decideKind([tag('solution', 2), tag('experiment', 5)], {}, 'a.md', folders)
    expect([type, kind]).toEqual(['solution', 'other'])
    expect(diagnostics).toEqual([expect.objectContaining({ rule: 'type-conflict', severity: 'warning', line: 5 })])
  })
})

describe('the parser asks decideKind once, before pairing prompts', () => {
  const form = '[[type:learningplan]]\n\n# A plan\n\n## Summary\n\n> What will you learn?\n\nAbout rain.\n'
  it('pairs prompts for a learning plan', () => {
    const { record } = parseText('plans/p.md', form)
    expect(record.kind).toBe('learningplan')
    expect(record.sections.flatMap((s) => s.prompts)).toHaveLength(1)
  })

  it('pairs none for a learning-plan-tagged file in a framework folder: its kind is framework', () => {
    const { record } = parseText('frameworks/p.md', form)
    expect(record.kind).toBe('framework')
    expect(record.sections.flatMap((s) => s.prompts)).toEqual([])
  })
})

describe('one label per kind, wherever it shows', () => {
  it.each([
    ['learningplan', 'Learning plan', 'Learning plans'],
    ['framework', 'Framework page', 'Framework pages'],
    ['case_study', 'Case study', 'Case study'],
    ['blog', 'Blog', 'Blog']
  ])('%s: %s / %s on list items, the type index and in search filters', (type, singular, plural) => {
    expect([typeLabel(type), typePlural(type)]).toEqual([singular, plural])
    const { record } = parseText(type === 'framework' ? 'frameworks/x.md' : 'x.md', `[[type:${type}]]\n\n# X\n`)
    expect(record.type).toBe(type)
    const order = recordOrder([record])
    expect(order.links[0]!.kindLabel).toBe(singular)
    expect(emitKinds([record], order).overview.map((l) => l.label)).toEqual([plural])
    expect(searchFacets([record]).kind![record.type] ?? record.type).toBe(singular)
  })
})

describe('the record type narrows on kind', () => {
  const records = ['[[type:learningplan]]', '[[type:solution]]', ''].map((tags, i) => parseText(`r${i}.md`, `${tags}\n\n# R\n`).record)

  it('to a learning plan, a framework page, or another type with its name in `type`', () => {
    const shapes = records.map((record: ArchiveRecord) => {
      switch (record.kind) {
        case 'learningplan': return `plan with ${record.stages.length} stages`
        case 'framework': return `framework ${record.type}`
        case 'other': return `other: ${record.type}`
      }
    })
    expect(shapes).toEqual(['plan with 0 stages', 'other: solution', 'framework framework'])
  })
})
