/**
 * GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=…::message`),
 * escaped exactly as @actions/core does, so messages with `%`, newlines, `:` or
 * `,` reach the annotation intact. Hand-written: @actions/core is a large
 * dependency for two escape functions.
 */
import type { Severity } from '../../records/types.ts'
import type { FileReport } from './types.ts'

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' }

/** Escape a command's message (`%`, `\r`, `\n`), as @actions/core's escapeData. */
export function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

/** Escape a property value (also `:` and `,`), as @actions/core's escapeProperty. */
export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

/** One workflow command per diagnostic; info becomes `::notice`, the hint follows the message. */
export function formatGithub(reports: FileReport[]): string {
  const lines: string[] = []
  for (const { path, diagnostics } of reports) {
    for (const d of diagnostics) {
      const properties = [
        `file=${escapeProperty(path)}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `title=${escapeProperty(d.rule)}`
      ].join(',')
      const message = d.hint ? `${d.message}\n${d.hint}` : d.message
      lines.push(`::${COMMAND[d.severity]} ${properties}::${escapeData(message)}`)
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}
