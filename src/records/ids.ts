/**
 * Record ids: a URL-safe slug of the file name, made unique across the corpus
 * from the paths alone (never from listing order).
 */
import { createHash } from 'node:crypto'
import slugify from '@sindresorhus/slugify'
import type { Config } from './config.ts'
import { applyRules } from './rules.ts'
import type { ArchiveRecord, Diagnostic, RecordId } from './types.ts'

/** The slug of a content path: its file name without extension, ASCII, lower-case; `untitled` when empty. */
export function slugForPath(path: string): RecordId {
  const name = path.slice(path.lastIndexOf('/') + 1)
  const stem = /\.(md|markdown)$/i.test(name) ? name.replace(/\.(md|markdown)$/i, '') : name.replace(/\.[^.]*$/, '')
  const slug = slugify(stem.normalize('NFC'))
  return (slug || 'untitled') as RecordId
}

/**
 * Give every record a unique id: among records sharing a slug, the smallest path
 * (code-point order) keeps it and the others get `-<6 hex of sha256(path)>`,
 * each with an `id-collision` warning naming the file that kept the slug. The
 * warning only exists once the whole corpus is known, so the config's `rules`
 * are applied to it here (the parser applied them to every other diagnostic).
 */
export function assignUniqueIds(records: ArchiveRecord[], rules: Config['rules'] = {}): void {
  const groups = new Map<string, ArchiveRecord[]>()
  for (const record of records) {
    const slug = slugForPath(record.source.path)
    const group = groups.get(slug)
    if (group) group.push(record)
    else groups.set(slug, [record])
  }
  const taken = new Set(groups.keys())
  for (const slug of [...groups.keys()].sort(byCodePoint)) {
    const group = groups.get(slug)!.sort((a, b) => byCodePoint(a.source.path, b.source.path))
    const keeper = group[0]!
    keeper.id = slug as RecordId
    for (const record of group.slice(1)) {
      const hash = createHash('sha256').update(record.source.path).digest('hex')
      let size = 6
      let id = `${slug}-${hash.slice(0, size)}`
      while (taken.has(id) && size < hash.length) id = `${slug}-${hash.slice(0, ++size)}`
      taken.add(id)
      record.id = id as RecordId
      const collision: Diagnostic = {
        rule: 'id-collision',
        severity: 'warning',
        message: `id "${slug}" is also the id of ${keeper.source.path}; this file gets "${id}"`,
        line: 1,
        column: 1,
        hint: 'rename one of the files so their names differ by more than case, spaces or accents'
      }
      record.diagnostics = applyRules([...record.diagnostics, collision], rules)
    }
  }
}

/** Compare by Unicode code points (not UTF-16 units, not locale). */
function byCodePoint(a: string, b: string): number {
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!
    if (d !== 0) return d
  }
  return x.length - y.length
}
