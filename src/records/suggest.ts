/**
 * The project's one "did you mean": the name a user most likely meant when they
 * typed one that does not exist (a command, an option, a config key, a rule id,
 * a rule setting). Edit distance comes from fastest-levenshtein; what is written
 * here is only the judgement of what is near enough to suggest.
 */
import { distance } from 'fastest-levenshtein'

/** `tagMalformed`, `tag_malformed`, `malformed-tag` → `malformed-tag`: word order, case and separators ignored. */
function words(s: string): string {
  return s.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().split(/[-_\s.]+/).filter(Boolean).sort().join('-')
}

/** Edits from `typed` to `candidate`, ignoring case, and also ignoring separators and word order. */
function edits(typed: string, candidate: string): number {
  return Math.min(distance(typed.toLowerCase(), candidate.toLowerCase()), distance(words(typed), words(candidate)))
}

/**
 * How many edits still read as a typo: half the longer word, at least 1 (so "ot" → "out"; a swap
 * such as "titel" → "title" is two edits) but not "x" → "json"; for long names a quarter of their
 * length, at least 3, so a rule id with a few slips is still recognised.
 */
function limit(a: string, b: string): number {
  const length = Math.max(a.length, b.length)
  return Math.min(Math.max(1, Math.floor(length / 2)), Math.max(3, Math.floor(length / 4)))
}

/**
 * The one of `candidates` that `typed` most likely means: the nearest in edit distance when near
 * enough to be a typo, else the only candidate that `typed` begins (`pub` → `publishEmails`).
 * @returns the candidate as written in `candidates`, or undefined when none is a likely meaning
 */
export function didYouMean(typed: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined
  let bestEdits = Infinity
  for (const candidate of candidates) {
    const d = edits(typed, candidate)
    if (d < bestEdits) {
      best = candidate
      bestEdits = d
    }
  }
  if (best !== undefined && bestEdits <= limit(typed, best)) return best
  const prefix = typed.toLowerCase()
  const starting = prefix === '' ? [] : candidates.filter((c) => c.toLowerCase().startsWith(prefix))
  return starting.length === 1 ? starting[0] : undefined
}
