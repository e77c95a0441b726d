/**
 * Project configuration (`plan-archive.config.json`): which rules are errors,
 * aliases that make spellings converge, which folders hold framework pages,
 * which record types are forms, whether e-mails are published, and which places
 * inside a country are filed under it.
 *
 * The file is validated against {@link configSchema} (the same schema as
 * `plan-archive.config.schema.json` at the repository root, which a test keeps
 * equal to it) with ajv; any problem throws a {@link ConfigError} that names the
 * file, the JSON pointer of the bad value, what is wrong, the allowed values and
 * a "did you mean". It is the maintainers' file, not contributed content, so a
 * bad one stops the command rather than being half-used.
 */
import { readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import type { ErrorObject, SchemaObject, ValidateFunction } from 'ajv'
import type { ParseError } from 'jsonc-parser'
import { UserError } from './errors.ts'
import { repositoryRoot } from './repository.ts'
import { perTermField, TERM_PROPERTIES, type TermAliases, type TermField } from './fields.ts'
import { RULES, RULE_IDS, isRuleId } from './rule-ids.ts'
import { didYouMean } from './suggest.ts'
import type { Severity } from './types.ts'

export type RuleSetting = Severity | 'off'

export interface Config {
  /** Override the default severity of a rule id, or turn it off. */
  rules: Record<string, RuleSetting>
  /**
   * Maps of spelling → canonical display value, one per free-text field of the registry
   * (`methods`, `datasources`, `thematicAreas`, …). Keys are matched by grouping key.
   */
  aliases: TermAliases
  /** Folder names (any path segment) whose files are framework pages. */
  frameworkFolders: string[]
  /**
   * Record types (`type`, e.g. `solution`) whose bodies are filled-in forms: each `> ` quote is one of the
   * form's prompts, shown as a question and kept out of the search index (the
   * same prompt stands in every record of the form, so its words would match them all).
   */
  formKinds: string[]
  /** Publish focal-point e-mails in full on the site and in records.json. */
  publishEmails: boolean
  /**
   * Places inside a country that country tags name (`England`, `Republika Srpska`), each
   * mapped to the ISO 3166-1 alpha-3 code of its country: records are filed under that
   * country and show the place as written. Matched with case, accents and word order folded.
   */
  subnational: Record<string, string>
  /**
   * A free-text value (method, data source, thematic area…) held by fewer records gets no
   * page of its own: it stays a search filter and is listed under "More tags" on its family's page.
   */
  minTagRecords: number
}

/** What a config file may hold: every key optional, `aliases` families too. */
export interface ConfigInput {
  $schema?: string
  rules?: Config['rules']
  aliases?: Partial<Config['aliases']>
  frameworkFolders?: string[]
  formKinds?: string[]
  publishEmails?: boolean
  subnational?: Config['subnational']
  minTagRecords?: number
}

export const CONFIG_FILE = 'plan-archive.config.json'

export const defaultConfig: Config = {
  rules: {},
  aliases: perTermField(() => ({})),
  frameworkFolders: ['frameworks'],
  // On the corpus, half of the 2,310 free-text values are held by one or two records.
  minTagRecords: 3,
  // The SDG Commons's three forms: action learning plans, solutions mapping, experiments.
  formKinds: ['learningplan', 'solution', 'experiment'],
  publishEmails: false,
  // Reviewed against the archive: its country values look like a world map's sub-units, so
  // a click on Bosnia and Herzegovina gives one of its two entities, on the UK England, on
  // Trinidad and Tobago its main island. Places outside any ISO country (Somaliland,
  // Puntland) are filed where ISO 3166 puts them.
  subnational: {
    'Federation of Bosnia and Herzegovina': 'BIH',
    'Republika Srpska': 'BIH',
    England: 'GBR',
    Scotland: 'GBR',
    Wales: 'GBR',
    'Northern Ireland': 'GBR',
    'Kurdistan Region': 'IRQ',
    Somaliland: 'SOM',
    Puntland: 'SOM',
    Trinidad: 'TTO',
    Tobago: 'TTO',
    Antigua: 'ATG',
    'Canary Islands': 'ESP',
    'Galápagos Province': 'ECU',
    Honshu: 'JPN',
    'North Island': 'NZL',
    'South Island': 'NZL',
    Vojvodina: 'SRB',
    Adjara: 'GEO',
    'Walloon Brabant': 'BEL',
    'Flemish Brabant': 'BEL',
    'Pante Makassar Subdistrict': 'TLS',
    'Gaza Strip': 'PSE',
    'West Bank': 'PSE'
  }
}

/** Merge partial options over the defaults (Quartz-style). Keys that are not config keys (`$schema`) are dropped. */
export function resolveConfig(partial: ConfigInput = {}): Config {
  return {
    rules: { ...defaultConfig.rules, ...partial.rules },
    aliases: perTermField((field) => ({ ...partial.aliases?.[field.property] })),
    frameworkFolders: [...(partial.frameworkFolders ?? defaultConfig.frameworkFolders)],
    formKinds: [...(partial.formKinds ?? defaultConfig.formKinds)],
    publishEmails: partial.publishEmails ?? defaultConfig.publishEmails,
    // Like the lists above, a table given replaces the default one (so an entry can be dropped).
    subnational: { ...(partial.subnational ?? defaultConfig.subnational) },
    minTagRecords: partial.minTagRecords ?? defaultConfig.minTagRecords
  }
}

// ---------------------------------------------------------------------------
// The schema

const SETTINGS: RuleSetting[] = ['error', 'warning', 'info', 'off']
const ISO3_PATTERN = '^[A-Z]{3}$'

function aliasMap(field: TermField): SchemaObject {
  const [from, to] = field.aliasExample
  return {
    type: 'object',
    description: `Spellings of ${field.plural.toLowerCase()} ([[${field.key}:…]]) mapped to the one value shown for them, e.g. ${JSON.stringify(from)}: ${JSON.stringify(to)}. Keys are matched by grouping key, which folds case, accents, hyphens and dashes, & (read as and), plural words, whitespace and trailing punctuation.`,
    additionalProperties: { type: 'string', minLength: 1, description: `The value shown for this spelling of a ${field.singular.toLowerCase()}.` }
  }
}

/**
 * The JSON Schema (draft-07) of `plan-archive.config.json`. The rule ids and
 * their descriptions come from {@link RULES}; `plan-archive.config.schema.json`
 * is this object written out (`npx vitest run tests/records/config.test.ts -u` rewrites it).
 */
export const configSchema: SchemaObject = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'plan-archive config',
  description: 'Configuration of plan-archive (plan-archive.config.json): rule severities, aliases, framework folders, form kinds, e-mail publishing and places inside a country. Every key is optional.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: {
      type: 'string',
      description: 'The JSON Schema this file follows, so editors complete and check it: "./plan-archive.config.schema.json".'
    },
    rules: {
      type: 'object',
      description: 'Change the severity of a diagnostic rule ("error", "warning" or "info"), or turn it "off". An error makes `plan-archive check` fail.',
      additionalProperties: false,
      properties: Object.fromEntries(RULE_IDS.map((id) => [id, {
        description: `${RULES[id].description} Default: ${RULES[id].severity}.`,
        enum: SETTINGS,
        default: RULES[id].severity
      }]))
    },
    aliases: {
      type: 'object',
      description: 'Make different spellings of a term converge on one value, per free-text field.',
      additionalProperties: false,
      properties: perTermField(aliasMap)
    },
    frameworkFolders: {
      type: 'array',
      description: 'Folder names: a file with one of them as any segment of its path is a framework page.',
      items: { type: 'string', minLength: 1, description: 'A folder name, e.g. "frameworks".' },
      default: defaultConfig.frameworkFolders
    },
    formKinds: {
      type: 'array',
      description: 'Record types ([[type:…]] values) whose bodies are filled-in forms: each "> " quote is one of the form\'s prompts, shown as a question and kept out of the search index.',
      items: { type: 'string', minLength: 1, description: 'A record type, e.g. "learningplan".' },
      default: defaultConfig.formKinds
    },
    publishEmails: {
      type: 'boolean',
      description: 'Publish focal-point e-mails in full on the site and in records.json (false: they are masked).',
      default: defaultConfig.publishEmails
    },
    minTagRecords: {
      type: 'integer',
      minimum: 1,
      description: 'A free-text tag value (method, data source, thematic area, partnering sector) held by fewer records gets no page of its own: it stays a search filter and is listed under "More tags" on its family\'s page, linking to the search. 1 gives every value a page.',
      default: defaultConfig.minTagRecords
    },
    subnational: {
      type: 'object',
      description: 'Places inside a country that country tags name, each mapped to the ISO 3166-1 alpha-3 code of the country it lies in, e.g. "England": "GBR". A record tagged with one is filed under that country on every index, search filter, feed and the map, and shows the place as written: "England (United Kingdom)". Names match with case, accents, punctuation and word order folded. This table replaces the default one: keep its entries when you add one.',
      additionalProperties: { type: 'string', pattern: ISO3_PATTERN, description: 'The ISO 3166-1 alpha-3 code of the country the place lies in, in capitals, e.g. "GBR".' },
      default: defaultConfig.subnational
    }
  }
}

