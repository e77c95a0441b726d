/**
 * A record's type and kind, decided once, and their labels. Every stage asks
 * here: the parser (which records get their form prompts paired), the site
 * (page labels, URLs), the search page (filter labels), so a type reads the
 * same everywhere.
 *
 * The type is the page's own name for what it is (`learningplan`, `framework`,
 * `solution`, `blog`, …): URLs, labels, the kind filter and `formKinds` use it.
 * The kind is the record's shape, the discriminant of `ArchiveRecord`:
 * `learningplan` and `framework` for those two types, `other` for every other.
 */
import type { Config } from './config.ts'
import type { Diagnostic, RecordKind, RecordType } from './types.ts'

/** A `[[type:…]]` tag as the type decision needs it. */
export interface TypeTag {
  value: string
  line: number
  column: number
}

/** `learning plan`, `Learning_Plan` → `learningplan`; other values lower-cased as written. */
function typeOfValue(value: string): string {
  const v = value.trim().toLowerCase()
  return v.replace(/[\s_-]+/g, '') === 'learningplan' ? 'learningplan' : v
}

/** The shape of a record of this type. */
export function kindOfType(type: RecordType): RecordKind {
  return type === 'learningplan' || type === 'framework' ? type : 'other'
}

/**
 * The type: `framework` when front matter says `type: framework` or a folder of the path is one
 * of `config.frameworkFolders` (the folder wins over a `[[type:…]]` tag: the maintainers chose
 * it); else the first `[[type:…]]` value (several different ones: a `type-conflict` warning);
 * else `framework` (a page without a type).
 */
export function decideKind(
  types: readonly TypeTag[],
  frontMatter: Record<string, unknown>,
  path: string,
  config: Pick<Config, 'frameworkFolders'>
): { type: RecordType; kind: RecordKind; diagnostics: Diagnostic[] } {
  const fmType = typeof frontMatter.type === 'string' ? frontMatter.type.trim().toLowerCase() : ''
  const folders = path.split('/').slice(0, -1)
  if (fmType === 'framework' || folders.some((folder) => config.frameworkFolders.includes(folder))) {
    return { type: 'framework', kind: 'framework', diagnostics: [] }
  }
  const values = types.map((t) => typeOfValue(t.value))
  const other = values.findIndex((v) => v !== values[0])
  const diagnostics: Diagnostic[] = other === -1 ? [] : [{
    rule: 'type-conflict', severity: 'warning', line: types[other]!.line, column: types[other]!.column,
    message: `several [[type:…]] values (${[...new Set(values)].join(', ')}); the first, "${values[0]}", is used`,
    hint: 'keep one [[type:…]] tag'
  }]
  const type = values[0] ?? 'framework'
  return { type, kind: kindOfType(type), diagnostics }
}

const LABELS: Record<string, [singular: string, plural: string]> = {
  learningplan: ['Learning plan', 'Learning plans'],
  framework: ['Framework page', 'Framework pages']
}

/** `case_study` → `Case study`. */
function words(type: string): string {
  const text = type.replace(/[_-]+/g, ' ').replace(/\s+/g, ' ').trim()
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Other'
}

/** The label of one record of a type: `Learning plan`, `Case study`. */
export function typeLabel(type: RecordType): string {
  return LABELS[type]?.[0] ?? words(type)
}

/** The label of a type's list: `Learning plans`, `Framework pages`; other types as their singular (`Solution`, `Blog`). */
export function typePlural(type: RecordType): string {
  return LABELS[type]?.[1] ?? words(type)
}
