/**
 * A record's kind, decided once, and its labels. Every stage asks here: the
 * parser (which kinds get their form prompts paired), the site (page labels),
 * the search page (filter labels), so a kind reads the same everywhere.
 */
import type { Config } from './config.ts'
import type { Diagnostic, RecordKind } from './types.ts'

/** A `[[type:…]]` tag as the kind decision needs it. */
export interface TypeTag {
  value: string
  line: number
  column: number
}

/** `learning plan`, `Learning_Plan` → `learningplan`; other values lower-cased as written. */
function kindOfValue(value: string): string {
  const v = value.trim().toLowerCase()
  return v.replace(/[\s_-]+/g, '') === 'learningplan' ? 'learningplan' : v
}

/**
 * The kind: `framework` when front matter says `type: framework` or a folder of the path is one
 * of `config.frameworkFolders` (the folder wins over a `[[type:…]]` tag: the maintainers chose
 * it); else the first `[[type:…]]` value (several different ones: a `type-conflict` warning);
 * else `framework` (a page without a type).
 */
export function decideKind(
  types: readonly TypeTag[],
  frontMatter: Record<string, unknown>,
  path: string,
  config: Pick<Config, 'frameworkFolders'>
): { kind: RecordKind; diagnostics: Diagnostic[] } {
  const fmType = typeof frontMatter.type === 'string' ? frontMatter.type.trim().toLowerCase() : ''
  const folders = path.split('/').slice(0, -1)
  if (fmType === 'framework' || folders.some((folder) => config.frameworkFolders.includes(folder))) {
    return { kind: 'framework', diagnostics: [] }
  }
  const kinds = types.map((t) => kindOfValue(t.value))
  const other = kinds.findIndex((k) => k !== kinds[0])
  const diagnostics: Diagnostic[] = other === -1 ? [] : [{
    rule: 'type-conflict', severity: 'warning', line: types[other]!.line, column: types[other]!.column,
    message: `several [[type:…]] values (${[...new Set(kinds)].join(', ')}); the first, "${kinds[0]}", is used`,
    hint: 'keep one [[type:…]] tag'
  }]
  return { kind: kinds[0] ?? 'framework', diagnostics }
}

const LABELS: Record<string, [singular: string, plural: string]> = {
  learningplan: ['Learning plan', 'Learning plans'],
  framework: ['Framework page', 'Framework pages']
}

/** `case_study` → `Case study`. */
function words(kind: string): string {
  const text = kind.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Other'
}

/** The label of one record of a kind: `Learning plan`, `Case study`. */
export function kindLabel(kind: string): string {
  return LABELS[kind]?.[0] ?? words(kind)
}

/** The label of a kind's list: `Learning plans`, `Framework pages`; other kinds as their singular (`Solution`, `Blog`). */
export function kindPlural(kind: string): string {
  return LABELS[kind]?.[1] ?? words(kind)
}
