/**
 * Related records: a weighted overlap score over shared country, SDGs,
 * methods and thematic areas, computed once at build time from an inverted
 * index. Rare shared values weigh more (inverse frequency), and candidates are
 * drawn from a record's rarest values first with a fixed cap, so the whole
 * pass stays linear in the number of records.
 */
import type { ArchiveRecord } from '../records/types.ts'

export interface RelatedOptions {
  /** Related records per record. */
  limit?: number
  /** Candidates scored per record (bounds the work on very common values). */
  candidates?: number
}

const FAMILY_WEIGHT = { country: 2, thematic: 1.5, method: 1, sdg: 1 } as const

/** The features of a record that relatedness counts, as `family:value` strings. */
export function relatedFeatures(record: ArchiveRecord): string[] {
  const out = new Set<string>()
  for (const c of record.countries) out.add(`country:${c.iso3 ?? c.raw.toLowerCase()}`)
  for (const s of record.sdgs) if (s.number !== null) out.add(`sdg:${s.number}`)
  for (const m of record.methods) out.add(`method:${m.key}`)
  for (const t of record.thematicAreas) out.add(`thematic:${t.key}`)
  return [...out]
}

/** For each record (by index), the indexes of its most related records, best first. */
export function relatedRecords(records: readonly ArchiveRecord[], options: RelatedOptions = {}): number[][] {
  const limit = options.limit ?? 5
  const cap = options.candidates ?? 150
  const features = records.map(relatedFeatures)
  const members = new Map<string, number[]>()
  features.forEach((list, i) => {
    for (const f of list) {
      let group = members.get(f)
      if (!group) members.set(f, (group = []))
      group.push(i)
    }
  })
  const n = records.length
  const weight = (f: string): number => {
    const family = f.slice(0, f.indexOf(':')) as keyof typeof FAMILY_WEIGHT
    const size = members.get(f)?.length ?? 1
    return FAMILY_WEIGHT[family] * Math.log(1 + n / size)
  }
  const weights = new Map<string, number>()
  for (const f of members.keys()) weights.set(f, weight(f))

  return features.map((own, i) => {
    const ownSet = new Set(own)
    // Rarest values first: they say most about the record and have the smallest groups.
    const byRarity = [...own].sort((a, b) => (members.get(a)!.length - members.get(b)!.length) || (a < b ? -1 : 1))
    const candidates = new Set<number>()
    for (const f of byRarity) {
      for (const j of members.get(f)!) {
        if (candidates.size >= cap) break
        if (j !== i) candidates.add(j)
      }
      if (candidates.size >= cap) break
    }
    const scored: Array<[number, number]> = []
    for (const j of candidates) {
      let score = 0
      for (const f of features[j]!) if (ownSet.has(f)) score += weights.get(f)!
      scored.push([j, score])
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0])
    return scored.slice(0, limit).map(([j]) => j)
  })
}
