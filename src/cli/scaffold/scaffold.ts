/**
 * Scaffolding of new content files: validate the values a contributor gives,
 * normalise them with the parser's own normalisers, and fill a template whose
 * sections and prompts are those of the real learning plan form.
 */
import { readFileSync } from 'node:fs'
import slugify from '@sindresorhus/slugify'
import YAML from 'yaml'
import type { Config } from '../../records/config.ts'
import { TERM_FIELDS, type TermProperty } from '../../records/fields.ts'
import {
  normalizeCountry,
  normalizeEmail,
  normalizeSdg,
  normalizeTerms,
  parseLatLng,
  parseYear,
  type Problem
} from '../../records/normalize/index.ts'

export type ScaffoldKind = 'learningplan' | 'framework'

/** What a contributor asked for, as given on the command line. */
export interface ScaffoldInput {
  kind: ScaffoldKind
  title: string
  countries?: string[]
  year?: string
  sdgs?: string[]
  /** Values of the free-text fields (the registry's TERM_FIELDS), by record property. */
  terms?: Partial<Record<TermProperty, string[]>>
  focalPoints?: string[]
  latlng?: string
  /** File name without `.md`; derived from the values when absent. */
  slug?: string
}

/** A refused value: which option, what was wrong, and the normaliser's hint. */
export interface ScaffoldProblem {
  option: string
  message: string
  hint?: string
}

/** A filled template and where it belongs, relative to the content root. */
export interface ScaffoldFile {
  /** `plans/<slug>.md` or `<frameworkFolder>/<slug>.md`, `/`-separated. */
  path: string
  slug: string
  text: string
}

export type ScaffoldResult = { ok: true; file: ScaffoldFile } | { ok: false; problems: ScaffoldProblem[] }

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const MAX_SLUG = 80
// C0/C1 controls, line and paragraph separators: any of them could end a tag line.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u

function template(name: string): string {
  return readFileSync(new URL(`./${name}.md`, import.meta.url), 'utf8')
}

/** Why a value cannot be written safely, or null: tags are `[[key:value]]` on one line. */
export function unsafeValue(value: string, inTag: boolean): string | null {
  if (CONTROL.test(value)) return 'contains a line break or control character'
  if (inTag && /[[\]]/.test(value)) return 'contains "[" or "]", which would end or open a tag'
  if (!inTag && (value.includes('[[') || value.includes(']]'))) return 'contains "[[" or "]]", which would be read as a tag'
  if (!value.trim()) return 'is empty'
  return null
}