// ajv and jsonc-parser are loaded on first use (ajv ~40 ms, jsonc-parser ~20 ms): every parse
// worker imports this module for resolveConfig, and only a config file needs them.
const load = createRequire(import.meta.url)

// Compiled once, on first use.
let compiled: ValidateFunction<ConfigInput> | undefined
function validator(): ValidateFunction<ConfigInput> {
  if (!compiled) {
    const { Ajv } = load('ajv') as typeof import('ajv')
    compiled = new Ajv({ allErrors: true, verbose: true, strict: true }).compile<ConfigInput>(configSchema)
  }
  return compiled
}

// ---------------------------------------------------------------------------
// Errors

/** One thing wrong with a config file. */
export interface ConfigProblem {
  /** JSON pointer of the bad value (`/rules/tag-malformed`; `''` the whole document), or null when the file cannot be read or parsed. */
  pointer: string | null
  /** What is wrong, the allowed values and the suggestion, as sentences. */
  message: string
  /** The replacement to suggest, as it would be written in the file (`"error"`, `true`), when there is one. */
  suggestion?: string
  /** Where a JSON syntax error is (1-based). */
  line?: number
  column?: number
}

/** A config file that is missing, unreadable, not JSON, or not valid against the schema. */
export class ConfigError extends UserError {
  override name = 'ConfigError'
  constructor(readonly file: string, readonly problems: readonly ConfigProblem[]) {
    super(formatProblems(file, problems))
  }
}

