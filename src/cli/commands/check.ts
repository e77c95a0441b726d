/**
 * `plan-archive check <files or folders…>`: print every problem with its
 * position, in a format for people, programs, GitHub annotations or the
 * step summary; exit 1 when any problem is an error.
 */
import { appendFileSync, realpathSync } from 'node:fs'
import { loadFiles, releaseAssets } from '../../parse/load.ts'
import { countLine, countReports } from '../format/counts.ts'
import { formatGithub } from '../format/github.ts'
import { formatJson } from '../format/json.ts'
import { formatSummary } from '../format/summary.ts'
import { formatText } from '../format/text.ts'
import type { FileReport } from '../format/types.ts'
import { changedFilesSince } from '../git-changes.ts'
import { resolveInputs, type InputFile } from '../inputs.ts'
import { parseCommandArgs } from '../args.ts'
import { CONFIG_HELP, projectConfig, write } from '../options.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'check'

/** One line for `plan-archive --help`. */
export const summary = 'Report the problems of Markdown files with their positions; exit 1 on any error'

const FORMATS = {
  text: formatText,
  json: formatJson,
  github: formatGithub,
  summary: formatSummary
} as const

const USAGE = `Usage: plan-archive check <files or folders…> [options]

Options:
  --format text|json|github|summary
                         text (default): path:line:column severity message rule-id
                         json: an array of { path, rule, severity, message, line, column, hint }
                         github: workflow commands that annotate the pull request
                                 (also appended to $GITHUB_STEP_SUMMARY as a table when set)
                         summary: a Markdown table of files, errors, warnings, infos
  --changed-since REF    only the files changed since the git revision REF
                         (REF...HEAD, plus uncommitted and untracked files)
  --config FILE          ${CONFIG_HELP}
  --no-cache             parse everything again, do not read or write the cache
  -h, --help             this help

The last line counts files, errors and warnings (on stdout for text, stderr otherwise).
Exit codes: 0 no error; 1 at least one error; 2 an argument, the config or git failed.`

const OPTIONS = {
  format: { type: 'string', default: 'text' },
  'changed-since': { type: 'string' },
  config: { type: 'string' },
  'no-cache': { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false }
} as const

function realpath(path: string): string {
  try {
    return realpathSync(path)
  } catch {
    return path
  }
}

/** Keep the inputs git lists as changed (compared by real path: /tmp may be a symlink). */
async function onlyChanged(files: InputFile[], ref: string, cwd: string): Promise<InputFile[]> {
  const changed = new Set((await changedFilesSince(ref, cwd)).map(realpath))
  return files.filter((file) => changed.has(realpath(file.absPath)))
}

function fail(message: string, usage = false): number {
  process.stderr.write(`plan-archive check: ${message}\n${usage ? `\n${USAGE}\n` : ''}`)
  return 2
}

/** Run `check` with the arguments after the command name; resolves with the exit code. */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(name, argv, OPTIONS, USAGE, true)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  if (positionals.length === 0) return fail('name at least one file or folder', true)
  const format = values.format
  if (!Object.hasOwn(FORMATS, format)) return fail(`unknown format "${format}" (text, json, github or summary)`, true)

  const cwd = process.cwd()
  const config = projectConfig(values.config, positionals[0])
  const inputs = await resolveInputs(positionals, cwd)
  if (inputs.errors.length) return fail(inputs.errors.join('\nplan-archive check: '))
  let files = inputs.files
  if (values['changed-since'] !== undefined) {
    try {
      files = await onlyChanged(files, values['changed-since'], cwd)
    } catch (error) {
      return fail((error as Error).message)
    }
  }

  const loaded = await loadFiles(files, { config, ...(values['no-cache'] ? { cacheDir: null } : {}) })
  releaseAssets(loaded)
  const { records } = loaded
  const display = new Map(files.map((file) => [file.absPath, file.display]))
  // Records come back sorted by record path; show them sorted by what the user sees.
  const reports: FileReport[] = records
    .map(({ record, absPath }) => ({
      path: display.get(absPath) ?? record.source.path,
      diagnostics: record.diagnostics
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))

  const output = FORMATS[format as keyof typeof FORMATS](reports)
  await write(process.stdout, output)
  if (format === 'github' && process.env.GITHUB_STEP_SUMMARY) {
    try {
      appendFileSync(process.env.GITHUB_STEP_SUMMARY, `${formatSummary(reports)}\n`)
    } catch (error) {
      process.stderr.write(`plan-archive check: cannot write the step summary: ${(error as Error).message}\n`)
    }
  }
  const last = `${countLine(reports)}\n`
  if (format === 'text') await write(process.stdout, last)
  else process.stderr.write(last)
  return countReports(reports).error > 0 ? 1 : 0
}
