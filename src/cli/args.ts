/**
 * Argument parsing shared by every command: node's `parseArgs`, strict, with
 * its errors turned into one-line UserErrors that suggest the option meant
 * ("did you mean --out?") and end with the command's usage.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { UserError } from '../records/errors.ts'
import { didYouMean } from '../records/suggest.ts'

// The commands import the one "did you mean" from here, with the argument parsing.
export { didYouMean }

type Options = NonNullable<ParseArgsConfig['options']>

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
