/** Year and date tag parsing. */
import type { Problem } from './problem.ts'

/** Parse a year tag (1900..2100). */
export function parseYear(raw: string): { year: number | null; problem?: Problem } {
  const m = /^\s*(?:FY\s*)?(\d{4})\s*$/i.exec(raw)
  const year = m ? Number(m[1]) : NaN
  if (year >= 1900 && year <= 2100) return { year }
  return {
    year: null,
    problem: {
      rule: 'year-invalid',
      severity: 'warning',
      message: `"${raw.trim()}" is not a year between 1900 and 2100`,
      hint: 'Write a four-digit year: [[year:2023]].'
    }
  }
}

/** Parse a date tag into `YYYY-MM-DD`. */
export function parseDate(raw: string): { date: string | null; problem?: Problem } {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})/.exec(raw)
  if (m) {
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`
    if (!Number.isNaN(Date.parse(date))) return { date }
  }
  return {
    date: null,
    problem: {
      rule: 'date-invalid',
      severity: 'warning',
      message: `"${raw.trim()}" is not a date`,
      hint: 'Write an ISO date: [[date:2023-05-31]].'
    }
  }
}
