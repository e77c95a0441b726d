/**
 * The one list of every diagnostic rule id the parser and the normalisers
 * emit, with the severity it is emitted at and what it means. The config's
 * `rules` keys, its JSON Schema (`plan-archive.config.schema.json`) and the
 * "did you mean" of a misspelt id all come from here; a test checks that every
 * id emitted in `src/` is listed, at the severity listed.
 */
import type { Severity } from './types.ts'

export interface RuleInfo {
  /** The severity the rule is emitted at when the config does not change it. */
  severity: Severity
  /** One line: what the rule reports. */
  description: string
}

export const RULES = {
  // Tags (`[[key:value]]`)
  'tag-unclosed': { severity: 'error', description: 'A `[[` tag has no `]]` on the same line, or another `[[` opens before it closes.' },
  'tag-malformed': { severity: 'error', description: 'A `[[...]]` tag is not of the form `[[key:value]]`.' },
  'tag-empty-key': { severity: 'error', description: 'A tag has no key before its colon, as in `[[:value]]`.' },
  'tag-empty-value': { severity: 'warning', description: 'A tag has no value after its colon, as in `[[country:]]`.' },
  // The file as a whole
  'front-matter-invalid': { severity: 'error', description: 'The YAML front matter between the `---` lines cannot be read.' },
  'type-conflict': { severity: 'warning', description: 'A file has several different `[[type:…]]` values; the first one is used.' },
  'id-collision': { severity: 'warning', description: 'Two files would get the same record id; the later one gets a suffixed id.' },
  'encoding-invalid-utf8': { severity: 'warning', description: 'The file has bytes that are not valid UTF-8; they were replaced by U+FFFD.' },
  'encoding-mojibake-repaired': { severity: 'info', description: 'Mac-Roman mojibake (mis-decoded accented letters) was repaired.' },
  'markdown-nesting-limited': { severity: 'warning', description: 'Quotes or lists nest deeper than the archive renders; the deeper markers are kept as text.' },
  'image-unsafe-type': { severity: 'warning', description: 'An embedded image of a type that can carry script (e.g. SVG) was removed.' },
  // Tag values
  'country-unknown': { severity: 'warning', description: 'A country value is not a country name or ISO 3166-1 code; it is kept as written.' },
  'country-null-island': { severity: 'info', description: 'A country value is "Null Island", the 0,0 placeholder of a map; it is left out.' },
  'sdg-unknown': { severity: 'warning', description: 'An SDG value is not a goal number or title.' },
  'sdg-name-mismatch': { severity: 'info', description: "An SDG value's number and title name different goals; the number is kept." },
  'year-invalid': { severity: 'warning', description: 'A year value is not a year between 1900 and 2100.' },
  'date-invalid': { severity: 'warning', description: 'A date value is not a date the archive can read.' },
  'latlng-malformed': { severity: 'warning', description: 'A latlng value is not a `latitude,longitude` pair.' },
  'latlng-out-of-range': { severity: 'warning', description: 'A latlng value is outside latitude -90..90 or longitude -180..180.' },
  'latlng-null-island': { severity: 'info', description: 'A latlng value is `0,0`, the "Null Island" placeholder; it is left out.' },
  'email-invalid': { severity: 'warning', description: 'A focal point e-mail is not a valid e-mail address.' },
  // Failures of the parser itself
  'parse-failed': { severity: 'error', description: 'A parsing stage failed on the file; the record is incomplete.' },
  'parse-crashed': { severity: 'error', description: 'The parser crashed on the file; the record is a placeholder.' },
  'render-crashed': { severity: 'error', description: "The file's body could not be rendered to HTML." }
} as const satisfies Record<string, RuleInfo>

/** A rule id the parser or a normaliser emits. */
export type RuleId = keyof typeof RULES

/** Every rule id, in the order of {@link RULES}. */
export const RULE_IDS = Object.keys(RULES) as RuleId[]

/** Whether `id` is a known rule id (own keys only: `constructor` is not one). */
export function isRuleId(id: string): id is RuleId {
  return Object.hasOwn(RULES, id)
}
