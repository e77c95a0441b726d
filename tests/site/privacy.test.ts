import { describe, expect, it } from 'vitest'
import { publicEmail, publicRecord } from '../../src/site/privacy.ts'
import { planRecord } from './records.ts'

describe('privacy', () => {
  it('publicEmail shows only the domain unless publishing', () => {
    expect(publicEmail('Cristhian.Parra@UNDP.org', false)).toBe('@undp.org')
    expect(publicEmail(' jane@example.org ', true)).toBe('jane@example.org')
    expect(publicEmail('no address', false)).toBe('')
    expect(publicEmail('"><script>alert(1)</script>@x"><b>.org', false)).toBe('')
  })

  it('publicRecord masks focal points, focal_point tags, addresses in other tags, front matter and diagnostics', () => {
    const record = planRecord()
    const before = JSON.stringify(record)
    const pub = publicRecord(record, false)
    expect(JSON.stringify(record)).toBe(before)
    expect(pub.focalPoints).toEqual(['@undp.org'])
    expect(pub.tags.focal_point).toEqual(['@undp.org'])
    expect(pub.tags.note).toEqual(['write to @example.org or call'])
    expect(pub.tags.methods).toEqual(['Ethnography'])
    expect(pub.frontMatter.author).toBe('Jane <@undp.org>')
    expect(pub.frontMatter.when).toBeInstanceOf(Date)
    expect(pub.diagnostics[0]!.message).toBe('bad focal point @undp.org,')
    expect(pub.body).toBe('Contact @undp.org')
    const text = JSON.stringify(pub)
    expect(text).not.toMatch(/jane\.doe|john\.smith|x\.y@/)
  })

  it('publishing returns the record unchanged', () => {
    const record = planRecord()
    expect(publicRecord(record, true)).toBe(record)
  })
})
