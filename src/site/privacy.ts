/**
 * Focal-point e-mail addresses are personal data: unless the build publishes
 * them, the site and the open-data exports show only their domain.
 */
import { isPrivateKey } from '../records/fields.ts'
import type { ArchiveRecord, Diagnostic } from '../records/types.ts'
import { maskEmailsInText } from '../render/mask-emails.ts'

/**
 * The form of an e-mail address the site may show.
 * @param email a focal-point address (validated or not)
 * @param publish whether the build publishes addresses in full
 * @returns the address when publishing, else `@domain` (lower-cased), or '' when there is no domain
 */
export function publicEmail(email: string, publish: boolean): string {
  const trimmed = email.trim()
  if (publish) return trimmed
  const at = trimmed.lastIndexOf('@')
  const domain = at === -1 ? '' : trimmed.slice(at + 1).trim().toLowerCase()
  // A "domain" with markup or spaces is not one: show nothing rather than echo the value.
  return domain && /^[\p{L}\p{N}.-]+$/u.test(domain) ? `@${domain}` : ''
}

function maskDiagnostic(d: Diagnostic): Diagnostic {
  const message = maskEmailsInText(d.message)
  const hint = d.hint === undefined ? undefined : maskEmailsInText(d.hint)
  return message === d.message && hint === d.hint ? d : { ...d, message, ...(hint === undefined ? {} : { hint }) }
}

/** Mask addresses in every string of a JSON value (front matter); depth-capped, it is YAML from a file. */
function maskJson(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskEmailsInText(value)
  if (depth > 32 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((v) => maskJson(v, depth + 1))
  // Dates and other non-plain objects (gray-matter makes Dates) pass through untouched.
  const proto = Object.getPrototypeOf(value)
  if (proto !== Object.prototype && proto !== null) return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) out[k] = maskJson(v, depth + 1)
  return out
}

/** Replace these exact addresses (the record's focal points) wherever they occur in `text`. */
function maskAddresses(text: string, addresses: readonly string[]): string {
  let out = text
  for (const address of addresses) {
    const masked = publicEmail(address, false)
    if (address.includes('@') && out.includes(address)) out = out.split(address).join(masked)
  }
  return out
}

/**
 * The record as the site and the exports may publish it.
 * @param record a parsed record (not modified)
 * @param publish whether the build publishes addresses in full
 * @returns the same record when publishing; else a copy whose focal points, private tag
 *   values (`focal_point`), and e-mail addresses inside other tag values, front matter and diagnostics
 *   show only `@domain`; in the body only the focal points' own addresses are masked (other
 *   addresses there are part of the published text)
 */
export function publicRecord<R extends ArchiveRecord>(record: R, publish: boolean): R {
  if (publish) return record
  const tags: Record<string, string[]> = {}
  for (const [key, values] of Object.entries(record.tags)) {
    // Private keys (the registry's `private`: focal points, in any spelling of the key) keep only `@domain`.
    tags[key] = isPrivateKey(key) ? values.map((v) => publicEmail(v, false)).filter((v) => v !== '') : values.map(maskEmailsInText)
  }
  return {
    ...record,
    body: maskAddresses(record.body, record.focalPoints),
    focalPoints: record.focalPoints.map((e) => publicEmail(e, false)).filter((e) => e !== ''),
    tags,
    frontMatter: maskJson(record.frontMatter, 0) as Record<string, unknown>,
    diagnostics: record.diagnostics.map(maskDiagnostic)
  }
}
