/**
 * `plan-archive parse <files or folders…>`: print the records, diagnostics
 * included, as a JSON array or one JSON object per line.
 */
import { loadFiles, releaseAssets } from '../../parse/load.ts'
import { parseCommandArgs } from '../args.ts'
import { CONFIG_HELP, projectConfig, write } from '../options.ts'
import { resolveInputs } from '../inputs.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'parse'

/** One line for `plan-archive --help`. */
export const summary = 'Print the typed records of Markdown files as JSON or NDJSON'

const USAGE = `Usage: plan-archive parse <files or folders…> [options]

Options:
  --format json|ndjson  a JSON array (default) or one record per line
  --config FILE         ${CONFIG_HELP}
  --no-cache            parse everything again, do not read or write the cache
  -h, --help            this help

A folder's files get record paths relative to that folder; a file named alone
gets its path relative to the working directory.
Exit codes: 0 printed (whatever the diagnostics); 2 an argument could not be read.`

const OPTIONS = {
  format: { type: 'string', default: 'json' },
  config: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false }
} as const

/** Run `parse` with the arguments after the command name; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(name, argv, OPTIONS, USAGE, true)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const problem =
    positionals.length === 0
      ? 'name at least one file or folder'
      : values.format !== 'json' && values.format !== 'ndjson'
        ? `unknown format "${values.format}" (json or ndjson)`
        : undefined
  if (problem) {
    process.stderr.write(`plan-archive parse: ${problem}\n\n${USAGE}\n`)
    return 2
  }
  const cwd = process.cwd()
  const config = projectConfig(values.config, positionals[0])
  const inputs = await resolveInputs(positionals, cwd)
  if (inputs.errors.length) {
    process.stderr.write(inputs.errors.map((e) => `plan-archive parse: ${e}\n`).join(''))
    return 2
  }
  const loaded = await loadFiles(inputs.files, { config, ...(values['no-cache'] ? { cacheDir: null } : {}) })
  releaseAssets(loaded)
  const { records } = loaded
  const out = process.stdout
  if (values.format === 'ndjson') {
    for (const { record } of records) await write(out, `${JSON.stringify(record)}\n`)
  } else {
    // Streamed record by record: the whole corpus as one string would be ~100 MB.
    await write(out, '[')
    for (let i = 0; i < records.length; i++) await write(out, `${i ? ',' : ''}\n${JSON.stringify(records[i]!.record)}`)
    await write(out, records.length ? '\n]\n' : ']\n')
  }
  return 0
}
