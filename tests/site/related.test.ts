/**
 * Related records (src/site/related.ts): the closest records, a weighted
 * overlap of country, SDGs, methods and thematic areas, rare values weighing
 * more, with at most a few from the record's own country; and the same topic
 * elsewhere, from other countries. Each says what it shares.
 */
import { describe, expect, it } from 'vitest'
import { relatedFeatures, relatedRecords } from '../../src/site/related.ts'
import { parseText } from '../parse/helpers.ts'

function record(name: string, tags: string[]) {
  return parseText(`${name}.md`, `# ${name}\n\n[[type:blog]]\n${tags.map((t) => `[[${t}]]`).join('\n')}\n\nText.\n`).record
}

describe('relatedRecords: the closest records', () => {
  const records = [
    record('peru-climate', ['country:Peru', 'sdgs:13', 'methods:Co-creation']),
    record('peru-climate-2', ['country:Peru', 'sdgs:13', 'methods:Co-creation']),
    record('peru-only', ['country:Peru']),
    record('climate-only', ['sdgs:13']),
    record('chile-water', ['country:Chile', 'sdgs:6']),
    record('nothing', [])
  ]
  const related = relatedRecords(records)
  const names = (i: number, list: 'closest' | 'elsewhere' = 'closest') =>
    related[i]![list].map((r) => records[r.index]!.source.path.replace('.md', ''))

  it('ranks the record sharing most first, and says what each shares, weightiest first', () => {
    // A country and a goal of equal rarity weigh the same: the tie goes to the first record.
    expect(names(0)).toEqual(['peru-climate-2', 'peru-only', 'climate-only'])
    expect(related[0]!.closest[0]!.because).toEqual(['Co-creation', 'Peru', 'SDG 13'])
    expect(related[0]!.closest.at(-1)!.because).toEqual(['SDG 13'])
  })

  it('never relates a record to itself, nor records that share nothing', () => {
    related.forEach((r, i) => expect([...r.closest, ...r.elsewhere].map((x) => x.index)).not.toContain(i))
    expect(names(4)).toEqual([])
    expect(names(5)).toEqual([])
  })

  it('keeps at most `limit` records, with a stable order on ties', () => {
    const many = Array.from({ length: 12 }, (_, i) => record(`r${i}`, ['sdgs:5']))
    const out = relatedRecords(many, { limit: 3 })
    expect(out[0]!.closest.map((r) => r.index)).toEqual([1, 2, 3])
    expect(out[5]!.closest.map((r) => r.index)).toEqual([0, 1, 2])
  })

  it('takes at most `sameCountry` of them from the record’s own country, the next best from elsewhere', () => {
    const pool = [
      record('home', ['country:Peru', 'sdgs:5']),
      ...Array.from({ length: 6 }, (_, i) => record(`peru${i}`, ['country:Peru', 'sdgs:5'])),
      record('chile', ['country:Chile', 'sdgs:5'])
    ]
    const out = relatedRecords(pool, { limit: 5, sameCountry: 3 })[0]!
    expect(out.closest.map((r) => pool[r.index]!.source.path)).toEqual(['peru0.md', 'peru1.md', 'peru2.md', 'chile.md'])
  })

  it('weighs a rare shared value above a common one', () => {
    const pool = [
      record('a', ['methods:Rare method', 'sdgs:1']),
      record('b', ['methods:Rare method']),
      record('c', ['sdgs:1']),
      ...Array.from({ length: 20 }, (_, i) => record(`common${i}`, ['sdgs:1']))
    ]
    expect(relatedRecords(pool, { limit: 2 })[0]!.closest.map((r) => r.index)).toEqual([1, 2])
  })
})

describe('relatedRecords: the same topic elsewhere', () => {
  const records = [
    record('peru-waste', ['country:Peru', 'thematic_areas:Waste', 'sdgs:12']),
    record('peru-waste-2', ['country:Peru', 'thematic_areas:Waste', 'sdgs:12']),
    record('kenya-waste', ['country:Kenya', 'thematic_areas:Waste']),
    record('india-goal-12', ['country:India', 'sdgs:12']),
    record('no-country-waste', ['thematic_areas:Waste']),
    record('chile-other', ['country:Chile', 'sdgs:3'])
  ]
  const related = relatedRecords(records, { limit: 1 })

  it('lists records of other countries sharing a topic, not already among the closest', () => {
    expect(related[0]!.closest.map((r) => r.index)).toEqual([1])
    expect(relatedRecords(records)[0]!.elsewhere.map((r) => r.index)).toEqual([])
    const elsewhere = relatedRecords(records, { limit: 2 })[0]!
    expect(elsewhere.closest.map((r) => r.index)).toEqual([1, 2])
    expect(elsewhere.elsewhere.map((r) => r.index)).toEqual([3])
    expect(elsewhere.elsewhere[0]!.because).toEqual(['SDG 12'])
  })

  it('leaves out records of the same country and records with no country', () => {
    const all = relatedRecords(records, { limit: 1 })[0]!
    expect(all.elsewhere.map((r) => records[r.index]!.source.path)).toEqual(['kenya-waste.md'])
  })

  it('is empty for a record with no country', () => {
    expect(related[4]!.elsewhere).toEqual([])
    expect(related[4]!.closest.length).toBe(1)
  })
})

describe('relatedFeatures', () => {
  it('counts unresolved countries by their raw value, SDGs by number, terms by key', () => {
    expect(relatedFeatures(record('x', ['country:Narnia', 'sdgs:13. Climate action', 'methods:Green transition,'])).sort()).toEqual(
      ['country:narnia', 'method:green transition', 'sdg:13']
    )
  })

  it('counts a place inside a country as that country (#15)', () => {
    expect(relatedFeatures(record('x', ['country:England', 'country:United Kingdom']))).toEqual(['country:GBR'])
  })
})
