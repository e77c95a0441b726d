import { describe, expect, it } from 'vitest'
import * as api from '../../src/parse/index.ts'
import { resolveConfig } from '../../src/records/config.ts'
import { isLearningPlan, type LearningPlan } from '../../src/records/types.ts'
import { diag, parseContent, parseFixture, parseText } from './helpers.ts'

describe('public API', () => {
  it('exports parseFile only (plus types)', () => {
    expect(Object.keys(api).sort()).toEqual(['parseFile'])
  })
})

describe('fixtures', () => {
  it('invalid UTF-8: U+FFFD in the body, a warning at line 4 column 4, other fields intact', () => {
    const { record } = parseFixture('invalid-utf8.md')
    expect(record.body).toContain('Caf\uFFFD au lait \uFFFD\uFFFD here.')
    expect(diag(record, 'encoding-invalid-utf8')).toEqual([expect.objectContaining({ line: 4, column: 4, severity: 'warning' })])
    expect([record.kind, record.type]).toEqual(['other', 'blog'])
    expect(record.tags.country).toEqual(['Peru'])
  })
  it('mojibake: repaired body and an info diagnostic', () => {
    const { record } = parseFixture('mojibake.md')
    expect(record.body).toContain('The city’s “15-Minute City” plan\u00a0works. Café open.')
    expect(diag(record, 'encoding-mojibake-repaired')).toEqual([expect.objectContaining({ line: 5, column: 9, severity: 'info' })])
  })
  it('CRLF + BOM: LF body, tag positions on the original lines', () => {
    const { record } = parseFixture('crlf-bom.md')
    expect(record.title).toBe('Windows file')
    expect(record.body).not.toContain('\r')
    expect(record.year).toBe(2021)
    expect(diag(record, 'tag-malformed')).toEqual([expect.objectContaining({ line: 7, column: 1, severity: 'error' })])
    expect(record.sections[0]).toMatchObject({ heading: 'Windows file', line: 1, slug: 'windows-file' })
  })
  it('broken YAML: an error at its line, body still parsed with original line numbers', () => {
    const { record } = parseFixture('broken-yaml.md')
    // yaml reports where the unclosed sequence is found to end: the next line, column 1.
    expect(diag(record, 'front-matter-invalid')).toEqual([expect.objectContaining({ line: 4, column: 1, severity: 'error' })])
    expect(record.frontMatter).toEqual({})
    expect(record.title).toBe('Body title')
    expect(record.sections[0]!.line).toBe(7)
    expect(record.year).toBe(2020)
  })
  it('front matter: title, type framework, date and year; duplicate headings get distinct slugs', () => {
    const { record } = parseFixture('front-matter.md')
    expect(record).toMatchObject({ kind: 'framework', title: 'Front title', date: '2021-03-04', year: 2021 })
    expect(record.frontMatter).toMatchObject({ title: 'Front title', type: 'framework' })
    expect(record.sections.map((s) => [s.slug, s.line])).toEqual([['section-one', 9], ['section-one-1', 11]])
  })
  it('malformed tags: each problem positioned, valid tags kept, Unicode and case-insensitive keys', () => {
    const { record } = parseFixture('malformed-tags.md')
    expect(record.diagnostics.filter((d) => d.rule.startsWith('tag-')).map((d) => [d.rule, d.line, d.column])).toEqual([
      ['tag-malformed', 4, 1], ['tag-empty-key', 5, 1], ['tag-empty-value', 6, 1], ['tag-unclosed', 7, 6]
    ])
    expect(record.tags).toEqual({
      type: ['solution'], year: ['2022'], thematic_areas: ['تمكين المرأة'], source: ['https://example.org/a?b=c']
    })
    expect(record.year).toBe(2022)
    expect(record.thematicAreas.map((t) => t.value)).toEqual(['تمكين المرأة'])
  })
  it('tags in fenced code are documentation', () => {
    const { record } = parseFixture('fenced.md')
    expect(record.tags).toEqual({ type: ['tools'], country: ['Kenya'] })
    expect(record.body).toContain('[[country:Chile]]')
    expect(record.type).toBe('tools')
  })
  it('a learning plan with raw HTML groups: prompts paired, layout dropped, fields lifted', () => {
    const { record, tree } = parseFixture('plan-groups.md')
    expect(isLearningPlan(record)).toBe(true)
    const plan = record as LearningPlan
    expect(plan.title).toBe('Plan with groups')
    expect(plan.planTitle).toBe('A different plan name')
    expect(plan.stages).toEqual(['Explore', 'Test'])
    expect(plan.challengeType).toBe('exploratory')
    expect(plan.year).toBe(2023)
    expect(plan.sdgs.map((s) => s.number)).toEqual([13, 10])
    expect(plan.countries[0]).toMatchObject({ raw: 'Peru', iso3: 'PER' })
    expect(plan.locations).toEqual([{ lat: -9.15, lng: -74.37, line: 9, column: 1 }])
    expect(plan.focalPoints).toEqual(['someone@undp.org'])
    expect(diag(plan, 'email-invalid')).toEqual([expect.objectContaining({ line: 11, column: 1 })])
    const prompts = plan.sections.flatMap((s) => s.prompts.map((p) => [s.heading, p.prompt.split('\n')[0], p.answer, p.line]))
    expect(prompts).toEqual([
      ['Title', 'Please provide a name for your action learning plan.', 'A different plan name', 14],
      ['Challenge statement', 'Challenge type: If you are working on multiple challenges, please indicate if this is your "big bet" or "exploratory" challenge.', 'This is our **exploratory** challenge.', 20],
      ['Challenge statement', 'Quantitative evidence: What data?', 'https://example.org/data', 26],
      ['Challenge statement', 'Qualitative evidence: What signals?', '', 40],
      ['Challenge statement', 'Please state the name of the partner:', 'Partner *One*', 44],
      ['Learning questions', 'To what stage(s) in the learning cycle does your learning question relate?', '- Explore\n- Test', 52],
      ['Learning questions', 'Empty prompt with no answer?', '', 57]
    ])
    expect(plan.sections.map((s) => [s.heading, s.line])).toEqual([
      ['Plan with groups', 1], ['Title', 12], ['Challenge statement', 17], ['Learning questions', 50], ['Closing', 59]
    ])
    // The tree is of exactly the body.
    expect(tree.children[0]!.position!.end.offset).toBeLessThanOrEqual(plan.body.length)
    expect(plan.body).not.toContain('[[year:2023]]')
  })
})

