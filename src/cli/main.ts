/**
 * The `plan-archive` command line: a small registry of commands, each loaded
 * only when asked for, so `check` never pays for loading Eleventy.
 */
import { readFileSync } from 'node:fs'
import { isUserError } from '../records/errors.ts'
import { didYouMean } from './args.ts'
import type { Command } from './command.ts'

/** Every command, in the order `--help` lists them; loaded lazily. */
export const commands: Record<string, () => Promise<Command>> = {
  parse: () => import('./commands/parse.ts'),
  check: () => import('./commands/check.ts'),
  build: () => import('./commands/build.ts'),
  serve: () => import('./commands/serve.ts'),
  new: () => import('./commands/new.ts')
}

async function usage(): Promise<string> {
  const lines = ['Usage: plan-archive <command> [options]', '', 'Commands:']
  for (const [name, load] of Object.entries(commands)) {
    let summary: string
    try {
      summary = (await load()).summary
    } catch (error) {
      summary = `(unavailable: ${(error as Error).message.split('\n')[0]})`
    }
    lines.push(`  ${name.padEnd(8)} ${summary}`)
  }
  lines.push('', 'Options: --version, --help, --debug (the stack trace of an internal error).')
  lines.push('Run `plan-archive <command> --help` for the options of one command.')
  return lines.join('\n')
}

/** The package's version, from its own package.json (wherever the package is installed). */
export function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
  return pkg.version
}

/**
 * What escaped a command: a UserError (an option, a folder, the config) is the
 * user's to fix and prints its message alone, exit 2; anything else is a bug or
 * the environment (disk, permissions): a short message, the stack with --debug, exit 3.
 */
function report(name: string, error: unknown, debug: boolean): number {
  if (isUserError(error)) {
    const message = (error as Error).message
    process.stderr.write(`${message.startsWith('plan-archive') ? '' : `plan-archive ${name}: `}${message}
`)
    return 2
  }
  const detail = debug ? (error as Error)?.stack ?? String(error) : `${(error as Error)?.message ?? String(error)}\n(run again with --debug for the stack trace)`
  process.stderr.write(`plan-archive ${name}: internal error: ${detail}\n`)
  return 3
}

/**
 * Run the command line.
 * @param argv the arguments after `node plan-archive.js`, e.g. `['check', 'content/']`;
 *   `--debug` anywhere prints the stack of an internal error
 * @returns the process exit code (0 ok, 1 problems found, 2 usage or input error, 3 internal error)
 */
export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug') || Boolean(process.env.PLAN_ARCHIVE_DEBUG)
  const [name, ...rest] = argv.filter((arg) => arg !== '--debug')
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${version()}\n`)
    return 0
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const text = await usage()
    if (name === undefined) {
      process.stderr.write(`${text}\n`)
      return 2
    }
    process.stdout.write(`${text}\n`)
    return 0
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined
  if (!load) {
    const guess = didYouMean(name.replace(/^-+/, ''), Object.keys(commands))
    const hint = name.startsWith('-') ? '' : guess ? ` (did you mean "${guess}"?)` : ''
    process.stderr.write(`plan-archive: unknown ${name.startsWith('-') ? 'option' : 'command'} "${name}"${hint}\n\n${await usage()}\n`)
    return 2
  }
  try {
    return await (await load()).run(rest)
  } catch (error) {
    return report(name, error, debug)
  }
}
