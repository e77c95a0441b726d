import type { Severity } from '../../records/types.ts'
import type { FileReport } from './types.ts'

export interface Counts {
  files: number
  error: number
  warning: number
  info: number
}

/** Count files and diagnostics by severity. */
export function countReports(reports: FileReport[]): Counts {
  const counts: Counts = { files: reports.length, error: 0, warning: 0, info: 0 }
  for (const report of reports) {
    for (const diagnostic of report.diagnostics) counts[diagnostic.severity as Severity]++
  }
  return counts
}

/** The closing line every format ends with: `N files, E errors, W warnings`. */
export function countLine(reports: FileReport[]): string {
  const counts = countReports(reports)
  return `${counts.files} files, ${counts.error} errors, ${counts.warning} warnings`
}
