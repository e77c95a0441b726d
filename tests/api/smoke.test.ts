import { describe, expect, it } from 'vitest'
import { resolveConfig } from '../../src/records/config.ts'

describe('config', () => {
  it('merges partial options over the defaults', () => {
    const config = resolveConfig({ rules: { 'country-unknown': 'error' } })
    expect(config.rules['country-unknown']).toBe('error')
    expect(config.frameworkFolders).toEqual(['frameworks'])
    expect(config.publishEmails).toBe(false)
  })
})
