/**
 * The `plan-archive` command line: a small registry of commands, each loaded
 * only when asked for, so `check` never pays for loading Eleventy.
 */
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
  lines.push('', 'Run `plan-archive <command> --help` for the options of one command.')
  return lines.join('\n')
}

/**
 * Run the command line.
 * @param argv the arguments after `node plan-archive.js`, e.g. `['check', 'content/']`
 * @returns the process exit code (0 ok, 1 problems found, 2 usage or input error, 3 internal error)
 */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
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
    process.stderr.write(`plan-archive: unknown command "${name}"\n\n${await usage()}\n`)
    return 2
  }
  try {
    return await (await load()).run(rest)
  } catch (error) {
    // Content never throws; this is a bug or an environment problem (disk, permissions).
    process.stderr.write(`plan-archive ${name}: internal error: ${(error as Error)?.stack ?? String(error)}\n`)
    return 3
  }
}
