/**
 * The kind, decided once (src/records/kind.ts), and its labels: the parser pairs
 * form prompts only for what the record says is a learning plan, and pages and
 * search filters label every kind the same way.
 */
import { describe, expect, it } from 'vitest'
import { decideKind, kindLabel, kindPlural } from '../../src/records/kind.ts'
import { searchFacets } from '../../src/search/facets.ts'
import { kindLabel as siteKindPlural, kindSingular as siteKindLabel } from '../../src/site/urls.ts'
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
  ])('%j, front matter %j, %s → %s', (types, frontMatter, path, kind) => {
    expect(decideKind(types, frontMatter, path, folders)).toEqual({ kind, diagnostics: [] })
  })

  it('warns at the second, different type and keeps the first', () => {
    const { kind, diagnostics } = decideKind([tag('solution', 2), tag('experiment', 5)], {}, 'a.md', folders)
    expect(kind).toBe('solution')
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
  ])('%s: %s / %s on pages and in search filters', (kind, singular, plural) => {
    expect([kindLabel(kind), kindPlural(kind)]).toEqual([singular, plural])
    expect([siteKindLabel(kind), siteKindPlural(kind)]).toEqual([singular, plural])
    const { record } = parseText('x.md', `[[type:${kind}]]\n\n# X\n`)
    expect(searchFacets([record]).kind![record.kind] ?? record.kind).toBe(singular)
  })
})