function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  const at = (p: ConfigProblem): string => (p.pointer === '' ? 'at the top level' : `at ${p.pointer}`)
  const [first] = problems
  if (problems.length === 1 && first) {
    if (first.line !== undefined) return `Config file ${file} is not valid JSON: line ${first.line}, column ${first.column}: ${first.message}`
    if (first.pointer === null) return `Cannot use config file ${file}: ${first.message}`
    return `Invalid config file ${file} ${at(first)}: ${first.message}`
  }
  return [`Invalid config file ${file} (${problems.length} problems):`, ...problems.map((p) => `  ${at(p)}: ${p.message}`)].join('\n')
}

// ---------------------------------------------------------------------------
// Did you mean

// Words people write for a severity, from other linters and plain English.
const SETTING_SYNONYMS: Record<string, RuleSetting> = {
  fatal: 'error', critical: 'error', err: 'error', errors: 'error', fail: 'error', failure: 'error', severe: 'error', high: 'error',
  warn: 'warning', warnings: 'warning', caution: 'warning', medium: 'warning',
  information: 'info', informational: 'info', notice: 'info', note: 'info', hint: 'info', suggestion: 'info', low: 'info', debug: 'info',
  none: 'off', disable: 'off', disabled: 'off', ignore: 'off', ignored: 'off', skip: 'off', silent: 'off', false: 'off', no: 'off', '0': 'off',
  // ESLint's numbers.
  '1': 'warning', '2': 'error'
}

