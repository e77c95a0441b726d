/**
 * Escaping for text we write into HTML or SVG ourselves (not through hast).
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/**
 * Escape text for an HTML/XML text node or a quoted attribute value.
 * Hand-written: five fixed replacements, not worth a dependency; it also drops
 * C0 control characters, which XML (the map's SVG) does not allow at all.
 */
export function escapeHtml(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '')
}
