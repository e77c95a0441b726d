import type { FileReport } from './types.ts'

/** A JSON array of `{ path, rule, severity, message, line, column, hint? }`, one per diagnostic. */
export function formatJson(reports: FileReport[]): string {
  const flat = reports.flatMap(({ path, diagnostics }) => diagnostics.map((d) => ({ path, ...d })))
  return `${JSON.stringify(flat, null, 2)}\n`
}
