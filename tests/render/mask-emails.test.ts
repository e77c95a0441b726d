/** The render stage's e-mail masking (src/render/mask-emails.ts), which the site's record privacy reuses. */
import { describe, expect, it } from 'vitest'
import * as maskEmails from '../../src/render/mask-emails.ts'
import { maskEmailsInText } from '../../src/render/mask-emails.ts'

describe('maskEmailsInText', () => {
  it('is the only export', () => {
    expect(Object.keys(maskEmails)).toEqual(['maskEmailsInText'])
  })

  it('masks addresses inside free text, linearly', () => {
    expect(maskEmailsInText('write to john.smith@example.org or a@b.co.uk.')).toBe('write to @example.org or @b.co.uk.')
    expect(maskEmailsInText('no at sign')).toBe('no at sign')
    const long = 'a'.repeat(200_000) + '@'
    const t0 = performance.now()
    maskEmailsInText(long)
    expect(performance.now() - t0).toBeLessThan(1000)
  })
})
