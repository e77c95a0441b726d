/**
 * Stage 3: YAML front matter through gray-matter. Broken YAML is an error
 * diagnostic and the body after the closing `---` is still parsed; the
 * number of lines consumed is kept so later positions stay in the original file.
 */
import matter from 'gray-matter'
import type { Diagnostic } from '../records/types.ts'

export interface FrontMatter {
  data: Record<string, unknown>
  body: string
  /** Lines of the original text before `body` (0 when there is no front matter). */
  lineOffset: number
  diagnostics: Diagnostic[]
}

/** Split `---` front matter from the text and parse it; never throws. */
export function splitFrontMatter(text: string): FrontMatter {
  const block = findBlock(text)
  if (!block) return { data: {}, body: text, lineOffset: 0, diagnostics: [] }
  const body = text.slice(block.bodyStart)
  const lineOffset = countLines(text, block.bodyStart)
  try {
    // An options object (even empty) keeps gray-matter from caching every file's text in memory.
    const parsed = matter(text.slice(0, block.bodyStart), {})
    const data = parsed.data as unknown
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      return {
        data: {}, body, lineOffset,
        diagnostics: [{
          rule: 'front-matter-invalid', severity: 'error', line: 2, column: 1,
          message: 'front matter is not a YAML mapping of keys to values',
          hint: 'write `key: value` lines between the two `---` lines'
        }]
      }
    }
    // Through JSON so dates become ISO strings and the record stays plain JSON.
    return { data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>, body, lineOffset, diagnostics: [] }
  } catch (error) {
    const mark = (error as { mark?: { line?: number; column?: number } }).mark
    const reason = (error as { reason?: string }).reason ?? (error as Error).message ?? String(error)
    return {
      data: {}, body, lineOffset,
      diagnostics: [{
        rule: 'front-matter-invalid',
        severity: 'error',
        message: `front matter is not valid YAML: ${reason}`,
        // gray-matter hands js-yaml the text after the opening `---` (starting with its newline),
        // so js-yaml's 0-based line is the file's 1-based line.
        line: Math.min(Math.max(1, (mark?.line ?? 1)), lineOffset),
        column: (mark?.column ?? 0) + 1,
        hint: 'fix the YAML between the `---` lines (quote values that contain `:` or start with `[`)'
      }]
    }
  }
}

/** The `---` … `---` block at the very start of the text, or null. */
function findBlock(text: string): { bodyStart: number } | null {
  const firstEnd = text.indexOf('\n')
  if (firstEnd === -1 || text.slice(0, firstEnd).trimEnd() !== '---') return null
  let at = firstEnd
  while (at !== -1) {
    const lineStart = at + 1
    const lineEnd = text.indexOf('\n', lineStart)
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd)
    if (line.trimEnd() === '---') {
      return { bodyStart: lineEnd === -1 ? text.length : lineEnd + 1 }
    }
    at = lineEnd
  }
  return null
}

function countLines(text: string, end: number): number {
  let n = 0
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++
  return n
}
