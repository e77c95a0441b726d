/**
 * The linear EditMap.consume (src/parse/edit-map.ts) against micromark's own,
 * and the parser's time on the shapes that were quadratic.
 */
import { EditMap } from 'micromark-util-edit-map'
import { describe, expect, it } from 'vitest'
import { originalConsume, tailConsume } from '../../src/parse/edit-map.ts'
import { toMdast } from '../../src/parse/markdown.ts'

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Edit {
  at: number
  remove: number
  add: string[]
  before: boolean
}

/** Apply `edits` to a copy of `events` through an EditMap, consumed by `consume`. */
function apply(consume: typeof originalConsume, events: string[], edits: Edit[]): unknown[] {
  const map = new EditMap()
  for (const e of edits) {
    // EditMap merges edits at one index into the first one's array: give each run its own arrays.
    if (e.before) map.addBefore(e.at, e.remove, [...e.add] as never)
    else map.add(e.at, e.remove, [...e.add] as never)
  }
  const copy: unknown[] = [...events]
  consume.call(map, copy)
  return copy
}

describe('tailConsume', () => {
  it('gives the same events as micromark’s consume on random edit maps', () => {
    const next = random(42)
    let nonEmpty = 0
    for (let round = 0; round < 3000; round++) {
      const length = Math.floor(next() * 60)
      const events = Array.from({ length }, (_, i) => `e${i}`)
      const edits: Edit[] = Array.from({ length: Math.floor(next() * 5) }, (_, k) => ({
        at: Math.floor(next() * (length + 1)),
        remove: Math.floor(next() * 3),
        add: Array.from({ length: Math.floor(next() * 3) }, (_, j) => `a${k}.${j}`),
        before: next() < 0.3
      }))
      const expected = apply(originalConsume, events, edits)
      expect(apply(tailConsume, events, edits), `round ${round}: ${JSON.stringify(edits)}`).toEqual(expected)
      if (edits.length > 0) nonEmpty++
    }
    expect(nonEmpty).toBeGreaterThan(2000)
  })
})

describe('the parser stays linear on shapes micromark made quadratic', () => {
  // CPU time of this process (the cores are shared). Four times the input must cost
  // about four times the time; a quadratic parse costs sixteen (measured before the
  // fix: setext lines 21×, 7.4 s for 71 kB). 8× leaves room for noise.
  const cpu = (text: string): number => {
    const t = process.cpuUsage()
    toMdast(text)
    const used = process.cpuUsage(t)
    return (used.user + used.system) / 1000
  }
  const growth = (make: (n: number) => string, n: number): number => {
    cpu(make(n / 4))
    const small = Math.max(cpu(make(n)), 1)
    return cpu(make(4 * n)) / small
  }
  const shapes: Record<string, (n: number) => string> = {
    'setext headings, no blank lines': (n) => Array.from({ length: n }, (_, i) => `word ${i}\n-`).join('\n'),
    'setext headings between blank lines': (n) => Array.from({ length: n }, (_, i) => `word ${i}\n-\n`).join('\n'),
    'text extracted from a PDF, a letter per line': (n) =>
      Array.from({ length: n }, (_, i) => `${'information'.split('').join('\n')}\n${i % 5 === 0 ? '-\n' : ''}`).join('\n'),
    'numbered items with lazy lines': (n) => Array.from({ length: n }, (_, i) => `${(i % 9) + 1}. item ${i}\nlazy line\n`).join('\n')
  }
  for (const [name, make] of Object.entries(shapes)) {
    it(name, () => {
      expect(growth(make, 1500)).toBeLessThan(8)
    }, 60_000)
  }
})
