/**
 * The view of one record page: its values already paired with the URLs of
 * their index pages, its outline, related records and JSON-LD, so templates
 * only print (and autoescape) what they are given.
 */
import { TERM_FIELDS } from '../records/fields.ts'
import { typePlural } from '../records/kind.ts'
import { SDG_GOALS, type SdgGoal } from '../records/normalize/sdgs.ts'
import { countryLabel, filedCountry, type ArchiveRecord, type Country } from '../records/types.ts'
import { headingAnchor, publicSections } from '../render/body.ts'
import type { RecordLink } from './emit/records.ts'
import type { Indexes } from './indexes.ts'
import { publicEmail } from './privacy.ts'
import type { Related, RelatedLink } from './related.ts'
import { withoutTitleHeading } from './record-text.ts'
import { urls } from './urls.ts'

/** A related record as its list shows it: its link, and the values it shares with this one. */
export interface RelatedItem extends RecordLink {
  because: string
}

function relatedItem(r: RelatedLink, indexes: Indexes): RelatedItem {
  return { ...indexes.order.links[r.index]!, because: r.because.join(', ') }
}

export interface Link {
  label: string
  url: string
}

export interface RecordPage {
  url: string
  id: string
  /** The record's type (`learningplan`, `solution`), and its labels. */
  type: string
  kindLabel: string
  kindPlural: string
  kindUrl: string
  title: string
  /** The plan's own title answer, when it differs from the page title. */
  planTitle: string | null
  /** BCP 47 language of the body, null when unknown (`und`). */
  lang: string | null
  dir: 'rtl' | null
  /** Sanitised body HTML from renderBody (the only unescaped output of the page), without a first heading that repeats the title. */
  html: string
  /** One or two sentences for search engines and link previews: the record's summary (recordSummaries), else what the record is. */
  description: string
  date: string | null
  year: Link | null
  countries: Array<Link & { region: Link | null }>
  sdgs: Array<{ goal: SdgGoal | null; label: string; url: string }>
  /** The free-text fields that have values, in registry order: `Methods` and their links, … */
  terms: Array<{ label: string; links: Link[] }>
  stages: Link[]
  challengeType: Link | null
  /** Focal points as the privacy option allows (domain only by default). */
  focalPoints: string[]
  toc: Array<{ label: string; id: string; depth: number }>
  /** The closest records, and the same topic from other countries, each with what it shares. */
  related: { closest: RelatedItem[]; elsewhere: RelatedItem[] }
  sourcePath: string
  /** The full record, for the search metadata partial. */
  record: ArchiveRecord
  jsonLd: Record<string, unknown>
}

const RTL = new Set(['ar', 'arc', 'dv', 'fa', 'ha', 'he', 'khw', 'ks', 'ku', 'ps', 'sd', 'ur', 'yi'])

/** A BCP 47 tag safe for a `lang` attribute, or null for unknown / malformed. */
export function langOf(language: string): string | null {
  if (!language || language === 'und') return null
  return /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(language) ? language : null
}

/**
 * The page title is the only h1: a body's own `# Heading` becomes an h2. Safe
 * as a string replace because the HTML is sanitised and serialised, so a
 * literal `<h1` can only be a tag (text has `&lt;`).
 */
export function demoteH1(html: string): string {
  return html.replace(/<(\/?)h1(?=[\s>])/g, '<$1h2')
}

/** A country value as a schema.org Place: a place inside a country names it as `containedInPlace`. */
function place(c: Country): Record<string, unknown> {
  return c.within
    ? { '@type': 'Place', name: c.name, containedInPlace: { '@type': 'Country', name: c.within.name } }
    : { '@type': 'Place', name: c.name }
}

/** Build the page view of record `i`. */
export function recordPage(
  record: ArchiveRecord,
  html: string,
  i: number,
  indexes: Indexes,
  related: Related,
  publishEmails: boolean
): RecordPage {
  const v = indexes.valueUrls
  const lang = langOf(record.language)
  const terms = TERM_FIELDS.flatMap((field) => {
    const links = record[field.property].map((t) => ({ label: t.value, url: v.term(field.property, t.key) }))
    return links.length ? [{ label: field.plural, links }] : []
  })
  const plan = record.kind === 'learningplan' ? record : null
  const stages = plan?.stages ?? []
  const challenge = plan?.challengeType ?? null
  const planTitle = plan?.planTitle ?? null
  const link = indexes.order.links[i]!
  const body = withoutTitleHeading(demoteH1(html), link.title)
  // The heading dropped from the body leaves the contents too (it is the first section).
  const sections = publicSections(record.sections, publishEmails).slice(body.dropped ? 1 : 0)
  const focalPoints = record.focalPoints.map((e) => publicEmail(e, publishEmails)).filter((e): e is string => Boolean(e))

  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': 'CreativeWork',
    name: link.title,
    url: link.url,
    genre: link.kindLabel,
    ...(record.date ? { dateCreated: record.date } : record.year !== null ? { dateCreated: String(record.year) } : {}),
    ...(lang ? { inLanguage: lang } : {}),
    ...(record.countries.length ? { spatialCoverage: record.countries.map(place) } : {}),
    keywords: TERM_FIELDS.filter((f) => f.keywords).flatMap((f) => record[f.property].map((t) => t.value)),
    about: record.sdgs.filter((s) => s.number !== null).map((s) => ({ '@type': 'Thing', name: `SDG ${s.number}: ${s.name ?? ''}` }))
  }

  return {
    url: link.url,
    id: record.id,
    type: record.type,
    kindLabel: link.kindLabel,
    kindPlural: typePlural(record.type),
    kindUrl: urls.type(record.type),
    title: link.title,
    planTitle: planTitle && planTitle.trim() !== link.title ? planTitle : null,
    lang,
    dir: lang && RTL.has(lang.split('-')[0]!.toLowerCase()) ? 'rtl' : null,
    html: body.html,
    description: link.summary ?? [link.kindLabel, link.place, link.year].filter(Boolean).join(' · '),
    date: record.date,
    year: record.year === null ? null : { label: String(record.year), url: v.year(record.year) },
    countries: record.countries.map((c, k) => {
      const filed = filedCountry(c)
      return { label: countryLabel(c), url: v.country(record, k), region: filed ? { label: filed.region ?? 'Other', url: v.regionUrl(filed.region) } : null }
    }),
    sdgs: record.sdgs.map((s) => {
      const goal = s.number === null ? null : SDG_GOALS[s.number - 1] ?? null
      return goal ? { goal, label: `${goal.number}. ${goal.name}`, url: urls.sdg(goal.number) } : { goal: null, label: s.raw, url: `${urls.sdgs}#unrecognised` }
    }),
    terms,
    stages: stages.map((s) => ({ label: s, url: v.stage(s) })),
    challengeType: challenge ? { label: challenge, url: v.challengeType(challenge) } : null,
    focalPoints,
    // Every record with two sections or more, learning plans too. Headings with no text have no
    // anchor to link to. The same masked headings and slugs as the body's heading ids (publicSections).
    toc: sections.length >= 2
      ? sections.filter((s) => s.slug && s.heading.trim()).map((s) => ({ label: s.heading, id: headingAnchor(s.slug), depth: s.depth }))
      : [],
    related: {
      closest: related.closest.map((r) => relatedItem(r, indexes)),
      elsewhere: related.elsewhere.map((r) => relatedItem(r, indexes))
    },
    sourcePath: record.source.path,
    record,
    jsonLd
  }
}
