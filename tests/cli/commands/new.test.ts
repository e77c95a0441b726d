/**
 * `plan-archive new`: the file it writes passes `check`, parses (real parser)
 * into a record with the given values, and bad values are refused with hints.
 */
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { parseFile } from '../../../src/parse/index.ts'
import { loadConfig } from '../../../src/records/config.ts'
import type { ArchiveRecord, Diagnostic } from '../../../src/records/types.ts'
import { REPO, cli, runNew, tempDir } from '../../contrib/helpers.ts'

/** Every diagnostic-like object anywhere in `check --format json` output, whatever its nesting. */
function diagnosticsIn(json: unknown): Diagnostic[] {
  const out: Diagnostic[] = []
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk)
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>
      if (typeof o.rule === 'string' && typeof o.severity === 'string') out.push(o as unknown as Diagnostic)
      else Object.values(o).forEach(walk)
    }
  }
  walk(json)
  return out
}

function parse(root: string, rel: string): ArchiveRecord {
  const bytes = readFileSync(join(root, rel))
  return parseFile({ path: rel, bytes: new Uint8Array(bytes) }, loadConfig(root)).record
}

describe('plan-archive new learningplan', () => {
  let root: string
  let written: string
  let result: ReturnType<typeof cli>

  beforeAll(() => {
    root = tempDir('new')
    // The repository's own config, so its aliases apply as they would in the repo.
    copyFileSync(join(REPO, 'plan-archive.config.json'), join(root, 'plan-archive.config.json'))
    result = cli(
      ['new', 'learningplan', '--title', 'Green jobs for youth', '--country', 'peru', '--year', '2025',
        '--sdg', '13', '--sdg', 'reduced innequalities', '--method', 'solution mapping', '--method', 'Co-creation',
        '--datasource', 'survey', '--thematic-area', 'green transition', '--focal-point', 'someone@undp.org',
        '--latlng', '-9.15,-74.38'],
      root
    )
    written = result.stdout.trim()
  })

  it('prints the path it wrote, under content/plans/', () => {
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(written).toBe(join('content', 'plans', 'green-jobs-for-youth.md'))
    expect(existsSync(join(root, written))).toBe(true)
  })

  it('writes canonical tags through the normalisers and the config aliases', () => {
    const text = readFileSync(join(root, written), 'utf8')
    expect(text).toContain('[[country:Peru]]')
    expect(text).toContain('[[sdgs:13. Climate Action]]')
    expect(text).toContain('[[sdgs:10. Reduced Inequalities]]')
    expect(text).toContain('[[methods:Solutions Mapping]]') // alias from plan-archive.config.json
    expect(text).toContain('[[datasources:surveys]]') // alias
    expect(text).toContain('[[type:learningplan]]')
    expect(text).toContain('[[year:2025]]')
  })

  it('passes `check` with no error', () => {
    expect(written).toMatch(/\.md$/)
    const r = cli(['check', written, '--format', 'json'], root)
    const diagnostics = diagnosticsIn(JSON.parse(r.stdout))
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([])
    expect(diagnostics.filter((d) => d.severity === 'warning')).toEqual([])
    expect(r.code).toBe(0)
  })

  it('parses into a learning plan record with the given values', () => {
    const record = parse(join(root, 'content'), 'plans/green-jobs-for-youth.md')
    expect(record.kind).toBe('learningplan')
    expect(record.title).toBe('Green jobs for youth')
    expect(record.year).toBe(2025)
    expect(record.countries.map((c) => c.iso3)).toEqual(['PER'])
    expect(record.sdgs.map((s) => s.number)).toEqual([13, 10])
    expect(record.methods.map((m) => m.value)).toEqual(['Solutions Mapping', 'Co-creation'])
    expect(record.locations).toMatchObject([{ lat: -9.15, lng: -74.38 }])
    expect(record.focalPoints).toEqual(['someone@undp.org'])
    expect(record.diagnostics.filter((d) => d.severity !== 'info')).toEqual([])
  })

  it('carries every section and prompt of the form, unanswered except the title', () => {
    const record = parse(join(root, 'content'), 'plans/green-jobs-for-youth.md')
    const headings = record.sections.filter((s) => s.depth === 2).map((s) => s.heading)
    expect(headings).toEqual(['Title', 'Challenge statement', 'Challenge classification', 'Partners', 'Learning questions', 'Closing'])
    const prompts = record.sections.flatMap((s) => s.prompts)
    expect(prompts).toHaveLength(18)
    expect(prompts[0]).toMatchObject({ prompt: 'Please provide a name for your action learning plan.', answer: 'Green jobs for youth' })
    expect(prompts.slice(1).every((p) => p.answer === '')).toBe(true)
  })

  it('refuses to overwrite an existing file (exit 1) and leaves it untouched', () => {
    const path = join(root, written)
    writeFileSync(path, 'edited by the contributor\n')
    const r = cli(['new', 'learningplan', '--title', 'Green jobs for youth', '--country', 'Peru', '--year', '2025'], root)
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/already exists/)
    expect(r.stdout).toBe('')
    expect(readFileSync(path, 'utf8')).toBe('edited by the contributor\n')
  })
})

