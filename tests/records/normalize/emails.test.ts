import { describe, expect, it } from 'vitest'
import { normalizeEmail } from '../../../src/records/normalize/index.ts'

describe('normalizeEmail', () => {
  it.each([
    ['salome.nakazwe@undp.org', 'salome.nakazwe@undp.org'],
    ['  Jo.Doe@UNDP.ORG ', 'Jo.Doe@undp.org'],
    ['mailto:jo@undp.org', 'jo@undp.org'],
    ['MAILTO:jo@undp.org?subject=hi', 'jo@undp.org'],
    ['Jo Doe <jo@undp.org>', 'jo@undp.org'],
    ['<jo@undp.org>', 'jo@undp.org']
  ])('%j → %j', (raw, email) => {
    expect(normalizeEmail(raw)).toEqual({ email })
  })

  it.each(['', 'jo', 'jo@', '@undp.org', 'jo@undp', 'jo@@undp.org', 'jo doe@undp.org', 'a'.repeat(100_000) + '@x.org'])('%j is invalid: null and a warning', (raw) => {
    const { email, problem } = normalizeEmail(raw)
    expect(email).toBeNull()
    expect(problem).toMatchObject({ rule: 'email-invalid', severity: 'warning' })
    expect(problem!.hint).toContain('[[focal_point:')
    expect(problem!.message.length).toBeLessThan(200)
  })
})