describe('the seeds', () => {
  it('Peru 2023 plan', () => {
    const plan = parseContent('plans/learningplan-peru-2023.md').record as LearningPlan
    expect(plan).toMatchObject({
      id: 'learningplan-peru-2023', kind: 'learningplan', title: 'From citizen participation to citizen action',
      planTitle: null, year: 2023, stages: ['Test', 'Grow'], language: 'en', focalPoints: ['mariana.olcese@undp.org']
    })
    expect(plan.sdgs.map((s) => s.number)).toEqual([13, 16, 17])
    expect(plan.countries.map((c) => c.iso3)).toEqual(['PER'])
    expect(plan.tags.datasources).toHaveLength(8)
    expect(plan.source.sha256).toMatch(/^[0-9a-f]{64}$/)
    const partner = plan.sections.find((s) => s.heading === 'Partners')!.prompts
    expect(partner[1]).toMatchObject({ prompt: 'Please state the name of the partner:', answer: 'MINCETUR/PromPeru (Peru’s Trade and Tourism Promotion Office)' })
    const all = plan.sections.flatMap((s) => s.prompts)
    expect(all.some((p) => p.answer.includes('<div') || p.answer.includes('</div>'))).toBe(false)
    expect(plan.diagnostics).toEqual([])
  })
  it('Paraguay 2024 plan: own plan title kept, mojibake repaired, SDG 10 from the misspelling', () => {
    const plan = parseContent('plans/learningplan-paraguay-2024.md').record as LearningPlan
    expect(plan.title).toBe('Participation, Trust, and Social Capital')
    expect(plan.planTitle).toBe('Toward more and better participatory governance, trust, and social capital in Paraguay')
    expect(plan.sdgs.map((s) => s.number)).toEqual([10, 11, 16, 17])
    expect(plan.year).toBe(2024)
    expect(plan.body).not.toContain('¬†')
    expect(diag(plan, 'encoding-mojibake-repaired')).toHaveLength(1)
  })
  it('framework pages: kind, titles, languages', () => {
    const intro = parseContent('frameworks/framework-codeforall-introduction.md').record
    expect(intro).toMatchObject({ kind: 'framework', title: 'Introduction', language: 'en' })
    const article = parseContent('frameworks/framework-article-codeforall-participatory-processes.md').record
    expect(article.kind).toBe('framework')
    // No heading: the opening breadcrumb line's last segment is the title.
    expect(article.title).toBe('Framework for digital citizen-led participatory processes [Eng/Spa]')
    expect([...article.languages].sort()).toEqual(['en', 'es'])
    expect(article.language).toBe(article.languages[0])
    const workplan = parseContent('frameworks/framework-iopd-workplan-2021.md').record
    expect(workplan).toMatchObject({ kind: 'framework', language: 'en', title: '2021 Work Plan Proposal', year: 2021 })
  })
})

