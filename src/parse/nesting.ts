/**
 * Guard before the Markdown parser: micromark's cost grows with the square of
 * container nesting on one line (5,000 nested `> ` take seconds) and remark-gfm's
 * recursive transforms overflow the stack on thousands of nested lists. Markers
 * beyond MAX_DEPTH on a line are escaped, so the rest reads as literal text.
 */
import type { Diagnostic } from '../records/types.ts'

export const MAX_DEPTH = 32

export interface Limited {
  text: string
  diagnostics: Diagnostic[]
}

/**
 * Escape container markers (`>`, `-`, `*`, `+`, `1.`) nested deeper than MAX_DEPTH on one line.
 * @param lineMap original line of each text line, for the diagnostic
 */
export function limitNesting(text: string, lineMap: readonly number[]): Limited {
  let parts: string[] | null = null
  let last = 0
  let first: { line: number; column: number } | null = null
  let count = 0
  let start = 0
  for (let index = 0; start <= text.length; index++) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const at = deepMarker(text, start, end)
    if (at !== -1) {
      parts ??= []
      parts.push(text.slice(last, at), '\\')
      last = at
      count++
      first ??= { line: lineMap[index] ?? index + 1, column: at - start + 1 }
    }
    if (end === text.length) break
    start = end + 1
  }
  if (!parts || !first) return { text, diagnostics: [] }
  parts.push(text.slice(last))
  return {
    text: parts.join(''),
    diagnostics: [{
      rule: 'markdown-nesting-limited',
      severity: 'warning',
      message: `${count} line(s) nest quotes or lists deeper than ${MAX_DEPTH} levels; deeper markers are kept as text`,
      line: first.line,
      column: first.column,
      hint: 'flatten the nested quotes or lists'
    }]
  }
}

/** Offset of the marker character to escape on line [start, end), or -1 when nesting is shallow. */
function deepMarker(text: string, start: number, end: number): number {
  let depth = 0
  let i = start
  while (i < end) {
    const c = text.charCodeAt(i)
    if (c === 32 || c === 9) { i++; continue }
    if (c === 62 /* > */) {
      if (++depth > MAX_DEPTH) return i
      i++
      continue
    }
    const next = text.charCodeAt(i + 1)
    if ((c === 45 || c === 42 || c === 43) && (next === 32 || next === 9)) {
      if (++depth > MAX_DEPTH) return i
      i += 2
      continue
    }
    if (c >= 48 && c <= 57) {
      let j = i
      while (j < end && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++
      const d = text.charCodeAt(j)
      const after = text.charCodeAt(j + 1)
      if ((d === 46 || d === 41) && (after === 32 || after === 9)) {
        if (++depth > MAX_DEPTH) return j
        i = j + 2
        continue
      }
    }
    return -1
  }
  return -1
}
