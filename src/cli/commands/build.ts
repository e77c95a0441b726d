/**
 * `plan-archive build`: the static archive site. Unusable folders, options or
 * config exit 2 before anything is written; the summary counts the records'
 * errors and warnings and shows the first few; `--fail-on` lets a pipeline gate on them.
 */
import { isAbsolute, join, relative } from 'node:path'
import { buildSite, type BuildSummary } from '../../build.ts'
import { UserError } from '../../records/errors.ts'
import { didYouMean, parseCommandArgs } from '../args.ts'
import { startProgress, type Progress } from '../progress.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'build'

/** One line for `plan-archive --help`. */
export const summary = 'Build the static archive site (pages, indexes, map, feeds, open data, search)'

const USAGE = `Usage: plan-archive build [options]

Options:
  --content DIR      corpus folder (default: content)
  --out DIR          output folder (default: dist); a previous build's unchanged pages are kept,
                     anything else it wrote is replaced. Never the content folder, a folder that
                     holds it, the repository root or /.
  --config FILE      config file (default: plan-archive.config.json in the content folder or
                     above it up to the repository root, else in the working directory)
  --base-url URL     where the site is served, e.g. https://org.github.io/repo/ or /repo/
  --fail-on LEVEL    exit 1 when a record has a problem of this level: error, warning, or never
                     (default: never; every file still gets its page, and \`plan-archive check\`
                     is the gate for contributions)
  --no-incremental   render every page again (empty the output folder first)
  --no-search        skip the Pagefind index
  --search-shards N  split the search index in N shards (default: one per 40 MB of pages);
                     fewer shards download less per search but need more memory to build
                     (figures in docs/performance.md)
  --no-cache         parse every file again (no parse cache)
  --cache-dir DIR    the parse cache folder (default .cache/plan-archive)
  --publish-emails   publish focal-point e-mails in full (default: the config's publishEmails)
  --workers N        parser threads (default: one per core)
  --quiet            no progress and no summary; only problems and failures
  --json             print the summary as JSON (for scripts and tests)
  --verbose          Eleventy's own output
  -h, --help         this text

Exit codes: 0 built; 1 the build failed, or --fail-on found a problem; 2 a usage,
folder or config error (nothing was written); 3 an internal error (--debug shows its stack).`

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  config: { type: 'string' },
  'base-url': { type: 'string' },
  'fail-on': { type: 'string', default: 'never' },
  'no-search': { type: 'boolean', default: false },
  'search-shards': { type: 'string' },
  'no-incremental': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  'cache-dir': { type: 'string' },
  'publish-emails': { type: 'boolean' },
  workers: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  verbose: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' }
} as const

const FAIL_ON = ['error', 'warning', 'never'] as const

/** A whole number option, or a UserError saying what it must be. */
function wholeNumber(value: string | undefined, option: string, min: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new UserError(`plan-archive build: ${option} must be a whole number of at least ${min}, not "${value}"`)
  return n
}

/** A record path as the user finds the file: under the content folder, relative to the working directory. */
function filePath(contentDir: string, path: string): string {
  const abs = join(contentDir, path)
  const rel = relative(process.cwd(), abs)
  return rel.startsWith('..') || isAbsolute(rel) ? abs : rel
}