describe('rules', () => {
  it('kind: type tag, no tag, front matter and framework folders', () => {
    expect(parseText('a.md', '[[type:Learning Plan]]').record.kind).toBe('learningplan')
    expect(parseText('a.md', '[[type:Solution]]').record.type).toBe('solution')
    expect(parseText('a.md', 'no tags').record.kind).toBe('framework')
    expect(parseText('a.md', '---\ntype: framework\n---\n[[type:blog]]').record.kind).toBe('framework')
    expect(parseText('frameworks/a.md', '[[type:blog]]').record.kind).toBe('framework')
    const conflict = parseText('a.md', '[[type:blog]]\n[[type:story]]').record
    expect(conflict.type).toBe('blog')
    expect(diag(conflict, 'type-conflict')).toEqual([expect.objectContaining({ line: 2, column: 1 })])
  })
  it('warns where an SVG data image was removed, in original-file coordinates', () => {
    const svg = Buffer.from('<svg onload="alert(1)"></svg>').toString('base64')
    const { record, assets } = parseText('a.md', `---\ntitle: T\n---\n[[type:blog]]\nsee ![s](data:image/svg+xml;base64,${svg})\n`)
    expect(assets).toEqual([])
    expect(diag(record, 'image-unsafe-type')).toEqual([expect.objectContaining({ severity: 'warning', line: 5, column: 10 })])
    expect(record.body).not.toContain(svg)
  })
  it('title falls back to the file name, never empty', () => {
    expect(parseText('dir/My page.md', 'A sentence of prose, not a title.').record.title).toBe('My page')
    expect(parseText('dir/My page.md', 'Annual report 2020\n\nBody.').record).toMatchObject({ title: 'Annual report 2020', year: 2020 })
    expect(parseText('dir/My page.md', 'From 2019 to 2020\n\nBody.').record.year).toBeNull()
    expect(parseText('.md', '').record.title).toBe('untitled')
    expect(parseText('plan.md', '[[type:learningplan]]\n## Title\n\n> Name?\n\nPlan name\n').record.title).toBe('Plan name')
  })
  it('config rules change severities and turn rules off', () => {
    const config = resolveConfig({ rules: { 'tag-malformed': 'warning', 'tag-empty-key': 'off' } })
    const { record } = parseText('a.md', '[[country Peru]]\n[[:x]]', config)
    expect(record.diagnostics.map((d) => [d.rule, d.severity])).toEqual([['tag-malformed', 'warning']])
  })
  it('normaliser problems are positioned at their tag', () => {
    const { record } = parseText('a.md', '# T\n\n[[type:solution]]\n  [[country:Null Islands]] [[latlng:200,5]]\n[[sdgs:Happiness]]\n[[year:soon]]')
    const at = (rule: string) => diag(record, rule).map((d) => [d.line, d.column])
    expect(at('country-unknown')).toEqual([[4, 3]])
    expect(diag(record, 'latlng-out-of-range').concat(diag(record, 'latlng-malformed')).map((d) => [d.line, d.column])).toEqual([[4, 28]])
    expect(at('sdg-unknown')).toEqual([[5, 1]])
    expect(at('year-invalid')).toEqual([[6, 1]])
    expect(record.countries[0]).toMatchObject({ raw: 'Null Islands', iso3: null })
    expect(record.locations).toEqual([])
    expect(record.year).toBeNull()
  })
})

describe('every place a record names (#15)', () => {
  it('keeps every distinct point, each at its first tag; repeats and 0,0 are not points', () => {
    const { record } = parseText('a.md', [
      '[[type:solution]]',
      '[[latlng:-9.154388480752162,-74.37806457210715]] [[latlng:41.59,21.68]]',
      '[[latlng:-9.154391, -74.378061]]', // the first point again, at 5 decimals
      '  [[latlng:0,0]]',
      '[[latlng:41.59;21.68]]',
      '[[latlng:-12.05,-77.04]]'
    ].join('\n'))
    expect(record.locations).toEqual([
      { lat: -9.154388480752162, lng: -74.37806457210715, line: 2, column: 1 },
      { lat: 41.59, lng: 21.68, line: 2, column: 50 },
      { lat: -12.05, lng: -77.04, line: 6, column: 1 }
    ])
    expect(diag(record, 'latlng-null-island')).toEqual([expect.objectContaining({ severity: 'info', line: 4, column: 3 })])
    // The tags themselves are all kept, as written.
    expect(record.tags.latlng).toHaveLength(6)
  })

  it('a page of only 0,0 has no location', () => {
    const { record } = parseText('a.md', '[[type:solution]]\n[[latlng:0,0]]\n[[latlng:0.0, 0.0]]')
    expect(record.locations).toEqual([])
    expect(diag(record, 'latlng-null-island')).toHaveLength(2)
  })

  it('files a place inside a country under it, and leaves Null Island out with an info', () => {
    const { record } = parseText('a.md', '[[type:solution]]\n[[country:England]]\n[[country:Null Island]]\n[[country:United Kingdom]]\n[[country:england]]')
    expect(record.countries).toEqual([
      expect.objectContaining({ raw: 'England', name: 'England', iso3: null, within: expect.objectContaining({ iso3: 'GBR', name: 'United Kingdom', region: 'Europe' }) }),
      expect.objectContaining({ raw: 'United Kingdom', iso3: 'GBR' })
    ])
    expect(diag(record, 'country-null-island')).toEqual([expect.objectContaining({ severity: 'info', line: 3, column: 1 })])
    expect(diag(record, 'country-unknown')).toEqual([])
    expect(record.tags.country).toHaveLength(4)
  })

  it('takes the table from the config: another table, another filing', () => {
    const none = parseText('a.md', '[[country:England]]', resolveConfig({ subnational: {} })).record
    expect(none.countries[0]).toMatchObject({ raw: 'England', iso3: null })
    expect(none.countries[0]).not.toHaveProperty('within')
    expect(diag(none, 'country-unknown')).toHaveLength(1)
    const own = parseText('a.md', '[[country:Zanzibar]]', resolveConfig({ subnational: { Zanzibar: 'TZA' } })).record
    expect(own.countries[0]?.within?.name).toBe('Tanzania')
  })
})

