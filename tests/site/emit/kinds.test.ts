/**
 * The record-type family (src/site/emit/kinds.ts): raw kinds whose URL segment
 * is the same share one page, which no site fixture has.
 */
import { describe, expect, it } from 'vitest'
import { emitKinds } from '../../../src/site/emit/kinds.ts'
import { recordOrder } from '../../../src/site/emit/records.ts'
import { parseText } from '../../parse/helpers.ts'

const record = (name: string, type: string) => parseText(`${name}.md`, `# ${name}\n\n[[type:${type}]]\n\nText.\n`).record

describe('emitKinds', () => {
  const records = [record('a', 'case-study'), record('b', 'Case study'), record('c', 'case_study'), record('d', 'blog'), record('e', 'learningplan')]
  const { pages, overview } = emitKinds(records, recordOrder(records))

  it('lists learning plans first, then the other kinds alphabetically, one link per raw kind', () => {
    expect(overview.map((l) => [l.url, l.count])).toEqual([
      ['/plans/', 1], ['/blog/', 1], ['/case-study/', 1], ['/case-study/', 1], ['/case-study/', 1]
    ])
  })

  it('gives kinds that fold to one URL one page, holding the records of all of them', () => {
    expect(pages.map((p) => p.url)).toEqual(['/plans/', '/blog/', '/case-study/'])
    const shared = pages[2]!
    expect(shared.count).toBe(3)
    expect(shared.groups[0]!.records.map((l) => l.title).sort()).toEqual(['a', 'b', 'c'])
  })
})
