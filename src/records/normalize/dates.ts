/**
 * Year and date tag values. The corpus writes dates as ISO timestamps
 * (`2023-03-01T00:00:00.000Z`) and as localised text (`30 DE SEPTIEMBRE DE
 * 2024`, `12 FÉVRIER 2023`, `5 TEMMUZ 2022`, `2024 Ж. 12 SEPTEMBER`).
 */
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

/** Fold a word: diacritics, case and trailing dots (`sept.`, `ÉVRIER`). */
function foldWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/\.+$/, '')
}

/**
 * Languages whose month names we accept: those of the corpus (English,
 * Spanish, French, Portuguese, Turkish, Kazakh, Russian, Arabic) and their
 * neighbours in the archive. Names come from the runtime's ICU data (Intl),
 * not from a hand list.
 */
const MONTH_LOCALES = ['en', 'es', 'fr', 'pt', 'it', 'de', 'nl', 'tr', 'ru', 'uk', 'kk', 'ky', 'uz', 'ar', 'id', 'ro', 'sw']

/** Folded month name (long, short, and the genitive form used next to a day) → 1..12; shared spellings with different months are dropped. */
const MONTHS: ReadonlyMap<string, number> = (() => {
  const found = new Map<string, number | null>()
  const add = (name: string, month: number): void => {
    const key = foldWord(name)
    if (!key || /\d/.test(key)) return
    const prev = found.get(key)
    found.set(key, prev === undefined || prev === month ? month : null)
  }
  for (const locale of MONTH_LOCALES) {
    const long = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' })
    const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' })
    const withDay = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', timeZone: 'UTC' })
    for (let m = 0; m < 12; m++) {
      const date = new Date(Date.UTC(2000, m, 15))
      add(long.format(date), m + 1)
      add(short.format(date), m + 1)
      for (const part of withDay.formatToParts(date)) if (part.type === 'month') add(part.value, m + 1)
    }
  }
  return new Map([...found].filter((e): e is [string, number] => e[1] !== null))
})()

/** Words that join the parts of a written date (`30 de septiembre de 2024`, `2024 ж. 12 …`, `the 3rd of May`). */
const FILLERS = new Set(['de', 'del', 'of', 'the', 'le', 'el', 'ж', 'жыл', 'г', 'года', 'yil', 'yılı', 'di', 'do', 'da'].map(foldWord))

function validDate(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null
  const d = new Date(Date.UTC(year, month - 1, day))
  if (d.getUTCMonth() !== month - 1) return null // 31 April, 29 February 2023
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function invalidDate(raw: string): { date: null; problem: Problem } {
  return {
    date: null,
    problem: {
      rule: 'date-invalid',
      severity: 'warning',
      message: `${quote(raw)} is not a date this archive can read`,
      hint: 'Write an ISO date, [[date:2024-09-30]], or day, month name and year: [[date:30 September 2024]].'
    }
  }
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i
const NUMERIC = /^(\d{1,4})[/.](\d{1,2})[/.](\d{1,4})$/

/**
 * Parse a date tag into `YYYY-MM-DD`. ISO dates and timestamps keep the
 * calendar date as written (no time-zone shift); `D/M/YYYY` and `D.M.YYYY`
 * are read day first (the corpus is international); month names are read in
 * the languages of MONTH_LOCALES, in any order around a four-digit year.
 */
export function parseDate(raw: string): { date: string | null; problem?: Problem } {
  const value = raw.trim()
  if (value.length > 100) return invalidDate(raw) // no real date is this long; keeps the work bounded
  const iso = ISO.exec(value)
  if (iso) {
    const date = validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    return date ? { date } : invalidDate(raw)
  }
  const numeric = NUMERIC.exec(value)
  if (numeric) {
    const [a, b, c] = [numeric[1]!, numeric[2]!, numeric[3]!]
    const date = a.length === 4 ? validDate(Number(a), Number(b), Number(c)) : c.length === 4 ? validDate(Number(c), Number(b), Number(a)) : null
    return date ? { date } : invalidDate(raw)
  }
  let year: number | null = null
  let month: number | null = null
  let day: number | null = null
  for (const token of value.split(/[\s,/-]+/u)) {
    if (!token) continue
    const digits = /^(\d{1,4})(?:st|nd|rd|th|er|º|°|\.)?$/iu.exec(token)
    if (digits) {
      const n = Number(digits[1])
      if (digits[1]!.length === 4 && year === null) year = n
      else if (digits[1]!.length <= 2 && day === null) day = n
      else return invalidDate(raw)
      continue
    }
    const word = foldWord(token)
    if (FILLERS.has(word)) continue
    const m = MONTHS.get(word)
    if (m !== undefined && month === null) month = m
    else return invalidDate(raw)
  }
  const date = year !== null && month !== null && day !== null ? validDate(year, month, day) : null
  return date ? { date } : invalidDate(raw)
}

/** Parse a year tag: a four-digit year in 1900..2100, optionally written `FY2023`. */
export function parseYear(raw: string): { year: number | null; problem?: Problem } {
  const m = /^\s*(?:FY\s*)?(\d{4})\s*$/i.exec(raw)
  const year = m ? Number(m[1]) : NaN
  if (year >= 1900 && year <= 2100) return { year }
  return {
    year: null,
    problem: {
      rule: 'year-invalid',
      severity: 'warning',
      message: `${quote(raw)} is not a year between 1900 and 2100`,
      hint: 'Write the four-digit year the plan is for: [[year:2024]].'
    }
  }
}
