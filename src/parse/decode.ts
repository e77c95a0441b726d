/**
 * Stage 1: bytes → text. Invalid UTF-8 becomes U+FFFD with a warning, a BOM
 * is dropped and CRLF / lone CR line ends become LF, so every later stage
 * sees one kind of line break and line numbers match the original file.
 */
import type { Diagnostic } from '../records/types.ts'

const strict = new TextDecoder('utf-8', { fatal: true })
const lenient = new TextDecoder('utf-8', { fatal: false })

export interface Decoded {
  text: string
  diagnostics: Diagnostic[]
}

/** Decode raw file bytes into LF-normalised text, never throwing. */
export function decode(bytes: Uint8Array): Decoded {
  const diagnostics: Diagnostic[] = []
  let text: string
  try {
    text = strict.decode(bytes)
  } catch {
    text = lenient.decode(bytes)
    const at = firstInvalidByte(bytes)
    const { line, column } = positionOfByte(bytes, at)
    diagnostics.push({
      rule: 'encoding-invalid-utf8',
      severity: 'warning',
      message: `invalid UTF-8 bytes replaced by U+FFFD (first at byte ${at})`,
      line,
      column,
      hint: 'save the file as UTF-8'
    })
  }
  // TextDecoder already strips a leading BOM (ignoreBOM: false); keep a guard for safety.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1)
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n')
  return { text, diagnostics }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]!
    let n = 0
    if (b < 0x80) { i++; continue }
    else if (b >= 0xc2 && b <= 0xdf) n = 1
    else if (b >= 0xe0 && b <= 0xef) n = 2
    else if (b >= 0xf0 && b <= 0xf4) n = 3
    else return i
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
    }
    // Overlongs and surrogates: TextDecoder rejects them too; report the lead byte.
    const c1 = bytes[i + 1]!
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i
    i += n + 1
  }
  return Math.max(0, bytes.length - 1)
}

/** 1-based line and character column of a byte offset (columns count decoded characters). */
function positionOfByte(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) { line++; lineStart = i + 1 }
  }
  const before = lenient.decode(bytes.subarray(lineStart, offset))
  const column = (before.charCodeAt(0) === 0xfeff && line === 1 ? before.length - 1 : before.length) + 1
  return { line, column }
}
