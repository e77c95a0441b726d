/**
 * `plan-archive new learningplan|framework --title "…" …`: write a correctly
 * tagged content file from the scaffold templates, never over an existing one.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'
import { parseCommandArgs } from '../args.ts'
import type { Command } from '../command.ts'
import { CONFIG_HELP, projectConfig } from '../options.ts'
import { TERM_FIELDS } from '../../records/fields.ts'
import { scaffold, type ScaffoldKind } from '../scaffold/scaffold.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'new'

/** One line for `plan-archive --help`. */
export const summary = 'Write a new, correctly tagged learning plan or framework page into content/'

const USAGE = `Usage:
  plan-archive new learningplan --title "…" --country "…" --year 2025 [options]
  plan-archive new framework --title "…" [options]

Options (repeat the list options for several values):
  --title TEXT          the plan's name (required)
  --country NAME        country name or ISO code (required for a learning plan; list)
  --year YYYY           year of the plan (required for a learning plan)
  --sdg GOAL            goal number or title, e.g. 13 or "Climate Action" (list)
${TERM_FIELDS.map((f) => `  ${`--${f.option} TEXT`.padEnd(22)}${f.singular.toLowerCase()}, e.g. "${f.example}" (list)`).join('\n')}
  --focal-point EMAIL   focal point's e-mail address (list)
  --latlng LAT,LNG      location, e.g. "-9.15,-74.38"
  --slug SLUG           file name without .md (default: from the title)
  --out DIR             content folder to write into (default: content)
  --config FILE         ${CONFIG_HELP}

Exit codes: 0 written; 1 refused (invalid value or the file exists); 2 usage error.`

const OPTIONS = {
  title: { type: 'string' },
  country: { type: 'string', multiple: true },
  year: { type: 'string' },
  sdg: { type: 'string', multiple: true },
  ...Object.fromEntries(TERM_FIELDS.map((f) => [f.option, { type: 'string', multiple: true } as const])),
  'focal-point': { type: 'string', multiple: true },
  latlng: { type: 'string' },
  slug: { type: 'string' },
  out: { type: 'string', default: 'content' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' }
} as const

/** `--latlng -9.15,-74.38` → `--latlng=-9.15,-74.38`: parseArgs reads a value starting with `-` as an option. */
function attachNegativeNumbers(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    const next = argv[i + 1]
    const option = arg.startsWith('--') ? OPTIONS[arg.slice(2) as keyof typeof OPTIONS] : undefined
    if (option?.type === 'string' && next !== undefined && /^-\d/.test(next)) {
      out.push(`${arg}=${next}`)
      i++
    } else out.push(arg)
  }
  return out
}

/**
 * Run `new` with the arguments that follow the command name.
 * @param argv e.g. `['learningplan', '--title', 'X', '--country', 'Peru', '--year', '2025']`
 * @returns the process exit code
 */
export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(name, attachNegativeNumbers(argv), OPTIONS, USAGE, true)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const kind = positionals[0]
  if ((kind !== 'learningplan' && kind !== 'framework') || positionals.length > 1 || values.title === undefined) {
    const why = kind === undefined ? 'say what to create: learningplan or framework' : kind !== 'learningplan' && kind !== 'framework' ? `unknown kind "${kind}" (learningplan or framework)` : positionals.length > 1 ? `unexpected argument "${positionals[1]}"` : '--title is required'
    process.stderr.write(`plan-archive new: ${why}\n\n${USAGE}\n`)
    return 2
  }

  const outDir = resolve(values.out)
  // Like `check` on the content folder: the same config, so aliases agree.
  const config = projectConfig(values.config, values.out)
  const result = scaffold(
    {
      kind: kind as ScaffoldKind,
      title: values.title,
      countries: values.country,
      year: values.year,
      sdgs: values.sdg,
      terms: Object.fromEntries(TERM_FIELDS.map((f) => [f.property, (values as Record<string, unknown>)[f.option] as string[] | undefined])),
      focalPoints: values['focal-point'],
      latlng: values.latlng,
      slug: values.slug
    },
    config
  )
  if (!result.ok) {
    for (const p of result.problems) process.stderr.write(`plan-archive new: ${p.option}: ${p.message}\n${p.hint ? `  hint: ${p.hint}\n` : ''}`)
    process.stderr.write('Nothing was written.\n')
    return 1
  }

  const target = join(outDir, ...result.file.path.split('/'))
  const shown = relative(process.cwd(), target) || target
  await mkdir(dirname(target), { recursive: true })
  try {
    // `wx` fails when the file exists, with no window between a check and the write.
    await writeFile(target, result.file.text, { encoding: 'utf8', flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      process.stderr.write(`plan-archive new: ${shown} already exists; not overwritten. Choose another --slug or edit that file.\n`)
      return 1
    }
    throw error
  }
  process.stdout.write(`${shown}\n`)
  return 0
}

/** The command object main.ts registers: `{ name, summary, run }`. */
export default { name, summary, run } satisfies Command
