/**
 * The learning plan template carries the real form: the most common complete
 * sequence of `## ` sections and `> ` prompts among the corpus's learning plans.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import fg from 'fast-glob'
import { describe, expect, it } from 'vitest'
import { CORPUS, REPO } from '../../contrib/helpers.ts'
import { existsSync } from 'node:fs'

/** Fold what differs between copies of one form: typographic quotes, entities, spacing. */
function fold(text: string): string {
  return text
    .replace(/[“”„]/g, '"')
    .replace(/[‘’]/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The outline of a form: `## heading` lines and non-empty `> prompt` lines, in order. */
function outline(text: string): string[] {
  const out: string[] = []
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('## ')) out.push(`## ${fold(line.slice(3))}`)
    else if (line.startsWith('> ') && fold(line.slice(2))) out.push(`> ${fold(line.slice(2))}`)
  }
  return out
}

function mostCommon<T>(items: T[], key: (t: T) => string): T {
  const counts = new Map<string, { item: T; n: number }>()
  for (const item of items) {
    const k = key(item)
    const c = counts.get(k) ?? { item, n: 0 }
    c.n++
    counts.set(k, c)
  }
  return [...counts.values()].sort((a, b) => b.n - a.n)[0]!.item
}

const template = readFileSync(join(REPO, 'src/cli/scaffold/learningplan.md'), 'utf8')

describe('the learning plan template', () => {
  it('has the six sections of the seeds\' form, in order', () => {
    const seeds = fg.sync('content/plans/*.md', { cwd: REPO }).map((f) => outline(readFileSync(join(REPO, f), 'utf8')))
    const seedHeadings = seeds.map((o) => o.filter((l) => l.startsWith('## ')))
    const mine = outline(template).filter((l) => l.startsWith('## '))
    for (const headings of seedHeadings) expect([...new Set(headings)]).toEqual(mine)
  })

  it.skipIf(!existsSync(CORPUS))('equals the most common complete form among the corpus learning plans', () => {
    const plans = fg
      .sync('**/*.md', { cwd: CORPUS, dot: true })
      .map((f) => readFileSync(join(CORPUS, f), 'utf8'))
      .filter((t) => t.includes('[[type:learningplan]]'))
      .map(outline)
    expect(plans.length).toBeGreaterThan(900)
    const headingsOf = (o: string[]): string => o.filter((l) => l.startsWith('## ')).join('\n')
    const form = headingsOf(mostCommon(plans, headingsOf))
    const complete = plans.filter((o) => headingsOf(o) === form)
    const expected = mostCommon(complete, (o) => o.join('\n'))
    expect(outline(template)).toEqual(expected)
  })
})

if (!existsSync(CORPUS)) console.log(`[contrib] corpus form test skipped: ${CORPUS} is absent (it lives in ../shared beside the checkout)`)
