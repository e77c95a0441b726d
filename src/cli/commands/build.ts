/**
 * `plan-archive build [--content DIR] [--out DIR] [--base-url URL] [--no-search]
 * [--no-incremental] [--no-cache] [--publish-emails]`: the static archive site.
 */
import { parseArgs } from 'node:util'
import { buildSite } from '../../site/build.ts'

/** The command's name, as typed after `plan-archive`. */
export const name = 'build'

/** One line for `plan-archive --help`. */
export const summary = 'Build the static archive site (pages, indexes, map, feeds, open data, search)'

const USAGE = `Usage: plan-archive build [options]

Options:
  --content DIR      corpus folder (default: content)
  --out DIR          output folder (default: dist); a previous build's unchanged pages are kept,
                     anything else it wrote is replaced
  --no-incremental   render every page again (empty the output folder first)
  --base-url URL     where the site is served, e.g. https://org.github.io/repo/ or /repo/
  --no-search        skip the Pagefind index
  --search-shards N  split the search index in N shards (default: one per 40 MB of pages, 3 for
                     the SDG Commons corpus); fewer shards download less per search but need
                     more memory to build (1 shard: 2.5 GB on that corpus, 3: under 1 GB)
  --no-cache         parse every file again (no parse cache)
  --cache-dir DIR    the parse cache folder (default .cache/plan-archive)
  --publish-emails   publish focal-point e-mails in full (default: the config's publishEmails)
  --workers N        parser threads (default: one per core)
  --json             print the summary as JSON (for scripts and tests)
  -h, --help         this text

Exit codes: 0 built; 1 the build failed; 2 usage error.`

const OPTIONS = {
  content: { type: 'string', default: 'content' },
  out: { type: 'string', default: 'dist' },
  'base-url': { type: 'string' },
  'no-search': { type: 'boolean', default: false },
  'search-shards': { type: 'string' },
  'no-incremental': { type: 'boolean', default: false },
  'no-cache': { type: 'boolean', default: false },
  'cache-dir': { type: 'string' },
  'publish-emails': { type: 'boolean' },
  workers: { type: 'string' },
  verbose: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h' }
} as const

/**
 * Run `build` with the arguments after the command name.
 * @returns the process exit code
 */
export async function run(argv: string[]): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false, strict: true }))
  } catch (error) {
    process.stderr.write(`plan-archive build: ${(error as Error).message}\n\n${USAGE}\n`)
    return 2
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return 0
  }
  const workers = values.workers === undefined ? undefined : Number(values.workers)
  if (workers !== undefined && !(Number.isInteger(workers) && workers >= 0)) {
    process.stderr.write(`plan-archive build: --workers must be a whole number\n`)
    return 2
  }
  const searchShards = values['search-shards'] === undefined ? undefined : Number(values['search-shards'])
  if (searchShards !== undefined && !(Number.isInteger(searchShards) && searchShards >= 1)) {
    process.stderr.write(`plan-archive build: --search-shards must be a whole number of at least 1\n`)
    return 2
  }
  const log = (line: string): void => void process.stderr.write(`${line}\n`)
  let nextReport = 0.1
  try {
    const s = await buildSite({
      contentDir: values.content,
      outDir: values.out,
      baseUrl: values['base-url'] ?? null,
      publishEmails: values['publish-emails'] ?? null,
      cacheDir: values['no-cache'] ? null : values['cache-dir'],
      workers,
      search: !values['no-search'],
      searchShards,
      incremental: !values['no-incremental'],
      verbose: values.verbose,
      // Progress on long builds: every 10% of the parse, every 2,000 pages rendered.
      onProgress: (done, total) => {
        if (total >= 500 && done / total >= nextReport) {
          log(`  parsed ${done}/${total} files`)
          nextReport += 0.1
        }
      },
      onRenderProgress: (pages) => log(`  rendered ${pages} pages`)
    })
    if (values.json) {
      process.stdout.write(`${JSON.stringify(s)}\n`)
      return 0
    }
    const lines = [
      `Built ${s.outDir}`,
      `  records      ${s.records} (${s.fromCache} from cache, ${s.parsed} parsed)`,
      `  pages        ${s.pagesWritten} written, ${s.pagesReused} unchanged from the previous build`,
      `  warnings     ${s.warnings}`,
      `  search       ${s.search ? `${s.search.pages} pages indexed in ${s.search.shards} shard${s.search.shards === 1 ? '' : 's'} (${s.search.shardsReused} unchanged), ${(s.search.bytes / 1e6).toFixed(1)} MB, ${s.search.seconds.toFixed(1)} s${s.search.peakRssBytes ? `, Pagefind peak ${Math.round(s.search.peakRssBytes / 1e6)} MB (processes summed)` : ''}` : s.searchSkipped}`,
      `  seconds      ${s.seconds.toFixed(1)} (parse ${s.parseSeconds.toFixed(1)}, site ${s.siteSeconds.toFixed(1)}), peak ${Math.round(s.maxRssBytes / 1e6)} MB`
    ]
    for (const page of s.search?.pagesWithEmails ?? []) lines.push(`  warning      an e-mail-like string was indexed from ${page}`)
    for (const error of s.search?.errors ?? []) lines.push(`  error        search: ${error}`)
    process.stdout.write(`${lines.join('\n')}\n`)
    // A site without a working search index is not a finished build.
    return s.search && s.search.errors.length > 0 ? 1 : 0
  } catch (error) {
    process.stderr.write(`plan-archive build: ${(error as Error).stack ?? String(error)}\n`)
    return 1
  }
}