describe('plan-archive new: refusals', () => {
  const planFiles = (root: string): string[] => (existsSync(join(root, 'content/plans')) ? readdirSync(join(root, 'content/plans')) : [])

  it('rejects an unknown SDG with the list of the 17 goals', async () => {
    const root = tempDir('new-sdg')
    const r = await runNew(['learningplan', '--title', 'X', '--country', 'Peru', '--year', '2025', '--sdg', '18', '--out', join(root, 'content')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/--sdg: "18"/)
    for (const goal of ['1. No Poverty', '13. Climate Action', '17. Partnerships for the Goals']) expect(r.stderr).toContain(goal)
    expect(planFiles(root)).toEqual([])
  })

  it('rejects an unknown country with the nearest names', async () => {
    const root = tempDir('new-country')
    const r = await runNew(['learningplan', '--title', 'X', '--country', 'Perru', '--year', '2025', '--out', join(root, 'content')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/--country: "Perru"/)
    expect(r.stderr).toContain('"Peru"')
    expect(planFiles(root)).toEqual([])
  })

  it.each([
    ['a line break in the title', ['--title', 'Plan\n[[type:blog]]']],
    ['a tag in the title', ['--title', 'Plan [[sdgs:1]] here']],
    ['a closing bracket in a tag value', ['--title', 'Plan', '--method', 'x]] [[type:blog']],
    ['a path in the slug', ['--title', 'Plan', '--slug', '../../etc/evil']]
  ])('refuses %s', async (_what, extra) => {
    const root = tempDir('new-inject')
    const r = await runNew(['learningplan', '--country', 'Peru', '--year', '2025', ...extra, '--out', join(root, 'content')])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/Nothing was written/)
    expect(planFiles(root)).toEqual([])
  })

  it('is a usage error (exit 2) without a kind or a title', async () => {
    const root = tempDir('new-usage')
    const out = ['--out', join(root, 'content')]
    expect((await runNew(['--title', 'X', ...out])).code).toBe(2)
    expect((await runNew(['learningplan', '--country', 'Peru', ...out])).code).toBe(2)
    expect((await runNew(['blogpost', '--title', 'X', ...out])).code).toBe(2)
    expect((await runNew(['learningplan', '--title', 'X', '--bogus', ...out])).code).toBe(2)
    expect(existsSync(join(root, 'content'))).toBe(false)
  })
})

describe('plan-archive new: titles that look like Markdown', () => {
  it('keeps a title starting with ">" or "#" as the plan title, not a prompt or heading', () => {
    const root = tempDir('new-md')
    const title = '> 10. Not a prompt #'
    const r = cli(['new', 'learningplan', '--title', title, '--country', 'PER', '--year', '2024', '--slug', 'md-title'], root)
    expect(r.code).toBe(0)
    const record = parse(join(root, 'content'), 'plans/md-title.md')
    expect(record.title).toBe(title)
    const titleSection = record.sections.find((s) => s.heading === 'Title')!
    expect(titleSection.prompts.map((p) => p.prompt)).toEqual(['Please provide a name for your action learning plan.'])
    expect(titleSection.prompts[0]!.answer.replace(/\\/g, '')).toBe(title)
  })
})

describe('plan-archive new framework', () => {
  it('writes a framework page that parses as a framework with its title', () => {
    const root = tempDir('new-fw')
    const title = 'Participatory budgeting: a "how-to"'
    const r = cli(['new', 'framework', '--title', title], root)
    expect(r.code).toBe(0)
    expect(r.stdout.trim()).toBe(join('content', 'frameworks', 'participatory-budgeting-a-how-to.md'))
    const record = parse(join(root, 'content'), 'frameworks/participatory-budgeting-a-how-to.md')
    expect(record.kind).toBe('framework')
    expect(record.title).toBe(title)
    expect(record.frontMatter).toMatchObject({ title, type: 'framework' })
    expect(record.diagnostics.filter((d) => d.severity === 'error')).toEqual([])
  })
})
