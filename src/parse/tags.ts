/**
 * Stage 5: `[[key:value]]` tags, found in ONE linear pass over the raw text
 * (not in the mdast, where remark-gfm turns a URL inside a tag into a link).
 * The same pass builds the body without tag lines and a map from body lines
 * back to original file lines. Hand-written rather than a regex so it stays
 * linear on 200,000 unclosed `[[` and skips fenced code (documentation, not metadata).
 */
import type { Diagnostic } from '../records/types.ts'

export interface Tag {
  /** Lower-cased key. */
  key: string
  /** Trimmed value, never empty. */
  value: string
  /** 1-based position of `[[` in the original file. */
  line: number
  column: number
}

export interface TagScan {
  tags: Tag[]
  /** The text with valid tags removed, and lines that held only tags dropped. */
  body: string
  /** `lineMap[i]` is the original 1-based line of body line `i + 1`. */
  lineMap: number[]
  diagnostics: Diagnostic[]
}

/** Most diagnostics of one rule listed per file; the rest are counted in one last message. */
const MAX_PER_RULE = 50
/** More unclosed `[[` than this on one line and the line becomes a code block in the body. */
const MAX_UNCLOSED_INLINE = 20
const KEY = /^[\p{L}\p{N}_.-]+$/u

/** Extract tags from `text` (the body after front matter, which started at `lineOffset` lines in). */
export function scanTags(text: string, lineOffset = 0): TagScan {
  const tags: Tag[] = []
  const out: string[] = []
  const lineMap: number[] = []
  const report = reporter()
  let fence: { char: string; size: number } | null = null
  let removedSinceKept = false
  let lastKeptBlank = true
  let start = 0
  let index = 0
  while (start <= text.length) {
    let end = text.indexOf('\n', start)
    if (end === -1) end = text.length
    const line = text.slice(start, end)
    const lineNo = lineOffset + index + 1
    let kept: string | null = line

    const marker = fenceMarker(line)
    if (fence) {
      if (marker && marker.char === fence.char && marker.size >= fence.size && marker.rest.trim() === '') fence = null
    } else if (marker && !(marker.char === '`' && marker.rest.includes('`'))) {
      fence = { char: marker.char, size: marker.size }
    } else if (line.includes('[[')) {
      const stats = { unclosed: 0 }
      kept = scanLine(line, lineNo, tags, report, stats)
      if (stats.unclosed > MAX_UNCLOSED_INLINE) {
        // Micromark needs seconds for one paragraph with thousands of brackets (even escaped):
        // such a line is garbage text, so it is kept verbatim as an indented code block.
        if (!lastKeptBlank) {
          out.push('')
          lineMap.push(lineNo)
        }
        kept = `    ${line}`
      }
    }

    const blank = kept !== null && kept.trim() === ''
    if (kept === null) {
      removedSinceKept = true
    } else if (blank && removedSinceKept && lastKeptBlank) {
      // Collapse the blank lines around removed tag lines into one.
    } else {
      out.push(kept)
      lineMap.push(lineNo)
      lastKeptBlank = blank
      removedSinceKept = false
    }
    if (end === text.length) break
    start = end + 1
    index++
  }
  return { tags, body: out.join('\n'), lineMap, diagnostics: report.done() }
}

/** Scan one line; returns the line without its valid tags (unclosed `[[` escaped), or null when nothing else was on it. */
function scanLine(line: string, lineNo: number, tags: Tag[], report: Reporter, stats: { unclosed: number }): string | null {
  const pieces: string[] = []
  let last = 0
  let found = 0
  let changed = false
  let close = -2
  // Unclosed `[[` are escaped in the body: micromark is quadratic on thousands of open label starts.
  const escape = (at: number): void => {
    // Past the limit the caller keeps the raw line as code: stop building the escaped copy.
    if (++stats.unclosed > MAX_UNCLOSED_INLINE) return
    pieces.push(line.slice(last, at), '\\[\\[')
    last = at + 2
    changed = true
  }
  let open = line.indexOf('[[')
  while (open !== -1) {
    if (close !== -1 && close < open + 2) close = line.indexOf(']]', open + 2)
    if (close === -1) {
      report('tag-unclosed', 'error', 'unclosed tag: `[[` without `]]` on the same line', lineNo, open + 1,
        'close the tag on the same line: `[[key:value]]`')
      escape(open)
      open = line.indexOf('[[', open + 2)
      continue
    }
    const inner = line.indexOf('[[', open + 2)
    if (inner !== -1 && inner < close) {
      report('tag-unclosed', 'error', 'unclosed tag: another `[[` starts before this one is closed', lineNo, open + 1,
        'close the tag on the same line: `[[key:value]]`')
      escape(open)
      open = inner
      continue
    }
    const content = line.slice(open + 2, close)
    const colon = content.indexOf(':')
    const key = colon === -1 ? '' : content.slice(0, colon).trim()
    const value = colon === -1 ? '' : content.slice(colon + 1).trim()
    if (colon === -1 || (key !== '' && !KEY.test(key))) {
      report('tag-malformed', 'error', `malformed tag \`[[${clip(content)}]]\`: expected \`[[key:value]]\``, lineNo, open + 1,
        'separate the key from the value with a colon, e.g. `[[country:Peru]]`')
    } else if (key === '') {
      report('tag-empty-key', 'error', `tag \`[[${clip(content)}]]\` has no key`, lineNo, open + 1,
        'write the key before the colon, e.g. `[[country:Peru]]`')
    } else if (value === '') {
      report('tag-empty-value', 'warning', `tag \`[[${clip(content)}]]\` has no value`, lineNo, open + 1,
        'write a value after the colon or remove the tag')
    } else {
      tags.push({ key: key.toLowerCase(), value, line: lineNo, column: open + 1 })
      pieces.push(line.slice(last, open))
      last = close + 2
      found++
    }
    open = line.indexOf('[[', close + 2)
  }
  if (found === 0 && !changed) return line
  pieces.push(line.slice(last))
  const rest = pieces.join('')
  return found > 0 && rest.trim() === '' ? null : rest
}

/** A fence opener/closer (up to 3 spaces, then 3+ backticks or tildes), or null. */
function fenceMarker(line: string): { char: string; size: number; rest: string } | null {
  let i = 0
  while (i < 3 && line[i] === ' ') i++
  const char = line[i]
  if (char !== '`' && char !== '~') return null
  let j = i
  while (line[j] === char) j++
  return j - i >= 3 ? { char, size: j - i, rest: line.slice(j) } : null
}

function clip(s: string): string {
  return s.length > 60 ? `${s.slice(0, 57)}…` : s
}

type Reporter = ((rule: string, severity: Diagnostic['severity'], message: string, line: number, column: number, hint: string) => void) & {
  done(): Diagnostic[]
}

/** Collect diagnostics, listing at most MAX_PER_RULE per rule and counting the rest. */
function reporter(): Reporter {
  const list: Diagnostic[] = []
  const counts = new Map<string, { n: number; first: Diagnostic | null }>()
  const fn = ((rule, severity, message, line, column, hint) => {
    const c = counts.get(rule) ?? { n: 0, first: null }
    counts.set(rule, c)
    c.n++
    if (c.n <= MAX_PER_RULE) list.push({ rule, severity, message, line, column, hint })
    else if (c.n === MAX_PER_RULE + 1) c.first = { rule, severity, message, line, column, hint }
  }) as Reporter
  fn.done = () => {
    for (const [, c] of counts) {
      if (c.first) list.push({ ...c.first, message: `${c.n - MAX_PER_RULE} more like this not listed, first: ${c.first.message}` })
    }
    return list
  }
  return fn
}
