/**
 * The field registry (src/records/fields.ts): tag keys in any of their
 * spellings feed one property through one normaliser; private keys are known
 * by every spelling; the free-text fields each give a property, an alias map,
 * a search filter and an index family. `[[partnering_sector:…]]` (323 tags on
 * the corpus, also written `[[partners:…]]`) is the field added as one entry.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/records/config.ts'
import {
  SEARCH_FACETS, TAG_FIELDS, TERM_FIELDS, canonicalKey, collectFields, emptyFields, isPrivateKey, type TagValue
} from '../../src/records/fields.ts'
import { parseText } from '../parse/helpers.ts'

const at = (value: string, line = 1): TagValue => ({ value, line, column: 1 })

describe('canonicalKey', () => {
  it.each([
    ['sdg', 'sdgs'], ['SDGs', 'sdgs'], ['thematic-areas', 'thematic_areas'], ['Theme', 'thematic_areas'],
    ['partners', 'partnering_sector'], ['data.sources', 'datasources'], ['focal-points', 'focal_point'],
    ['gender', 'gender'], ['Tools', 'Tools']
  ])('%s → %s', (written, key) => {
    expect(canonicalKey(written)).toBe(key)
  })

  it('gives no spelling to two keys', () => {
    const spellings = TAG_FIELDS.flatMap((f) => [f.key, ...f.aliases].map((s) => s.toLowerCase().replace(/[-.]/g, '_')))
    expect(new Set(spellings).size).toBe(spellings.length)
  })
})

describe('the registry', () => {
  it('names each free-text field once: property, key, segment, filter, column and option', () => {
    for (const name of ['property', 'key', 'segment', 'filter', 'column', 'option'] as const) {
      const values = TERM_FIELDS.map((f) => f[name])
      expect(new Set(values).size, name).toBe(values.length)
    }
    const filters = SEARCH_FACETS.map((f) => f.name)
    expect(new Set(filters).size).toBe(filters.length)
  })

  it('knows private keys in every spelling', () => {
    expect(['focal_point', 'focal_points', 'Focal-Point'].map(isPrivateKey)).toEqual([true, true, true])
    expect(['country', 'methods', 'email'].map(isPrivateKey)).toEqual([false, false, false])
  })

  it('collects each property through its normaliser, with each problem at its tag', () => {
    const problems: Array<[number, string]> = []
    const values = collectFields(new Map([
      ['country', [at('Peru', 2), at('peru', 3), at('Narnia', 4)]],
      ['partnering_sector', [at('Public Sector', 5), at('public sector.', 6), at('NGOs', 7)]]
    ]), resolveConfig({ aliases: { partneringSectors: { ngos: 'Civil Society/ NGOs' } } }), (tag, problem) => {
      if (problem) problems.push([tag.line, problem.rule])
    })
    expect(values.countries.map((c) => c.iso3 ?? c.raw)).toEqual(['PER', 'Narnia'])
    expect(values.partneringSectors).toEqual([
      { value: 'Public Sector', key: 'public sector' },
      { value: 'Civil Society/ NGOs', key: 'civil society/ ngo' }
    ])
    expect(problems).toEqual([[4, 'country-unknown']])
  })

  it('gives an empty record every property, in the order of the record type', () => {
    expect(Object.keys(emptyFields())).toEqual([
      'countries', 'locations', 'sdgs', 'methods', 'datasources', 'thematicAreas', 'partneringSectors', 'focalPoints'
    ])
  })
})

describe('a tag key in another spelling, in a file', () => {
  const { record } = parseText('plans/p.md', [
    '[[type:learningplan]]', '[[SDG:5]]', '[[Thematic-Areas:Waste]]', '[[partners:Academia]]',
    '[[partnering_sector:Public Sector]]', '[[focal_points:someone@undp.org]]', '', '# P', ''
  ].join('\n'))

  it('fills the same property as the key itself', () => {
    expect(record.sdgs.map((s) => s.number)).toEqual([5])
    expect(record.thematicAreas.map((t) => t.value)).toEqual(['Waste'])
    expect(record.partneringSectors.map((t) => t.value)).toEqual(['Academia', 'Public Sector'])
    expect(record.focalPoints).toEqual(['someone@undp.org'])
  })

  it('keeps every tag under its key as written', () => {
    expect(record.tags).toMatchObject({ sdg: ['5'], 'thematic-areas': ['Waste'], partners: ['Academia'], partnering_sector: ['Public Sector'] })
  })
})

describe('the contributor guide', () => {
  const guide = readFileSync(new URL('../../CONTRIBUTING.md', import.meta.url), 'utf8')

  it('documents every key of the registry with its other spellings, and each free-text alias map and option', () => {
    for (const field of TAG_FIELDS) {
      const row = guide.split('\n').find((line) => line.startsWith(`| \`${field.key}\``))
      expect(row, field.key).toBeDefined()
      for (const alias of field.aliases) expect(row, `${field.key}: ${alias}`).toContain(`\`${alias}\``)
    }
    for (const field of TERM_FIELDS) {
      expect(guide).toContain(`| \`aliases.${field.property}\` |`)
      expect(guide).toContain(`| \`--${field.option} TEXT\` |`)
    }
  })
})
