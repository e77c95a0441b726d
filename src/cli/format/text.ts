import type { FileReport } from './types.ts'

/** One `path:line:column severity message rule-id` line per diagnostic, its hint indented below. */
export function formatText(reports: FileReport[]): string {
  const lines: string[] = []
  for (const { path, diagnostics } of reports) {
    for (const d of diagnostics) {
      lines.push(`${path}:${d.line}:${d.column} ${d.severity} ${oneLine(d.message)} ${d.rule}`)
      if (d.hint) lines.push(...d.hint.split('\n').map((line) => `    ${line}`))
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/** Keep one diagnostic per line whatever the message holds, so the format stays greppable. */
function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ')
}
