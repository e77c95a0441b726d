/**
 * Related records (src/site/related.ts): a weighted overlap of country, SDGs,
 * methods and thematic areas, rare values weighing more.
 */
import { describe, expect, it } from 'vitest'
import { relatedFeatures, relatedRecords } from '../../src/site/related.ts'
import { parseText } from '../parse/helpers.ts'

function record(name: string, tags: string[]) {
  return parseText(`${name}.md`, `# ${name}\n\n[[type:blog]]\n${tags.map((t) => `[[${t}]]`).join('\n')}\n\nText.\n`).record
}

describe('relatedRecords', () => {
  const records = [
    record('peru-climate', ['country:Peru', 'sdgs:13', 'methods:Co-creation']),
    record('peru-climate-2', ['country:Peru', 'sdgs:13', 'methods:Co-creation']),
    record('peru-only', ['country:Peru']),
    record('climate-only', ['sdgs:13']),
    record('chile-water', ['country:Chile', 'sdgs:6']),
    record('nothing', [])
  ]
  const related = relatedRecords(records)
  const names = (i: number) => related[i]!.map((j) => records[j]!.source.path.replace('.md', ''))

  it('ranks the record sharing most, then country before SDG', () => {
    expect(names(0)).toEqual(['peru-climate-2', 'peru-only', 'climate-only'])
  })

  it('never relates a record to itself, nor records that share nothing', () => {
    related.forEach((list, i) => expect(list).not.toContain(i))
    expect(names(4)).toEqual([])
    expect(names(5)).toEqual([])
  })

  it('keeps at most `limit` records, with a stable order on ties', () => {
    const many = Array.from({ length: 12 }, (_, i) => record(`r${i}`, ['country:Peru']))
    const out = relatedRecords(many, { limit: 3 })
    expect(out[0]).toEqual([1, 2, 3])
    expect(out[5]).toEqual([0, 1, 2])
  })

  it('weighs a rare shared value above a common one', () => {
    const pool = [
      record('a', ['methods:Rare method', 'sdgs:1']),
      record('b', ['methods:Rare method']),
      record('c', ['sdgs:1']),
      ...Array.from({ length: 20 }, (_, i) => record(`common${i}`, ['sdgs:1']))
    ]
    expect(relatedRecords(pool, { limit: 2 })[0]).toEqual([1, 2])
  })

  it('counts unresolved countries by their raw value, SDGs by number, terms by key', () => {
    expect(relatedFeatures(record('x', ['country:Narnia', 'sdgs:13. Climate action', 'methods:Green transition,'])).sort()).toEqual(
      ['country:narnia', 'method:green transition', 'sdg:13']
    )
  })

  it('counts a place inside a country as that country (#15)', () => {
    expect(relatedFeatures(record('x', ['country:England', 'country:United Kingdom']))).toEqual(['country:GBR'])
  })
})
