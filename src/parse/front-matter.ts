/**
 * Stage 3: YAML front matter through gray-matter, with the `yaml` package as
 * its YAML engine (the one YAML parser of the project: the config, the
 * workflows' tests and the front matter all read YAML the same way). Broken
 * YAML is an error diagnostic and the body after the closing `---` is still
 * parsed; the number of lines consumed is kept so later positions stay in the original file.
 */
import matter from 'gray-matter'
import YAML from 'yaml'
import type { Diagnostic } from '../records/types.ts'

/**
 * YAML 1.2's core schema plus timestamps and `<<` merges, as js-yaml (gray-matter's
 * default engine) reads front matter: dates stay dates, `yes` stays a string.
 * yaml's own limit on alias expansion (maxAliasCount) stops "billion laughs" files.
 */
const ENGINES = {
  yaml: (text: string): object => YAML.parse(text, { customTags: ['timestamp'], merge: true }) as object
}

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
    // An options object keeps gray-matter from caching every file's text in memory.
    const parsed = matter(text.slice(0, block.bodyStart), { engines: ENGINES })
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
    const at = (error as { linePos?: [{ line: number; col: number }] }).linePos?.[0]
    const reason = ((error as Error).message ?? String(error)).replace(/ at line \d+, column \d+:[\s\S]*$/, '')
    return {
      data: {}, body, lineOffset,
      diagnostics: [{
        rule: 'front-matter-invalid',
        severity: 'error',
        message: `front matter is not valid YAML: ${reason}`,
        // gray-matter hands the engine the text after the opening `---` (starting with its
        // newline), so yaml's 1-based line is the file's line.
        line: Math.min(Math.max(1, at?.line ?? 1), lineOffset),
        column: at?.col ?? 1,
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
