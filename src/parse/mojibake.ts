/**
 * Stage 2: repair UTF-8 text that was once decoded as Mac-Roman and saved
 * again (`‚Äô` for ’, `¬†` for a no-break space, `√©` for é), as found in
 * the corpus. Suspicious sequences are re-encoded with iconv-lite's
 * `macintosh` codec and decoded as UTF-8; a repair is kept only when that is
 * valid UTF-8. Which characters are "suspicious" is derived from iconv-lite,
 * not from a hand table.
 */
import iconv from 'iconv-lite'
import type { Diagnostic } from '../records/types.ts'

const strict = new TextDecoder('utf-8', { fatal: true })

/** Mac-Roman byte (0x80–0xFF) of each character that iconv-lite decodes from one. */
const macByte = new Map<number, number>()
{
  const high = new Uint8Array(128).map((_, i) => 0x80 + i)
  const chars = iconv.decode(Buffer.from(high), 'macintosh')
  for (let i = 0; i < chars.length; i++) macByte.set(chars.charCodeAt(i), 0x80 + i)
}

export interface Repaired {
  text: string
  /** Number of sequences repaired. */
  count: number
  diagnostics: Diagnostic[]
}

interface Candidate { start: number; end: number; lead: number; fixed: string }

/** Repair Mac-Roman mojibake of UTF-8 in one linear pass; returns the text unchanged when none. */
export function repairMojibake(text: string): Repaired {
  const found: Candidate[] = []
  const n = text.length
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i)
    if (code < 0x80) continue
    const lead = macByte.get(code)
    if (lead === undefined || lead < 0xc2 || lead > 0xf4) continue
    const need = lead >= 0xf0 ? 3 : lead >= 0xe0 ? 2 : 1
    if (i + need >= n) continue
    let ok = true
    for (let k = 1; k <= need; k++) {
      const b = macByte.get(text.charCodeAt(i + k))
      if (b === undefined || b > 0xbf) { ok = false; break }
    }
    if (!ok) continue
    const seq = text.slice(i, i + need + 1)
    let fixed: string
    try {
      fixed = strict.decode(iconv.encode(seq, 'macintosh'))
    } catch {
      continue
    }
    found.push({ start: i, end: i + need + 1, lead, fixed })
    i += need
  }
  if (found.length === 0) return { text, count: 0, diagnostics: [] }

  // A lone two-byte sequence outside ¬/√ (U+0080–U+00FF) is too likely to be real text
  // (`—é`, a no-break space before `à`): keep it only inside a run of repairs (Arabic, Cyrillic…).
  const accepted = found.filter((c, k) => {
    if (c.end - c.start > 2 || c.lead === 0xc2 || c.lead === 0xc3) return true
    return found[k - 1]?.end === c.start || found[k + 1]?.start === c.end
  })
  if (accepted.length === 0) return { text, count: 0, diagnostics: [] }

  const parts: string[] = []
  let last = 0
  for (const c of accepted) {
    parts.push(text.slice(last, c.start), c.fixed)
    last = c.end
  }
  parts.push(text.slice(last))
  const first = accepted[0]!
  const { line, column } = positionOf(text, first.start)
  return {
    text: parts.join(''),
    count: accepted.length,
    diagnostics: [{
      rule: 'encoding-mojibake-repaired',
      severity: 'info',
      message: `repaired ${accepted.length} Mac-Roman mojibake sequence(s), first "${text.slice(first.start, first.end)}" → "${first.fixed}"`,
      line,
      column,
      hint: 'save the file again as UTF-8 with the intended characters'
    }]
  }
}

function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  let at = text.indexOf('\n')
  while (at !== -1 && at < offset) {
    line++
    lineStart = at + 1
    at = text.indexOf('\n', lineStart)
  }
  return { line, column: offset - lineStart + 1 }
}
