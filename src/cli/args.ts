/**
 * Argument parsing shared by every command: node's `parseArgs`, strict, with
 * its errors turned into one-line UserErrors that suggest the option meant
 * ("did you mean --out?") and end with the command's usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { closest, distance } from 'fastest-levenshtein'
import { UserError } from '../records/errors.ts'

type Options = NonNullable<ParseArgsConfig['options']>

/** The closest of `candidates` to `typed`, when it is close enough to be a typo. */
export function didYouMean(typed: string, candidates: readonly string[]): string | null {
  if (candidates.length === 0) return null
  const best = closest(typed, candidates as string[])
  // Half the longer word, at least 1 and at most 3 edits: "ot" → "out", "titel" → "title" (a
  // swap is two edits), not "x" → "json".
  const limit = Math.min(3, Math.max(1, Math.floor(Math.max(typed.length, best.length) / 2)))
  return distance(typed, best) <= limit || best.startsWith(typed) ? best : null
}

/** `node:util` parseArgs's message for an unknown or malformed option, rewritten for people. */
function explain(error: Error & { code?: string }, options: Options): string {
  const unknown = /Unknown option '(-{1,2}[^']+)'/.exec(error.message)
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && unknown) {
    const typed = unknown[1]!.replace(/^-+/, '').split('=')[0]!
    const names = Object.keys(options)
    const guess = didYouMean(typed, names)
    return `unknown option ${unknown[1]}${guess ? ` (did you mean --${guess}?)` : ''}`
  }
  return error.message.replace(/\. To specify a positional argument.*$/s, '')
}

/**
 * Parse a command's arguments strictly.
 * @throws UserError naming the bad option, a suggestion and the usage text
 */
export function parseCommandArgs<T extends Options>(command: string, argv: string[], options: T, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true })
  } catch (error) {
    throw new UserError(`plan-archive ${command}: ${explain(error as Error, options)}\n\n${usage}`)
  }
}