function suggestSetting(value: unknown): RuleSetting | undefined {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined
  const text = String(value).trim().toLowerCase()
  return SETTING_SYNONYMS[text] ?? (typeof value === 'string' ? didYouMean(text, SETTINGS) as RuleSetting | undefined : undefined)
}

// ---------------------------------------------------------------------------
// Validation

const quote = (s: string): string => JSON.stringify(s)
const quoteAll = (list: readonly string[]): string => list.map(quote).join(', ')
const clip = (s: string): string => (s.length > 60 ? `${s.slice(0, 57)}…` : s)

/** A value as a message shows it: `"eror"`, `3`, `an object`. */
function show(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'string') return clip(quote(value))
  return String(value)
}

/** A value described after "found": `the string "yes"`, `the number 3`. */
function describe(value: unknown): string {
  if (typeof value === 'string') return `the string ${show(value)}`
  if (typeof value === 'number') return `the number ${value}`
  return show(value)
}

const TYPE_NAMES: Record<string, string> = {
  boolean: 'true or false', string: 'a string', object: 'an object ({ … })', array: 'an array ([ … ])', number: 'a number'
}

const escapePointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1')

function problem(pointer: string, what: string, suggestion: string | undefined, allowed?: string): ConfigProblem {
  const message = `${what}.${suggestion ? ` Did you mean ${suggestion}?` : ''}${allowed ? ` ${allowed}.` : ''}`
  return suggestion ? { pointer, message, suggestion } : { pointer, message }
}

/** One ajv error as a problem a contributor can act on. */
function problemOf(error: ErrorObject): ConfigProblem {
  const pointer = error.instancePath
  const data: unknown = error.data
  const parent = error.parentSchema as SchemaObject | undefined
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = (error.params as { additionalProperty: string }).additionalProperty
      const at = `${pointer}/${escapePointer(key)}`
      if (pointer === '/rules') {
        const near = didYouMean(key, RULE_IDS)
        return problem(at, `${quote(key)} is not a rule id`, near && quote(near), `Rule ids: ${RULE_IDS.join(', ')}`)
      }
      const keys = Object.keys((parent?.properties as object | undefined) ?? {})
      let near = didYouMean(key, keys)
      let where = near && quote(near)
      if (pointer === '' && isRuleId(key)) where = `"rules": { ${quote(key)}: … } (rule settings go under "rules")`
      else if (pointer === '' && (TERM_PROPERTIES as readonly string[]).includes(key)) where = `"aliases": { ${quote(key)}: … } (alias maps go under "aliases")`
      else if (near === undefined && pointer === '') {
        near = didYouMean(key, RULE_IDS)
        if (near) where = `"rules": { ${quote(near)}: … } (rule settings go under "rules")`
      }
      return problem(at, `unknown key ${quote(key)}`, where, `Allowed keys: ${quoteAll(keys)}`)
    }
    case 'enum': {
      const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v))
      const near = pointer.startsWith('/rules/') ? suggestSetting(data) : undefined
      const what = pointer.startsWith('/rules/') ? `${show(data)} is not a rule setting` : `${show(data)} is not allowed here`
      return problem(pointer, what, near && quote(near), `Allowed values: ${allowed.join(', ')}`)
    }
    case 'type': {
      const type = String((error.params as { type: string }).type)
      let suggestion: string | undefined
      let allowed: string | undefined
      if (type === 'boolean') {
        allowed = 'Allowed values: true, false (without quotes)'
        const text = String(data).trim().toLowerCase()
        if (['true', 'yes', 'on', '1'].includes(text)) suggestion = 'true'
        else if (['false', 'no', 'off', '0', ''].includes(text)) suggestion = 'false'
      } else if (type === 'string' && (typeof data === 'number' || typeof data === 'boolean')) {
        suggestion = quote(String(data))
      } else if (type === 'array' && typeof data === 'string') {
        suggestion = `[${quote(data)}]`
        allowed = 'Expected a list of strings'
      } else if (type === 'object' && pointer.startsWith('/aliases/')) {
        allowed = 'Expected an object of "spelling": "value shown" pairs'
      }
      return problem(pointer, `expected ${TYPE_NAMES[type] ?? type}, found ${describe(data)}`, suggestion, allowed)
    }
    case 'minLength':
      return problem(pointer, 'an empty string is not allowed here', undefined, 'Give a name, or remove the entry')
    case 'pattern':
      if (pointer.startsWith('/subnational/') && typeof data === 'string') return countryCodeProblem(pointer, data)
      return problem(pointer, `${show(data)} ${error.message ?? 'is not valid'}`, undefined)
    default:
      return problem(pointer, `${show(data)} ${error.message ?? 'is not valid'}`, undefined)
  }
}