describe('never throws, stays linear', () => {
  // CPU time of this process, not wall time: the 2 cores are shared with other test files and people.
  // Each case takes 0.1–0.5 s alone; 2 s is the generous guard against anything superlinear.
  const LIMIT_MS = 2000
  const fast = (text: string) => {
    parseText('warm.md', '# warm up\n\ntext')
    const t = process.cpuUsage()
    const result = parseText('big.md', text)
    const used = process.cpuUsage(t)
    return { ...result, ms: (used.user + used.system) / 1000 }
  }
  it('a 4 MB line of base64', () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7).toString('base64')
    const r = fast(`# Big\n\n[[type:blog]]\n\n![img](data:image/png;base64,${payload})\n\nafter`)
    expect(r.ms).toBeLessThan(LIMIT_MS)
    expect(r.assets).toHaveLength(1)
    expect(r.record.body.length).toBeLessThan(200)
  })
  it('20,000 tags', () => {
    const r = fast(Array.from({ length: 20000 }, (_, i) => `[[methods:m${i}]]`).join('\n'))
    expect(r.ms).toBeLessThan(LIMIT_MS)
    expect(r.record.tags.methods).toHaveLength(20000)
  })
  it('200,000 unclosed [[', () => {
    const r = fast('[[country:x '.repeat(200000))
    expect(r.ms).toBeLessThan(LIMIT_MS)
    expect(diag(r.record, 'tag-unclosed')).toHaveLength(51)
  })
  it('5,000 nested > ', () => {
    const r = fast(`${'> '.repeat(5000)}deep`)
    expect(r.ms).toBeLessThan(LIMIT_MS)
    expect(diag(r.record, 'markdown-nesting-limited')).toHaveLength(1)
  })
  it('5,000 nested list markers do not overflow the stack', () => {
    const r = fast(`${'- '.repeat(5000)}deep`)
    expect(r.ms).toBeLessThan(LIMIT_MS)
    expect(diag(r.record, 'parse-failed')).toEqual([])
  })
  it('binary garbage still gives one record', () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
    const { record } = parseText('bin.md', bytes)
    expect(record.title).toBe('bin')
    expect(diag(record, 'encoding-invalid-utf8')).toHaveLength(1)
  })
})

describe('corpus habits', () => {
  it('plan title equal up to no-break spaces is not a separate planTitle; a `| Big Bet` suffix gives the challenge type', () => {
    const plan = parseText('p.md', '# Q3\u00a02024 - Energy\u00a0\n\n[[type:learningplan]]\n## Title\n\n> Name?\n\nQ3 2024 - Energy\n').record as LearningPlan
    expect(plan.planTitle).toBeNull()
    const big = parseText('p.md', '# Recycling\n\n[[type:learningplan]]\n## Title\n\n> Name?\n\nRecycling | Big Bet\n').record as LearningPlan
    expect(big.planTitle).toBe('Recycling | Big Bet')
    expect(big.challengeType).toBe('big bet')
  })
  it('repeated country tags give one country, all kept in tags', () => {
    const { record } = parseText('a.md', '[[type:solution]]\n[[country:India]]\n[[country:India]]')
    expect(record.countries.map((c) => c.iso3)).toEqual(['IND'])
    expect(record.tags.country).toEqual(['India', 'India'])
  })
})
