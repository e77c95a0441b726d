/**
 * Stage 8: assemble the typed record from what the earlier stages found: tags
 * through the normalisers (each problem positioned at its tag), kind, title,
 * dates, outline and language. Config rules are applied to every diagnostic here.
 */
import type { Root, RootContent } from 'mdast'
import type { Config } from '../records/config.ts'
import { slugForPath } from '../records/ids.ts'
import { detectLanguages } from '../records/language.ts'
import { canonicalKey, collectFields, type TagValue } from '../records/fields.ts'
import { parseDate, parseYear, type Problem } from '../records/normalize/index.ts'
import { kindOfType } from '../records/kind.ts'
import type { ArchiveRecord, AssetRef, ChallengeType, Diagnostic, RecordType, SourceInfo } from '../records/types.ts'
import { applyRules } from '../records/rules.ts'
import type { Outline } from './sections.ts'
import type { Tag } from './tags.ts'
import { toString } from 'mdast-util-to-string'

export interface RecordParts {
  source: SourceInfo
  /** Decided once, by `decideKind` (src/records/kind.ts), before the outline; the kind follows from it. */
  type: RecordType
  frontMatter: Record<string, unknown>
  tags: Tag[]
  body: string
  tree: Root
  outline: Outline
  assets: AssetRef[]
  diagnostics: Diagnostic[]
  config: Config
}

/** Build the one record of a file from its stage outputs. */
export function assembleRecord(parts: RecordParts): ArchiveRecord {
  const { source, type, frontMatter, tags, outline, config } = parts
  const diagnostics = [...parts.diagnostics]
  const at = (tag: TagValue, problem: Problem | undefined): void => {
    if (problem) diagnostics.push({ ...problem, line: tag.line, column: tag.column })
  }
  const byKey = groupTags(tags)


  // Countries, points, goals, e-mails and the free-text fields, through the registry's normalisers.
  const fields = collectFields(byKey, config, at)
  const { year: tagYear, date } = datesOf(byKey, frontMatter, at)

  const title = titleOf(outline, frontMatter, type, source.path)
  const year = tagYear ?? yearInTitle(title)
  const { language, languages } = detectLanguages(outline.textBlocks.map((node) => ({
    length: (node.position?.end.offset ?? 0) - (node.position?.start.offset ?? 0),
    text: () => toString(node)
  })))

  const tagRecord: Record<string, string[]> = {}
  for (const tag of tags) (tagRecord[tag.key] ??= []).push(tag.value)

  const base = {
    id: slugForPath(source.path),
    source,
    title,
    year,
    date,
    ...fields,
    tags: tagRecord,
    frontMatter,
    language,
    languages,
    body: parts.body,
    sections: outline.sections,
    assets: parts.assets,
    diagnostics: [] as Diagnostic[]
  }
  const kind = kindOfType(type)
  const record: ArchiveRecord = kind === 'learningplan'
    ? {
        ...base,
        kind,
        type: kind,
        planTitle: outline.titleAnswer && squash(outline.titleAnswer) !== squash(title) ? outline.titleAnswer : null,
        stages: outline.stages,
        challengeType: outline.challengeType ?? challengeInTitle(outline.titleAnswer ?? title)
      }
    : kind === 'framework' ? { ...base, kind, type: kind } : { ...base, kind, type }
  record.diagnostics = applyRules(diagnostics, config.rules)
  return record
}

/** Tags by their registry key (`[[sdg:…]]` and `[[sdgs:…]]` together), in file order. */
function groupTags(tags: Tag[]): Map<string, Tag[]> {
  const map = new Map<string, Tag[]>()
  for (const tag of tags) {
    const key = canonicalKey(tag.key)
    const list = map.get(key)
    if (list) list.push(tag)
    else map.set(key, [tag])
  }
  return map
}

function datesOf(byKey: Map<string, Tag[]>, frontMatter: Record<string, unknown>,
  at: (tag: TagValue, problem: Problem | undefined) => void): { year: number | null; date: string | null } {
  let date: string | null = null
  const dateTag = byKey.get('date')?.[0]
  if (dateTag) {
    const parsed = parseDate(dateTag.value)
    at(dateTag, parsed.problem)
    date = parsed.date
  } else if (frontMatter.date !== undefined && frontMatter.date !== null) {
    // YAML turns `date: 2023-03-01` into a Date; String() of that is not a date any parser reads.
    const raw = frontMatter.date instanceof Date ? frontMatter.date.toISOString() : String(frontMatter.date)
    date = parseDate(raw).date
  }
  let year: number | null = null
  const yearTag = byKey.get('year')?.[0]
  if (yearTag) {
    const parsed = parseYear(yearTag.value)
    at(yearTag, parsed.problem)
    year = parsed.year
  } else if (frontMatter.year !== undefined && frontMatter.year !== null) {
    year = parseYear(String(frontMatter.year)).year
  }
  if (year === null && date) year = Number(date.slice(0, 4)) || null
  return { year, date }
}

/** First `# ` heading, else front matter title, else a plan's `## Title` answer, else the file name. */
function titleOf(outline: Outline, frontMatter: Record<string, unknown>, type: RecordType, path: string): string {
  if (outline.firstH1) return outline.firstH1
  const fm = frontMatter.title
  if ((typeof fm === 'string' || typeof fm === 'number') && String(fm).trim()) return String(fm).trim()
  if (type === 'learningplan' && outline.titleAnswer) return outline.titleAnswer
  const lead = leadLine(outline.textBlocks)
  if (lead) return lead
  const name = path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '').trim()
  return name || 'untitled'
}

/** A page with no year tag whose title names exactly one year (`2021 Work Plan Proposal`). */
function yearInTitle(title: string): number | null {
  const years = title.match(/\b(19[5-9]\d|20\d\d)\b/g)
  return years && new Set(years).size === 1 ? Number(years[0]) : null
}

/**
 * Pages extracted from PDFs or web articles often have no heading but open with
 * their title as a short line of its own (`2021 Work Plan Proposal`, or a
 * breadcrumb `News & Stories > Framework for …`): a better title than a file name.
 */
function leadLine(blocks: RootContent[]): string | null {
  const first = blocks[0]
  if (!first || first.type !== 'paragraph') return null
  const text = squash(toString(first))
  if (!text || text.length > 120 || /[.:;,]$/.test(text)) return null
  const crumbs = text.split(' > ')
  return crumbs[crumbs.length - 1]!.trim() || null
}

/** Titles compared without regard to runs of whitespace (the corpus mixes in no-break spaces). */
function squash(s: string): string {
  return s.replace(/\s+/g, ' ').trim()
}

/** Plans named like `… | Big Bet` or `… (Exploratory)`: the challenge type as a title suffix. */
function challengeInTitle(title: string): ChallengeType | null {
  const m = /\b(big bet|exploratory)\W*$/i.exec(title.slice(-40))
  return m ? (m[1]!.toLowerCase() as ChallengeType) : null
}