// ---------------------------------------------------------------------------
// Country codes of the `subnational` table

interface CountryCodes {
  /** Every alpha-3 code country values resolve to (world-countries: Kosovo is `UNK`). */
  alpha3: string[]
  /** Upper-cased alpha-2 and alpha-3 codes, lower-cased common and official names → alpha-3. */
  byKey: Map<string, string>
}

let countryCodes: CountryCodes | undefined
/** The codes, loaded on first use: world-countries takes ~40 ms to load, and only a `subnational` table needs it here. */
function codes(): CountryCodes {
  if (!countryCodes) {
    const all = load('world-countries') as Array<{ cca2: string; cca3: string; name: { common: string; official: string } }>
    const byKey = new Map<string, string>()
    for (const c of all) for (const key of [c.cca3, c.cca2, c.name.common.toLowerCase(), c.name.official.toLowerCase()]) byKey.set(key, c.cca3)
    countryCodes = { alpha3: all.map((c) => c.cca3), byKey }
  }
  return countryCodes
}

/** A `subnational` value that is not an alpha-3 code the archive knows, with the code it most likely means. */
function countryCodeProblem(pointer: string, value: string): ConfigProblem {
  const { byKey } = codes()
  const typed = value.trim()
  // No edit-distance guess: three-letter codes are so dense that a slip is one edit from several countries.
  const near = byKey.get(typed.toUpperCase()) ?? byKey.get(typed.toLowerCase())
  return problem(pointer, `${show(value)} is not an ISO 3166-1 alpha-3 country code`, near && quote(near),
    'Write the three-letter code of the country the place lies in, in capitals, e.g. "GBR" for the United Kingdom')
}

/** Codes of the `subnational` table that are well formed (the schema checks that) but name no country. */
function unknownCountryCodes(value: ConfigInput): ConfigProblem[] {
  const entries = Object.entries(value.subnational ?? {})
  if (entries.length === 0) return []
  const known = new Set(codes().alpha3)
  return entries.filter(([, iso3]) => !known.has(iso3)).map(([place, iso3]) => countryCodeProblem(`/subnational/${escapePointer(place)}`, iso3))
}

/**
 * Check a parsed config value against the schema, and the codes of its `subnational` table
 * against the ISO 3166-1 countries.
 * @param file the file it came from, for the error message
 * @throws ConfigError listing every problem
 */
export function validateConfig(value: unknown, file: string): ConfigInput {
  const validate = validator()
  if (validate(value)) {
    const problems = unknownCountryCodes(value)
    if (problems.length) throw new ConfigError(file, problems)
    return value
  }
  const seen = new Set<string>()
  const problems: ConfigProblem[] = []
  for (const error of validate.errors ?? []) {
    const p = problemOf(error)
    const key = `${p.pointer}\n${p.message}`
    if (seen.has(key)) continue
    seen.add(key)
    problems.push(p)
  }
  throw new ConfigError(file, problems)
}

