/**
 * E-mail addresses inside free text are personal data: unless the build
 * publishes them, the rendered bodies (and the site's record fields, through
 * src/site/privacy.ts) show only their `@domain`.
 */

/**
 * E-mail-like text inside free text. Hand-written rather than validator's
 * isEmail because we must *find* addresses inside longer strings; the local
 * part is bounded (RFC 5321: 64 chars) so a long run without `@` costs linear time.
 */
const EMAIL_IN_TEXT = /[\p{L}\p{N}._%+'-]{1,64}@((?:[\p{L}\p{N}-]{1,63}\.)+[\p{L}\p{N}-]{2,63})/gu

/**
 * Replace every e-mail address inside a free-text value by its `@domain`.
 * @param text any text (a body's text node, a tag value, a diagnostic)
 * @returns the text with each address replaced by its lower-cased `@domain`
 */
export function maskEmailsInText(text: string): string {
  if (!text.includes('@')) return text
  return text.replace(EMAIL_IN_TEXT, (_m, domain: string) => `@${domain.toLowerCase()}`)
}
