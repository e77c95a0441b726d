/**
 * Escaping for text we write into HTML or SVG ourselves (not through hast), and
 * the decoding of character references in HTML we wrote (templates, rehype).
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

/** The named references our templates and rehype write; others stay as written. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' }

/**
 * Decode character references (`&amp;`, `&#39;`, `&#x21;`) as an HTML parser would for the
 * references our own output holds; an unknown name or a code point Unicode lacks stays as written.
 */
export function decodeReferences(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (whole, dec?: string, hex?: string, name?: string) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole
    const code = dec ? Number(dec) : parseInt(hex!, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}
