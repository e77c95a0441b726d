/**
 * Related records, two lists per record, computed once at build time from an
 * inverted index: the closest records (shared country, SDGs and the free-text
 * fields with a `related` weight in the registry), at most a few of them from
 * the record's own country; and the same topic elsewhere (shared SDGs and
 * tags only, from records filed under other countries). Rare shared values
 * weigh more (inverse frequency), and candidates are drawn from a record's
 * rarest values first with a fixed cap, so the whole pass stays linear in the
 * number of records. Each related record says what it shares.
 */
import { TERM_FIELDS } from '../records/fields.ts'
import { filedCountry, type ArchiveRecord } from '../records/types.ts'

export interface RelatedOptions {
  /** Records per list. */
  limit?: number
  /** Of the closest records, at most this many from the record's own country. */
  sameCountry?: number
  /** Candidates scored per record and list (bounds the work on very common values). */
  candidates?: number
}

/** One related record: its index, and the values it shares with the record, weightiest first. */
export interface RelatedLink {
  index: number
  because: string[]
}

export interface Related {
  closest: RelatedLink[]
  /** Records from other countries on the same topic; empty for a record with no country. */
  elsewhere: RelatedLink[]
}

/** The free-text fields that count (the registry's `related` weight), each as its search filter's name. */
export const COUNTED_TERMS = TERM_FIELDS.filter((f) => f.related > 0)

const FAMILY_WEIGHT: Record<string, number> = {
  // Once 2, which made 82% of related links point to the record's own country (#14).
  country: 1, sdg: 1, ...Object.fromEntries(COUNTED_TERMS.map((f) => [f.filter, f.related]))
}

/** The features of a record that relatedness counts, as `family:value` strings, with how each reads. */
function features(record: ArchiveRecord): Map<string, string> {
  const out = new Map<string, string>()
  const add = (id: string, label: string): void => void (out.has(id) || out.set(id, label))
  for (const c of record.countries) {
    const filed = filedCountry(c)
    add(`country:${filed?.iso3 ?? c.raw.toLowerCase()}`, filed?.name ?? c.name)
  }
  for (const s of record.sdgs) if (s.number !== null) add(`sdg:${s.number}`, `SDG ${s.number}`)
  for (const field of COUNTED_TERMS) for (const t of record[field.property]) add(`${field.filter}:${t.key}`, t.value)
  return out
}

/** The features of a record that relatedness counts, as `family:value` strings. */
export function relatedFeatures(record: ArchiveRecord): string[] {
  return [...features(record).keys()]
}

/** The inverted index: features as small integers, so scoring is array lookups rather than string hashing. */
function index(records: readonly ArchiveRecord[]) {
  const ids = new Map<string, number>()
  const labels: string[] = []
  const names: string[] = []
  const byRecord = records.map((record) => [...features(record)].map(([name, label]) => {
    let id = ids.get(name)
    if (id === undefined) {
      id = names.length
      ids.set(name, id)
      names.push(name)
      labels.push(label)
    }
    return id
  }))
  const members: number[][] = names.map(() => [])
  byRecord.forEach((list, i) => {
    for (const f of list) members[f]!.push(i)
  })
  const n = records.length
  const isCountry = names.map((name) => name.startsWith('country:'))
  const weights = names.map((name, id) => FAMILY_WEIGHT[name.slice(0, name.indexOf(':'))]! * Math.log(1 + n / members[id]!.length))
  return { names, labels, byRecord, members, isCountry, weights }
}

/**
 * For each record (by index), its closest records and the same topic elsewhere, best first.
 * @param records the records, in a stable order (ties go to the lower index)
 */
export function relatedRecords(records: readonly ArchiveRecord[], options: RelatedOptions = {}): Related[] {
  const limit = options.limit ?? 5
  const sameCountry = options.sameCountry ?? 3
  const cap = options.candidates ?? 150
  const { names, labels, byRecord, members, isCountry, weights } = index(records)
  // Per-record scratch: the weight of each of its features (0 when absent), and the candidates seen.
  const ownWeight = new Float64Array(names.length)
  const seen = new Uint8Array(records.length)

  /** Score the candidates drawn from `from` (rarest first); `skip` drops a record before scoring. */
  const rank = (i: number, from: number[], skip: (j: number) => boolean, countCountry: boolean) => {
    const byRarity = [...from].sort((a, b) => members[a]!.length - members[b]!.length || (names[a]! < names[b]! ? -1 : 1))
    const candidates: number[] = []
    for (const f of byRarity) {
      for (const j of members[f]!) {
        if (candidates.length >= cap) break
        if (j !== i && !seen[j] && !skip(j)) {
          seen[j] = 1
          candidates.push(j)
        }
      }
      if (candidates.length >= cap) break
    }
    const scored = candidates.map((j): [number, number, boolean] => {
      seen[j] = 0
      let score = 0
      let local = false
      for (const f of byRecord[j]!) {
        if (!ownWeight[f]) continue
        if (isCountry[f]) local = true
        if (countCountry || !isCountry[f]) score += ownWeight[f]!
      }
      return [j, score, local]
    })
    return scored.filter(([, score]) => score > 0).sort((a, b) => b[1] - a[1] || a[0] - b[0])
  }

  /** What j shares with the record being scored: its labels, weightiest first, three at most. */
  const because = (j: number, countCountry: boolean): string[] =>
    byRecord[j]!.filter((f) => ownWeight[f] && (countCountry || !isCountry[f]))
      .sort((a, b) => weights[b]! - weights[a]! || (names[a]! < names[b]! ? -1 : 1))
      .slice(0, 3)
      .map((f) => labels[f]!)

  return byRecord.map((own, i) => {
    for (const f of own) ownWeight[f] = weights[f]!
    const closest: RelatedLink[] = []
    let local = 0
    for (const [j, , isLocal] of rank(i, own, () => false, true)) {
      if (closest.length >= limit) break
      if (isLocal && local >= sameCountry) continue
      if (isLocal) local++
      closest.push({ index: j, because: because(j, true) })
    }
    const mine = own.filter((f) => isCountry[f])
    const taken = new Set(closest.map((r) => r.index))
    // Elsewhere: filed under a country, none of them this record's; sharing a topic, not only a country.
    const elsewhere = mine.length === 0 ? [] : rank(i, own.filter((f) => !isCountry[f]), (j) =>
      taken.has(j) || !byRecord[j]!.some((f) => isCountry[f]) || byRecord[j]!.some((f) => isCountry[f] && ownWeight[f]), false)
      .slice(0, limit)
      .map(([j]) => ({ index: j, because: because(j, false) }))
    for (const f of own) ownWeight[f] = 0
    return { closest, elsewhere }
  })
}
