/**
 * A tiny stand-in for `parseFile`, so the loader's pool and cache can be
 * tested without the real parser: the title is the first `# ` line, and
 * marker words make it throw (`CRASH`), kill its thread (`EXIT`) or lift an
 * asset (`ASSET`).
 */
import { createHash } from 'node:crypto'
import type { Root } from 'mdast'
import type { ParseInput, ParseResult } from '../../src/parse/contract.ts'
import type { ArchiveRecord, RecordId } from '../../src/records/types.ts'
import { emptyFields } from '../../src/records/fields.ts'

export function parseFile(input: ParseInput): ParseResult {
  const text = Buffer.from(input.bytes).toString('utf8')
  if (text.includes('CRASH')) throw new Error('fake parser crashed')
  if (text.includes('EXIT')) process.exit(3)
  const title = /^# (.+)$/m.exec(text)?.[1] ?? input.path
  const sha256 = createHash('sha256').update(input.bytes).digest('hex')
  const record = {
    // Every field of the registry, empty; the ones below set.
    ...emptyFields(),
    id: input.path.replace(/\.md$/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase() as RecordId,
    ...(input.path.startsWith('frameworks/') ? { kind: 'framework', type: 'framework' } : { kind: 'other', type: 'solution' }),
    source: { path: input.path, sha256 },
    title,
    year: null,
    date: null,
    countries: [],
    locations: [],
    sdgs: [],
    methods: [],
    datasources: [],
    thematicAreas: [],
    focalPoints: [],
    tags: {},
    frontMatter: {},
    language: 'und',
    languages: [],
    body: text,
    sections: [],
    assets: [],
    diagnostics: []
  } as ArchiveRecord
  const assets = text.includes('ASSET') ? [{ name: `${sha256.slice(0, 12)}.png`, mime: 'image/png', data: new Uint8Array([1, 2, 3]) }] : []
  const tree: Root = { type: 'root', children: [] }
  return { record, tree, assets }
}

export function renderBody(_tree: Root, record: ArchiveRecord): string {
  return `<h1>${record.title}</h1>`
}
