/**
 * A Markdown report for `$GITHUB_STEP_SUMMARY`: GitHub shows only a few
 * annotations per step, the summary lists every file with problems.
 */
import { countLine, countReports } from './counts.ts'
import type { FileReport } from './types.ts'

/** Rows beyond this are counted, not listed: the step summary is capped at 1 MiB. */
const MAX_ROWS = 300
const FIRST_PROBLEMS = 3
const ORDER = { error: 0, warning: 1, info: 2 } as const

/** Make text safe inside a Markdown table cell (pipes, HTML, line breaks). */
export function cell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/\s*[\r\n]+\s*/g, ' ')
}

/** The summary: heading, count line, and a table of files with problems, worst first. */
export function formatSummary(reports: FileReport[]): string {
  const rows = reports
    .map((report) => ({ report, counts: countReports([report]) }))
    .filter(({ report }) => report.diagnostics.length > 0)
    .sort((a, b) => b.counts.error - a.counts.error || b.counts.warning - a.counts.warning || (a.report.path < b.report.path ? -1 : 1))
  const out = ['## plan-archive check', '', countLine(reports), '']
  if (rows.length === 0) {
    out.push('No problems found.', '')
    return out.join('\n')
  }
  out.push('| File | Errors | Warnings | Infos | First problems |', '| --- | ---: | ---: | ---: | --- |')
  for (const { report, counts } of rows.slice(0, MAX_ROWS)) {
    const first = [...report.diagnostics]
      .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.line - b.line || a.column - b.column)
      .slice(0, FIRST_PROBLEMS)
      .map((d) => `${d.severity} ${d.line}:${d.column} ${cell(d.message)} (\`${cell(d.rule)}\`)`)
    out.push(`| \`${cell(report.path).replace(/`/g, "'")}\` | ${counts.error} | ${counts.warning} | ${counts.info} | ${first.join('<br>')} |`)
  }
  if (rows.length > MAX_ROWS) out.push('', `…and ${rows.length - MAX_ROWS} more files with problems (run \`plan-archive check\` locally for all).`)
  out.push('')
  return out.join('\n')
}
