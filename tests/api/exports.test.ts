import { describe, expect, it } from 'vitest'
import * as api from '../../src/index.ts'

describe('public API', () => {
  it('exports exactly these values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'CONFIG_FILE',
      'ConfigError',
      'SDG_GOALS',
      'UserError',
      'assignUniqueIds',
      'buildSearchIndex',
      'buildSite',
      'countryLabel',
      'defaultConfig',
      'filedCountry',
      'findConfigFile',
      'isFrameworkPage',
      'isLearningPlan',
      'listCorpus',
      'loadConfig',
      'loadCorpus',
      'loadProjectConfig',
      'main',
      'normalizeCountry',
      'normalizeEmail',
      'normalizeSdg',
      'normalizeTerms',
      'parseDate',
      'parseFile',
      'parseLatLng',
      'parseYear',
      'renderBody',
      'resolveConfig',
      'slugForPath',
      'termKey'
    ])
  })

  it('parses bytes into a typed record through the package entry', () => {
    const { record } = api.parseFile({
      path: 'plans/x.md',
      bytes: new TextEncoder().encode('[[type:learningplan]]\n[[country:PER]]\n[[sdgs:13]]\n# A plan\n')
    })
    expect(api.isLearningPlan(record)).toBe(true)
    expect(record.countries[0]).toMatchObject({ iso3: 'PER', region: 'Americas' })
    expect(record.sdgs[0]).toMatchObject({ number: 13 })
  })
})
