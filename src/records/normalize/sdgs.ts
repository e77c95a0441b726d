/** Sustainable Development Goal values: `13. Climate action`, `13`, `SDG 13`, `Climate action`, … */
import { distance } from 'fastest-levenshtein'
import type { Sdg, SdgNumber } from '../types.ts'
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

/** One of the 17 goals, with the UN's official title and colour. */
export interface SdgGoal {
  number: SdgNumber
  /** Official title, e.g. `Climate Action`. */
  name: string
  /** One-word label for tight spaces (chips, legends). */
  shortName: string
  /** Official UN colour (SDG communications guidelines), hex. */
  color: string
  /** `#fff` or a dark ink, whichever has the higher WCAG contrast on `color` (computed below). */
  textColor: string
}

const DARK_INK = '#1a1a1a'

// [number, official title, short name, official colour]
const GOALS: ReadonlyArray<readonly [SdgNumber, string, string, string]> = [
  [1, 'No Poverty', 'Poverty', '#E5243B'],
  [2, 'Zero Hunger', 'Hunger', '#DDA63A'],
  [3, 'Good Health and Well-being', 'Health', '#4C9F38'],
  [4, 'Quality Education', 'Education', '#C5192D'],
  [5, 'Gender Equality', 'Gender', '#FF3A21'],
  [6, 'Clean Water and Sanitation', 'Water', '#26BDE2'],
  [7, 'Affordable and Clean Energy', 'Energy', '#FCC30B'],
  [8, 'Decent Work and Economic Growth', 'Work', '#A21942'],
  [9, 'Industry, Innovation and Infrastructure', 'Industry', '#FD6925'],
  [10, 'Reduced Inequalities', 'Inequalities', '#DD1367'],
  [11, 'Sustainable Cities and Communities', 'Cities', '#FD9D24'],
  [12, 'Responsible Consumption and Production', 'Consumption', '#BF8B2E'],
  [13, 'Climate Action', 'Climate', '#3F7E44'],
  [14, 'Life Below Water', 'Oceans', '#0A97D9'],
  [15, 'Life on Land', 'Land', '#56C02B'],
  [16, 'Peace, Justice and Strong Institutions', 'Peace', '#00689D'],
  [17, 'Partnerships for the Goals', 'Partnerships', '#19486A']
]

/** WCAG 2.x relative luminance of a `#rrggbb` colour (a dozen lines; no dependency needed). */
export function relativeLuminance(hex: string): number {
  const n = Number.parseInt(hex.replace('#', '').replace(/^(.)(.)(.)$/, '$1$1$2$2$3$3'), 16)
  const channel = (c: number): number => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255)
}

/** WCAG contrast ratio between two `#rrggbb` colours (1..21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** The 17 goals in order, with official titles, colours and a computed readable text colour. */
export const SDG_GOALS: readonly SdgGoal[] = Object.freeze(
  GOALS.map(([number, name, shortName, color]) => ({
    number,
    name,
    shortName,
    color,
    textColor: contrastRatio(color, '#ffffff') >= contrastRatio(color, DARK_INK) ? '#fff' : DARK_INK
  }))
)

/** Fold a goal name for matching: diacritics, case, `&`, punctuation and spaces. */
function foldName(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^\p{L}\p{N}]+/gu, '')
}

const byFoldedName = new Map<string, SdgNumber>()
for (const goal of SDG_GOALS) {
  byFoldedName.set(foldName(goal.name), goal.number)
  byFoldedName.set(foldName(goal.shortName), goal.number)
}

const GOAL_LIST = SDG_GOALS.map((g) => `${g.number}. ${g.name}`).join('; ')

/** Resolve a bare goal name: exact fold, else a close spelling (typos like `innequalities`). */
function numberForName(name: string): SdgNumber | null {
  const folded = foldName(name)
  if (!folded) return null
  const exact = byFoldedName.get(folded)
  if (exact) return exact
  if (folded.length > 60) return null // bounds the fuzzy pass: goal names are shorter than this
  let best: SdgNumber | null = null
  let bestDistance = Infinity
  for (const goal of SDG_GOALS) {
    const d = distance(folded, foldName(goal.name))
    if (d < bestDistance) [best, bestDistance] = [goal.number, d]
  }
  // A few edits on a long title is a typo; anything more is a different thing.
  return bestDistance <= Math.max(1, Math.floor(folded.length / 8)) ? best : null
}

/** `[SDG|Goal] N[.target][.:)-] [name]`; a target (`13.5`, `14.c`) counts as its goal. */
const PREFIXED = /^\s*(?:(?:sdg|goal|target|ods|odd|objetivo|objectif|meta|cible)s?[\s_:#-]*)?(?:n[°º.]?\s*|#\s*)?(\d{1,3})(?!\d)(?:\.(?:\d{1,2}|[a-c])(?![\p{L}\p{N}]))?\s*(?:[.:)\-–—]\s*)?(.*)$/isu

function unknown(raw: string, why: string): { sdg: Sdg; problem: Problem } {
  return {
    sdg: { number: null, name: null, raw },
    problem: {
      rule: 'sdg-unknown',
      severity: 'warning',
      message: `${quote(raw)} ${why}`,
      hint: `Use a goal number or title, e.g. [[sdgs:13. Climate Action]]. The goals: ${GOAL_LIST}.`
    }
  }
}

/** Resolve an SDG tag value to its goal number and official name. */
export function normalizeSdg(raw: string): { sdg: Sdg; problem?: Problem } {
  const m = PREFIXED.exec(raw)
  if (m) {
    const n = Number(m[1])
    if (!Number.isInteger(n) || n < 1 || n > 17) return unknown(raw, `is not a goal number (1-17)`)
    const goal = SDG_GOALS[n - 1]!
    const sdg: Sdg = { number: goal.number, name: goal.name, raw }
    const rest = m[2]!.trim()
    if (rest && foldName(rest)) {
      const named = numberForName(rest)
      if (named !== goal.number) {
        const says = named ? `${quote(rest)} is goal ${named}` : `${quote(rest)} is not a goal title`
        return {
          sdg,
          problem: {
            rule: 'sdg-name-mismatch',
            severity: 'info',
            message: `${quote(raw)}: ${says}; goal ${n} is "${goal.name}". The number was kept`,
            hint: `Write [[sdgs:${n}. ${goal.name}]], or fix the number. The goals: ${GOAL_LIST}.`
          }
        }
      }
    }
    return { sdg }
  }
  const named = numberForName(raw)
  if (named) return { sdg: { number: named, name: SDG_GOALS[named - 1]!.name, raw } }
  return unknown(raw, 'is not a Sustainable Development Goal')
}