// ---------------------------------------------------------------------------
// JSON syntax errors, with where (V8's JSON.parse message often has no position)

type JsoncParser = typeof import('jsonc-parser')
const JSON_ONLY = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false }

/** What stands at `offset`, as a message names it after "found". */
function found(text: string, offset: number): string {
  if (offset >= text.length) return 'the end of the file'
  if (text[offset] === "'") return `' (strings and keys must be in double quotes ", not single quotes)`
  const word = /^[A-Za-z_$][\w$-]*/.exec(text.slice(offset, offset + 60))?.[0]
  if (word) return `${word} (a string must be in double quotes: ${quote(word)})`
  return quote(String.fromCodePoint(text.codePointAt(offset)!))
}

/** jsonc-parser's error codes in words, given what stands at the error (InvalidSymbol: see {@link unexpected}). */
const SYNTAX_MESSAGES: Partial<Record<ReturnType<JsoncParser['printParseErrorCode']>, (found: string) => string>> = {
  InvalidCommentToken: () => 'comments are not allowed in JSON',
  UnexpectedEndOfComment: () => 'comments are not allowed in JSON',
  ValueExpected: (f) => `expected a value, found ${f}`,
  PropertyNameExpected: (f) => `expected a key in double quotes, found ${f}`,
  ColonExpected: (f) => `expected ":" after the key, found ${f}`,
  CloseBraceExpected: (f) => `expected "," or "}" after a value, found ${f}`,
  CloseBracketExpected: (f) => `expected "," or "]" after a value, found ${f}`,
  EndOfFileExpected: (f) => `unexpected ${f} after the end of the JSON value`,
  UnexpectedEndOfString: () => 'this string is not closed (its closing " is missing)',
  InvalidEscapeCharacter: () => 'an invalid escape in this string (write \\\\ for a backslash)',
  InvalidUnicode: () => 'an invalid \\u escape in this string (\\u takes four hex digits)',
  InvalidCharacter: () => 'a control character inside this string',
  InvalidNumberFormat: () => 'this number is not written as JSON writes numbers',
  UnexpectedEndOfNumber: () => 'this number is cut short (a digit is missing)'
}

/** Something that is no JSON token, in words that say what was expected there (jsonc-parser's getLocation tells). */
function unexpected(text: string, offset: number): string {
  const where = (load('jsonc-parser') as JsoncParser).getLocation(text, offset)
  if (where.isAtPropertyKey) return SYNTAX_MESSAGES.PropertyNameExpected!(found(text, offset))
  if (where.previousNode) return `expected "," after a value, found ${found(text, offset)}`
  if (where.path.length === 0 && text.slice(0, offset).trim() !== '') return SYNTAX_MESSAGES.EndOfFileExpected!(found(text, offset))
  return SYNTAX_MESSAGES.ValueExpected!(found(text, offset))
}

/**
 * Why and where `text` is not JSON (offset into `text`), or null when it is. jsonc-parser finds
 * the error; here it is only put in words, and moved to where a person would fix it.
 */
export function jsonSyntaxError(text: string): { offset: number; message: string } | null {
  const { parse, printParseErrorCode } = load('jsonc-parser') as JsoncParser
  const errors: ParseError[] = []
  parse(text, errors, JSON_ONLY)
  const [first] = errors
  if (!first) return null
  const { offset, length } = first
  if (text.trim() === '') return { offset, message: 'the file is empty (write {} for the defaults)' }
  const code = printParseErrorCode(first.error)
  const before = text.slice(0, offset).replace(/[ \t\r\n]+$/, '') // up to the end of the previous token
  if (before.endsWith(',') && (text[offset] === '}' || text[offset] === ']')) {
    return { offset: before.length - 1, message: `a comma before "${text[offset]}" (trailing commas are not allowed in JSON)` }
  }
  if (code === 'CommaExpected') return { offset: before.length, message: 'a "," is missing after this value' }
  if (code === 'UnexpectedEndOfString' && /[\r\n]/.test(text[offset + length] ?? '')) {
    return { offset: offset + length, message: 'a line break inside a string (is its closing " missing?)' }
  }
  return { offset, message: SYNTAX_MESSAGES[code]?.(found(text, offset)) ?? unexpected(text, offset) }
}

