/**
 * Related records: a weighted overlap score over shared country, SDGs and the
 * free-text fields with a `related` weight in the registry, computed once at build time from an inverted
 * index. Rare shared values weigh more (inverse frequency), and candidates are
 * drawn from a record's rarest values first with a fixed cap, so the whole
 * pass stays linear in the number of records.
 */
import { TERM_FIELDS } from '../records/fields.ts'
import { filedCountry, type ArchiveRecord } from '../records/types.ts'

export interface RelatedOptions {
  /** Related records per record. */
  limit?: number
  /** Candidates scored per record (bounds the work on very common values). */
  candidates?: number
}

/** The free-text fields that count (the registry's `related` weight), each as its search filter's name. */
const COUNTED_TERMS = TERM_FIELDS.filter((f) => f.related > 0)

const FAMILY_WEIGHT: Record<string, number> = {
  country: 2, sdg: 1, ...Object.fromEntries(COUNTED_TERMS.map((f) => [f.filter, f.related]))
}

/** The features of a record that relatedness counts, as `family:value` strings. */
export function relatedFeatures(record: ArchiveRecord): string[] {
  const out = new Set<string>()
  for (const c of record.countries) out.add(`country:${filedCountry(c)?.iso3 ?? c.raw.toLowerCase()}`)
  for (const s of record.sdgs) if (s.number !== null) out.add(`sdg:${s.number}`)
  for (const field of COUNTED_TERMS) for (const t of record[field.property]) out.add(`${field.filter}:${t.key}`)
  return [...out]
}

/** For each record (by index), the indexes of its most related records, best first. */
export function relatedRecords(records: readonly ArchiveRecord[], options: RelatedOptions = {}): number[][] {
  const limit = options.limit ?? 5
  const cap = options.candidates ?? 150
  // Features as small integers, so scoring is array lookups rather than string hashing.
  const ids = new Map<string, number>()
  const names: string[] = []
  const features = records.map((record) =>
    relatedFeatures(record).map((f) => {
      let id = ids.get(f)
      if (id === undefined) {
        id = names.length
        ids.set(f, id)
        names.push(f)
      }
      return id
    })
  )
  const members: number[][] = names.map(() => [])
  features.forEach((list, i) => {
    for (const f of list) members[f]!.push(i)
  })
  const n = records.length
  const weights = names.map((f, id) => {
    const family = f.slice(0, f.indexOf(':'))
    return FAMILY_WEIGHT[family]! * Math.log(1 + n / members[id]!.length)
  })

  // Per-record scratch: the weight of each of its features (0 when absent), and the candidates seen.
  const ownWeight = new Float64Array(names.length)
  const seen = new Uint8Array(n)
  return features.map((own, i) => {
    for (const f of own) ownWeight[f] = weights[f]!
    // Rarest values first: they say most about the record and have the smallest groups.
    const byRarity = [...own].sort((a, b) => members[a]!.length - members[b]!.length || (names[a]! < names[b]! ? -1 : 1))
    const candidates: number[] = []
    for (const f of byRarity) {
      for (const j of members[f]!) {
        if (candidates.length >= cap) break
        if (j !== i && !seen[j]) {
          seen[j] = 1
          candidates.push(j)
        }
      }
      if (candidates.length >= cap) break
    }
    const scored: Array<[number, number]> = []
    for (const j of candidates) {
      let score = 0
      for (const f of features[j]!) score += ownWeight[f]!
      scored.push([j, score])
      seen[j] = 0
    }
    for (const f of own) ownWeight[f] = 0
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0])
    return scored.slice(0, limit).map(([j]) => j)
  })
}