/** Escape what would turn a one-line title into another block (heading, quote = prompt, list, HTML). */
function asParagraph(title: string): string {
  return title.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([#>+\-*=|<~`])/, '\\$1')
}

/** Escape a closing `#` sequence, which CommonMark would strip from an ATX heading. */
function asHeading(title: string): string {
  return title.replace(/#+$/, (hashes) => `\\${hashes}`)
}

function fromProblem(option: string, problem: Problem): ScaffoldProblem {
  return { option, message: problem.message, ...(problem.hint ? { hint: problem.hint } : {}) }
}

/** Default slug: the title, slugified and cut at a word (`--slug` when titles collide). */
function defaultSlug(title: string): string {
  let slug = slugify(title)
  if (slug.length > MAX_SLUG) slug = slug.slice(0, MAX_SLUG).replace(/-[^-]*$/, '')
  return slug || 'untitled'
}

/**
 * Validate and normalise `input`, then fill the kind's template.
 * @param input the contributor's values
 * @param config aliases (of the free-text fields), framework folders and places inside a country
 * @returns the file to write, or every problem found (never a partial file)
 */
export function scaffold(input: ScaffoldInput, config: Config): ScaffoldResult {
  const problems: ScaffoldProblem[] = []
  const title = input.title.trim()
  const titleProblem = unsafeValue(title, false)
  if (titleProblem) problems.push({ option: '--title', message: `the title ${titleProblem}` })

  const check = (option: string, values: string[]): string[] => {
    const ok: string[] = []
    for (const value of values) {
      const why = unsafeValue(value, true)
      if (why) problems.push({ option, message: `"${value.replace(CONTROL, ' ')}" ${why}` })
      else ok.push(value.trim())
    }
    return ok
  }

  const tags: string[] = []
  const tag = (key: string, value: string | number): void => void tags.push(`[[${key}:${value}]]`)

  for (const raw of check('--focal-point', input.focalPoints ?? [])) {
    const { email, problem } = normalizeEmail(raw)
    if (!email || problem) problems.push(fromProblem('--focal-point', problem ?? { rule: 'email-invalid', severity: 'error', message: `"${raw}" is not an e-mail address` }))
    else tag('focal_point', email)
  }

  let year: number | null = null
  if (input.year !== undefined) {
    const [raw] = check('--year', [input.year])
    if (raw !== undefined) {
      const parsed = parseYear(raw)
      if (parsed.year === null) problems.push(fromProblem('--year', parsed.problem!))
      else year = parsed.year
    }
  }
  if (year !== null) tag('year', year)
  if (input.kind === 'learningplan') tag('type', 'learningplan')


  const seenGoals = new Set<number>()
  for (const raw of check('--sdg', input.sdgs ?? [])) {
    const { sdg, problem } = normalizeSdg(raw)
    // A name that contradicts the number is only `info` in a file, but here we can ask.
    if (sdg.number === null || problem) problems.push(fromProblem('--sdg', problem!))
    else if (!seenGoals.has(sdg.number)) {
      seenGoals.add(sdg.number)
      tag('sdgs', `${sdg.number}. ${sdg.name}`)
    }
  }

  for (const field of TERM_FIELDS) {
    const values = check(`--${field.option}`, input.terms?.[field.property] ?? [])
    for (const term of normalizeTerms(values, config.aliases[field.property])) tag(field.key, term.value)
  }

  const countries: string[] = []
  for (const raw of check('--country', input.countries ?? [])) {
    const { country, problem } = normalizeCountry(raw, config.subnational)
    // The file-level message says the value "is kept as written"; here nothing is written.
    // A place inside a country (`England`) is written as given: the archive files it under its country.
    if (!country || (country.iso3 === null && !country.within)) problems.push({ option: '--country', message: `"${raw}" is not a country name or ISO 3166-1 code`, ...(problem?.hint ? { hint: problem.hint } : {}) })
    else if (!countries.includes(country.name)) {
      countries.push(country.name)
      tag('country', country.name)
    }
  }

  if (input.latlng !== undefined) {
    const [raw] = check('--latlng', [input.latlng])
    if (raw !== undefined) {
      const { location, problem } = parseLatLng(raw)
      if (!location) problems.push(fromProblem('--latlng', problem!))
      else tag('latlng', `${location.lat},${location.lng}`)
    }
  }

  if (input.kind === 'learningplan') {
    if (countries.length === 0 && !problems.some((p) => p.option === '--country')) problems.push({ option: '--country', message: 'a learning plan needs a country', hint: 'Add --country "Peru" (a name or an ISO code).' })
    if (year === null && !problems.some((p) => p.option === '--year')) problems.push({ option: '--year', message: 'a learning plan needs a year', hint: 'Add --year 2025.' })
  }

  let slug = input.slug?.trim()
  if (slug !== undefined && !SLUG.test(slug)) {
    problems.push({ option: '--slug', message: `"${slug.replace(CONTROL, ' ')}" is not a slug`, hint: 'Use lower-case letters, digits and single hyphens, e.g. peru-2025-citizen-action.' })
  }
  if (problems.length) return { ok: false, problems }

  slug ??= defaultSlug(title)
  const folder = input.kind === 'learningplan' ? 'plans' : (config.frameworkFolders[0] ?? 'frameworks')
  const values: Record<string, string> = {
    heading: asHeading(title),
    answer: asParagraph(title),
    tags: tags.join('\n'),
    frontMatter: YAML.stringify({ title, type: 'framework' })
  }
  // One pass over the template, so a value that looks like `{{tags}}` is never expanded.
  const text = template(input.kind).replace(/\{\{(\w+)\}\}/g, (all, name: string) => values[name] ?? all)
  return { ok: true, file: { path: `${folder}/${slug}.md`, slug, text: text.replace(/\n{3,}/g, '\n\n') } }
}