// Hand-written: jsonc-parser gives offsets only (its visitor's line numbers are those of the
// token it stopped at, not of the places the messages above point to), and this is three lines.
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const lines = text.slice(0, offset).split('\n')
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 }
}

// ---------------------------------------------------------------------------
// Reading and finding

/**
 * Parse and validate the text of a config file, merged over the defaults.
 * @param file the file it came from, for the error message
 * @throws ConfigError when it is not JSON or not valid
 */
export function parseConfig(text: string, file: string): Config {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text // editors on Windows may write a BOM
  let value: unknown
  try {
    value = JSON.parse(body)
  } catch (error) {
    const where = jsonSyntaxError(body) ?? {
      offset: Number(/at position (\d+)/.exec((error as Error).message)?.[1] ?? 0),
      message: (error as Error).message
    }
    throw new ConfigError(file, [{ pointer: null, message: `${where.message}.`, ...lineColumn(body, where.offset) }])
  }
  return resolveConfig(validateConfig(value, file))
}

/**
 * Read, parse and validate one config file.
 * @throws ConfigError when it is missing, unreadable, not JSON or not valid
 */
export function readConfigFile(file: string): Config {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'the file does not exist. Check the path, or leave the option out to use the lookup and the defaults.'
      : code === 'EISDIR' ? `it is a folder, not a file. Give the file itself, e.g. ${join(file, CONFIG_FILE)}.`
        : `${(error as Error).message}.`
    throw new ConfigError(file, [{ pointer: null, message: why }])
  }
  return parseConfig(text, file)
}

function isFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false
}

/**
 * Where the project config is: `plan-archive.config.json` in the content
 * folder, else in its parents up to and including the repository root (the
 * first folder with a `.git` entry; never above it, and when there is no
 * repository only the content folder itself), else in `cwd`.
 * @param options.contentDir the content folder (or a file in it), relative to `cwd`
 * @returns the absolute path of the file, or null when there is none
 */
export function findConfigFile(options: { contentDir?: string; cwd: string }): string | null {
  const cwd = resolve(options.cwd)
  if (options.contentDir !== undefined) {
    let dir = resolve(cwd, options.contentDir)
    if (isFile(dir)) dir = dirname(dir)
    const root = repositoryRoot(dir)
    for (let d = dir; ; d = dirname(d)) {
      const file = join(d, CONFIG_FILE)
      if (isFile(file)) return file
      if (root === null || d === root || dirname(d) === d) break
    }
  }
  const file = join(cwd, CONFIG_FILE)
  return isFile(file) ? file : null
}

/**
 * The project config: `file` when given (relative to `cwd`; it must exist),
 * else the one {@link findConfigFile} finds, else the defaults.
 * @returns the validated config merged over the defaults, and the file it came from (null: the defaults)
 * @throws ConfigError when the file is missing (given explicitly), unreadable, not JSON or not valid
 */
export function loadProjectConfig(options: { file?: string; contentDir?: string; cwd: string }): { config: Config; path: string | null } {
  const path = options.file !== undefined ? resolve(options.cwd, options.file) : findConfigFile(options)
  if (path === null) return { config: resolveConfig(), path: null }
  return { config: readConfigFile(path), path }
}

/**
 * Load `plan-archive.config.json` from `dir`, or the defaults when absent.
 * @throws ConfigError when it is present but not valid
 */
export function loadConfig(dir: string): Config {
  const file = resolve(dir, CONFIG_FILE)
  return isFile(file) ? readConfigFile(file) : resolveConfig()
}
