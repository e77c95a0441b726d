import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvSafeCell, recordsCsv, recordsJson } from '../../src/site/exports.ts'
import type { ArchiveRecord, RecordId } from '../../src/records/types.ts'
import { planRecord } from './records.ts'

const framework = planRecord({
  id: 'framework-intro' as RecordId,
  kind: 'framework',
  type: 'framework',
  source: { path: 'frameworks/intro.md', sha256: 'cd'.repeat(32) },
  title: 'Introduction',
  body: 'An introduction.',
  countries: [],
  sdgs: [],
  locations: [],
  focalPoints: [],
  tags: {},
  frontMatter: {},
  diagnostics: []
})
const records: ArchiveRecord[] = [planRecord(), framework]

describe('recordsJson', () => {
  const text = recordsJson(records, { publishEmails: false })
  const parsed = JSON.parse(text) as Record<string, unknown>[]

  it('is a JSON array of every record, sorted by source path, one per line', () => {
    expect(parsed.map((r) => r.id)).toEqual(['framework-intro', 'learningplan-peru-2023'])
    expect(text.split('\n')).toHaveLength(records.length + 3)
    expect(text.endsWith('\n]\n')).toBe(true)
  })

  it('has the record schema with a stable key order', () => {
    const keys = Object.keys(parsed[1]!)
    expect(keys.slice(keys.indexOf('countries'), keys.indexOf('countries') + 3)).toEqual(['countries', 'locations', 'sdgs'])
    expect(parsed[1]!.locations).toEqual([{ lat: -12.05, lng: -77.04, line: 5, column: 1 }, { lat: 51.5, lng: -0.12, line: 6, column: 1 }])
    expect(keys.slice(0, 7)).toEqual(['id', 'kind', 'type', 'url', 'source', 'title', 'planTitle'])
    expect(keys).toContain('diagnostics')
    // Same input in another order and with shuffled keys: same bytes.
    const shuffled = records.map((r) => Object.fromEntries(Object.entries(r).reverse()) as unknown as ArchiveRecord).reverse()
    expect(recordsJson(shuffled, { publishEmails: false })).toBe(text)
  })

  it("gives each record its page's URL under the deployed base", () => {
    expect(parsed.map((r) => r.url)).toEqual(['/frameworks/framework-intro/', '/plans/learningplan-peru-2023/'])
    const deployed = JSON.parse(recordsJson(records, { publishEmails: false, baseUrl: 'https://org.github.io/repo/' })) as { url: string }[]
    expect(deployed.map((r) => r.url)).toEqual(['https://org.github.io/repo/frameworks/framework-intro/', 'https://org.github.io/repo/plans/learningplan-peru-2023/'])
  })

  it('applies privacy unless publishing', () => {
    expect(text).not.toContain('jane.doe@undp.org')
    expect(parsed[1]!.focalPoints).toEqual(['@undp.org'])
    expect(recordsJson(records, { publishEmails: true })).toContain('"focalPoints":["jane.doe@undp.org"]')
  })

  it('writes markup characters as \\u escapes: same values, no raw <script> in the file', () => {
    const hostile = planRecord({ body: '<script>alert(1)</script> & \u2028 "><img src=x onerror=alert(1)>' })
    const out = recordsJson([hostile], { publishEmails: true })
    expect(out).not.toMatch(/[<>&\u2028]/)
    expect((JSON.parse(out) as { body: string }[])[0]!.body).toBe(hostile.body)
  })

  it('writes an empty archive as []', () => {
    expect(JSON.parse(recordsJson([], { publishEmails: false }))).toEqual([])
  })
})