/** The summary's lines: what was built, the records' problems (first few with positions), search, time. */
export function summaryLines(s: BuildSummary, contentDir: string): string[] {
  const lines = [
    `Built ${s.outDir}`,
    `  records      ${s.records} (${s.fromCache} from cache, ${s.parsed} parsed)`,
    `  pages        ${s.pagesWritten} written, ${s.pagesReused} unchanged from the previous build`,
    `  problems     ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}${s.errors + s.warnings > s.problems.length ? ` (the first ${s.problems.length} below; \`plan-archive check ${contentDir}\` lists them all)` : ''}`,
    ...s.problems.map((p) => `    ${filePath(contentDir, p.path)}:${p.line}:${p.column} ${p.severity} ${p.message.replace(/\s+/g, ' ')} ${p.rule}`),
    `  search       ${s.search ? `${s.search.pages} pages indexed in ${s.search.shards} shard${s.search.shards === 1 ? '' : 's'} (${s.search.shardsReused} unchanged), ${(s.search.bytes / 1e6).toFixed(1)} MB, ${s.search.seconds.toFixed(1)} s${s.search.peakRssBytes ? `, Pagefind peak ${Math.round(s.search.peakRssBytes / 1e6)} MB (processes summed)` : ''}` : s.searchSkipped}`,
    `  seconds      ${s.seconds.toFixed(1)} (parse ${s.parseSeconds.toFixed(1)}, site ${s.siteSeconds.toFixed(1)}), peak ${Math.round(s.maxRssBytes / 1e6)} MB`
  ]
  for (const page of s.search?.pagesWithEmails ?? []) lines.push(`  warning      an e-mail-like string was indexed from ${page}`)
  for (const error of s.search?.errors ?? []) lines.push(`  error        search: ${error}`)
  return lines
}

/** Progress callbacks of a build: parse every 10%, render every 2,000 pages, each search shard. */
function progressOptions(progress: Progress) {
  let nextReport = 0.1
  // A small site builds in seconds: its stages' lines would be noise.
  let large = false
  progress.stage('parsing')
  return {
    onProgress: (done: number, total: number) => {
      large = total >= 500
      if (large && done / total >= nextReport) {
        progress.line(`parsed ${done}/${total} files`)
        nextReport += 0.1
      }
      if (done === total) progress.stage('rendering pages')
    },
    onRenderProgress: (pages: number) => progress.line(`rendered ${pages} pages`),
    onSearchProgress: (message: string) => {
      progress.stage('indexing search')
      if (large) progress.line(`search: ${message}`)
    }
  }
}

/**
 * Run `build` with the arguments after the command name.
 * @returns the process exit code
 * @throws UserError for bad options, folders or config (exit 2)
 */
export async function run(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs(name, argv, OPTIONS, USAGE)
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const failOn = values['fail-on'] as (typeof FAIL_ON)[number]
  if (!FAIL_ON.includes(failOn)) {
    const guess = didYouMean(failOn, FAIL_ON)
    throw new UserError(`plan-archive build: --fail-on must be error, warning or never, not "${failOn}"${guess ? ` (did you mean "${guess}"?)` : ''}`)
  }
  const workers = wholeNumber(values.workers, '--workers', 0)
  const searchShards = wholeNumber(values['search-shards'], '--search-shards', 1)
  const progress = startProgress({ enabled: !values.quiet && !values.json })
  let s: BuildSummary
  try {
    s = await buildSite({
      contentDir: values.content,
      outDir: values.out,
      configFile: values.config,
      baseUrl: values['base-url'] ?? null,
      publishEmails: values['publish-emails'] ?? null,
      cacheDir: values['no-cache'] ? null : values['cache-dir'],
      workers,
      search: !values['no-search'],
      searchShards,
      incremental: !values['no-incremental'],
      verbose: values.verbose,
      ...progressOptions(progress)
    })
  } finally {
    progress.stop()
  }
  // A site without a working search index is not a finished build.
  const searchFailed = s.search !== null && s.search.errors.length > 0
  const gated = failOn === 'error' ? s.errors > 0 : failOn === 'warning' ? s.errors + s.warnings > 0 : false
  if (values.json) process.stdout.write(`${JSON.stringify(s)}\n`)
  else if (!values.quiet) process.stdout.write(`${summaryLines(s, values.content).join('\n')}\n`)
  else if (s.errors + s.warnings > 0 || searchFailed) process.stderr.write(`${summaryLines(s, values.content).filter((line) => /^ {2}(problems|error)|^ {4}/.test(line)).join('\n')}\n`)
  if (gated) process.stderr.write(`plan-archive build: failing because of --fail-on ${failOn} (${s.errors} errors, ${s.warnings} warnings)\n`)
  return searchFailed || gated ? 1 : 0
}
