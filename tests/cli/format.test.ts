/** The four output formats of `check`, on hand-made reports. */
import { describe, expect, it } from 'vitest'
import { countLine } from '../../src/cli/format/counts.ts'
import { escapeData, escapeProperty, formatGithub } from '../../src/cli/format/github.ts'
import { formatJson } from '../../src/cli/format/json.ts'
import { formatSummary } from '../../src/cli/format/summary.ts'
import { formatText } from '../../src/cli/format/text.ts'
import type { FileReport } from '../../src/cli/format/types.ts'

const reports: FileReport[] = [
  {
    path: 'content/plans/a, b: c.md',
    diagnostics: [
      { rule: 'sdg-unknown', severity: 'error', message: 'Unknown SDG "18" (100% sure)', line: 3, column: 9, hint: 'Use one of the 17 goals:\n1. No poverty' },
      { rule: 'country-unknown', severity: 'warning', message: 'Not a country: "Null | Island"', line: 4, column: 12 },
      { rule: 'encoding-mojibake-repaired', severity: 'info', message: 'Repaired <mojibake>', line: 10, column: 1 }
    ]
  },
  { path: 'content/plans/clean.md', diagnostics: [] }
]

describe('check formats', () => {
  it('text: one line per problem, hint indented below', () => {
    expect(formatText(reports).split('\n')).toEqual([
      'content/plans/a, b: c.md:3:9 error Unknown SDG "18" (100% sure) sdg-unknown',
      '    Use one of the 17 goals:',
      '    1. No poverty',
      'content/plans/a, b: c.md:4:12 warning Not a country: "Null | Island" country-unknown',
      'content/plans/a, b: c.md:10:1 info Repaired <mojibake> encoding-mojibake-repaired',
      ''
    ])
    expect(formatText([{ path: 'x.md', diagnostics: [] }])).toBe('')
  })

  it('json: a flat array with the path on every diagnostic', () => {
    const parsed = JSON.parse(formatJson(reports)) as Record<string, unknown>[]
    expect(parsed).toHaveLength(3)
    expect(parsed[0]).toEqual({ path: 'content/plans/a, b: c.md', ...reports[0]!.diagnostics[0] })
    expect(parsed.map((d) => d.severity)).toEqual(['error', 'warning', 'info'])
  })

  it('github: workflow commands escaped like @actions/core', () => {
    expect(escapeData('50% a\r\nb')).toBe('50%25 a%0D%0Ab')
    expect(escapeProperty('a, b: c%')).toBe('a%2C b%3A c%25')
    expect(formatGithub(reports).split('\n')).toEqual([
      '::error file=content/plans/a%2C b%3A c.md,line=3,col=9,title=sdg-unknown::Unknown SDG "18" (100%25 sure)%0AUse one of the 17 goals:%0A1. No poverty',
      '::warning file=content/plans/a%2C b%3A c.md,line=4,col=12,title=country-unknown::Not a country: "Null | Island"',
      '::notice file=content/plans/a%2C b%3A c.md,line=10,col=1,title=encoding-mojibake-repaired::Repaired <mojibake>',
      ''
    ])
  })

  it('summary: a Markdown table of files with problems, cells escaped', () => {
    const text = formatSummary(reports)
    expect(text).toContain('2 files, 1 errors, 1 warnings')
    const rows = text.split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| ---'))
    expect(rows[0]).toBe('| File | Errors | Warnings | Infos | First problems |')
    expect(rows).toHaveLength(2)
    expect(rows[1]).toMatch(/^\| `content\/plans\/a, b: c\.md` \| 1 \| 1 \| 1 \| error 3:9 /)
    expect(rows[1]).toContain('Null \\| Island')
    expect(rows[1]).toContain('Repaired &lt;mojibake&gt;')
    // Every row has the header's number of cells (escaped pipes do not split cells).
    for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBe(7)
    expect(formatSummary([{ path: 'x.md', diagnostics: [] }])).toContain('No problems found.')
  })

  it('count line', () => {
    expect(countLine(reports)).toBe('2 files, 1 errors, 1 warnings')
  })
})