describe('recordsCsv', () => {
  const text = recordsCsv(records, { publishEmails: false, baseUrl: 'https://archive.example.org/' })
  const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[]
  const plan = rows.find((r) => r.id === 'learningplan-peru-2023')!

  it('round-trips: one row per record, the header, quotes, commas and newlines intact', () => {
    expect(text.startsWith('\uFEFFid,kind,type,title,')).toBe(true)
    expect(text).toContain('\r\n')
    expect(rows).toHaveLength(2)
    expect(plan.title).toBe('Peru: Café, "quotes", commas, and\nnewlines')
    expect([plan.kind, plan.type]).toEqual(['learningplan', 'learningplan'])
    expect(plan.year).toBe('2023')
  })

  it('joins multi-valued fields with "; "', () => {
    expect(plan.countries).toBe('Peru; Null Island')
    expect(plan.iso3).toBe('PER')
    expect(plan.regions).toBe('Americas')
    expect(plan.sdgs).toBe('5')
    expect(plan.stages).toBe('Sense; Explore')
    expect(plan.thematic_areas).toBe("تمكين المرأة; @SUM(1,2)")
    expect(plan.latitude).toBe('-12.05')
    expect(plan.url).toBe('https://archive.example.org/plans/learningplan-peru-2023/')
    expect(rows.find((r) => r.id === 'framework-intro')!.url).toBe('https://archive.example.org/frameworks/framework-intro/')
  })

  it('writes the first point as latitude and longitude, and every point in locations (#15)', () => {
    expect([plan.latitude, plan.longitude]).toEqual(['-12.05', '-77.04'])
    expect(plan.locations).toBe('(-12.05, -77.04); (51.5, -0.12)')
    const none = rows.find((r) => r.id === 'framework-intro')!
    expect([none.latitude, none.longitude, none.locations]).toEqual(['', '', ''])
  })

  it('shows a place inside a country with its country, and files it under that country (#15)', () => {
    const gbr = { name: 'United Kingdom', iso3: 'GBR', iso2: 'GB', region: 'Europe', subregion: 'Northern Europe' }
    const england = planRecord({
      countries: [
        { raw: 'England', name: 'England', iso3: null, iso2: null, region: null, subregion: null, within: gbr },
        { raw: 'UK', ...gbr }
      ]
    })
    const [row] = parse(recordsCsv([england], { publishEmails: false }), { bom: true, columns: true }) as Record<string, string>[]
    expect(row!.countries).toBe('England (United Kingdom); United Kingdom')
    expect(row!.iso3).toBe('GBR')
    expect(row!.regions).toBe('Europe')
  })

  it('guards cells that a spreadsheet would run as a formula', () => {
    expect(plan.methods).toBe('Ethnography; =HYPERLINK("https://evil.example","x")')
    expect(plan.datasources).toBe("'+cmd|calc")
    for (const row of rows) for (const cell of Object.values(row)) {
      if (cell === plan.latitude || cell === plan.longitude) continue
      expect(cell).not.toMatch(/^[=+\-@\t\r]/)
    }
    expect(csvSafeCell('=1+1')).toBe("'=1+1")
    expect(csvSafeCell('-2')).toBe("'-2")
    expect(csvSafeCell('@x')).toBe("'@x")
    expect(csvSafeCell('\tx')).toBe("'\tx")
    expect(csvSafeCell('a=1')).toBe('a=1')
  })

  it('guards a formula that opens the whole joined cell', () => {
    const evil = planRecord({ methods: [{ value: '=cmd|" /C calc"!A0', key: 'x' }] })
    const [row] = parse(recordsCsv([evil], { publishEmails: false }), { bom: true, columns: true }) as Record<string, string>[]
    expect(row!.methods).toBe(`'=cmd|" /C calc"!A0`)
    expect(row!.url).toBe('/plans/learningplan-peru-2023/')
  })

  it('applies privacy to focal points', () => {
    // `@domain` opens with `@`, so the formula guard applies to it too.
    expect(plan.focal_points).toBe("'@undp.org")
    expect(text).not.toContain('jane.doe')
    const published = parse(recordsCsv(records, { publishEmails: true }), { bom: true, columns: true }) as Record<string, string>[]
    expect(published.find((r) => r.id === 'learningplan-peru-2023')!.focal_points).toBe('jane.doe@undp.org')
  })

  it('is deterministic whatever the input order', () => {
    expect(recordsCsv([...records].reverse(), { publishEmails: false, baseUrl: 'https://archive.example.org/' })).toBe(text)
  })
})
