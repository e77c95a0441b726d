/**
 * `npm run bench`: over the real corpus (../shared/corpus): a raw read of every
 * file as the baseline, a cold parse into an empty cache, a warm one with
 * nothing changed, then the whole site build (parse + Eleventy + Pagefind) cold
 * and again after one file edited, with nothing changed and after one file added, each in a child process as `plan-archive
 * build` runs. `--render` also renders every body in the parse rows; `--no-site`
 * stops after them; `--runs N` repeats the parse rows and the site rows N times (each
 * cold run in an empty cache) and reports the median with every run, since this machine's
 * speed drifts by 20% and more between runs. Exits 0 with a message when the
 * corpus is absent.
 */
import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { listCorpus, loadCorpus } from '../src/parse/load.ts'
import { formatTable, lifetimeMaxRss, measure, searchFetchRows, searchRow, type Row, type SearchSummary } from './bench-lib.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const corpus = resolve(repoRoot, '..', 'shared', 'corpus', 'sdg-commons', 'pages')
const render = process.argv.includes('--render')
/** The render stage the site build hands the parse threads (as src/site/data.ts does). */
const renderModule = render ? new URL('../src/render/body.ts', import.meta.url).href : undefined

let exists = false
try {
  exists = statSync(corpus).isDirectory()
} catch {
  // Absent: said below.
}
if (!exists) {
  console.log(`bench: skipped, the real corpus is absent (${corpus}).`)
  process.exit(0)
}

const files = await listCorpus(corpus)
let bytes = 0
for (const file of files) bytes += statSync(file.absPath).size
const size = { files: files.length, bytes }
const runsArg = process.argv.indexOf('--runs')
const runs = runsArg > 0 ? Math.max(1, Math.floor(Number(process.argv[runsArg + 1])) || 1) : 1
const site = !process.argv.includes('--no-site')
/**
 * Scratch folders, deleted only when the bench ends: on this disk, for about a
 * minute after a few hundred MB are deleted (or a corpus copy is written),
 * creating files costs up to twenty times more kernel time, which the next
 * row would be charged for. For the same reason the site rows' copy of the
 * corpus is made first.
 */
const scratch: string[] = []
process.on('exit', () => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true })
})
const siteWork = site ? prepareSiteWork() : null
const rows: Row[] = [
  await measure('raw read', size, () => {
    for (const file of files) readFileSync(file.absPath)
  })
]
const parseRuns: Record<string, Row[]> = { 'cold parse': [], 'warm parse': [] }
for (let run = 0; run < runs; run++) {
  const cacheDir = mkdtempSync(join(tmpdir(), 'plan-archive-bench-'))
  scratch.push(cacheDir)
  for (const label of ['cold parse', 'warm parse']) {
    parseRuns[label]!.push(
      await measure(label, size, async () => {
        const { stats, records } = await loadCorpus({ contentDir: corpus, cacheDir, renderModule })
        const crashed = records.filter((r) => r.record.diagnostics.some((d) => d.rule === 'parse-crashed')).length
        return `${stats.parsed} parsed, ${stats.fromCache} from cache, ${crashed} crashed`
      })
    )
  }
}
for (const measured of Object.values(parseRuns)) rows.push(medianRow(measured))
const parseRow = rows.find((row) => row.label === 'cold parse')
if (siteWork) rows.push(...(await siteRows(siteWork)))
console.log(formatTable(rows, 'raw read'))
const build = rows.find((row) => row.label === 'cold build')
if (build && parseRow) console.log(`\ncold build / cold parse: ${(build.seconds / parseRow.seconds).toFixed(2)}×`)
console.log(`build rows: the whole command, search included, with the cache and the output of the run before (the cold build: neither); peak RSS: the build process`)
console.log(`targets (#13): cold build < 45 s and < 1500 MB, rebuild after one edited or added file < 10 s, with nothing changed < 3 s`)
console.log(`\nprocess peak RSS: ${(lifetimeMaxRss() / 1e6).toFixed(0)} MB; render: ${render}; targets: cold < 25 s, warm < 2 s, peak < 1000 MB`)

interface BuildJson {
  records: number
  fromCache: number
  parsed: number
  pagesWritten: number
  pagesReused: number
  seconds: number
  parseSeconds: number
  siteSeconds: number
  maxRssBytes: number
  search: SearchSummary | null
}

/** The site rows' scratch folder with its copy of the corpus (so a file can change). */
function prepareSiteWork(): string {
  const work = mkdtempSync(join(tmpdir(), 'plan-archive-bench-site-'))
  scratch.push(work)
  cpSync(corpus, join(work, 'content'), { recursive: true })
  return work
}

/**
 * The site build rows, each run `runs` times and reported as its median: cold (empty cache
 * and output), then with the cache and the output kept as CI keeps them, after one file
 * edited, with nothing changed, and after one file added. Each row is the whole command,
 * search included; the search row under the cold build has the search stage alone.
 */
async function siteRows(work: string): Promise<Row[]> {
  const content = join(work, 'content')
  const out = join(work, 'dist')
  const cache = join(work, 'cache')
  const measured = new Map<string, Row[]>()
  const extra: Row[] = []
  const run = (label: string): BuildJson => {
    const started = performance.now()
    const stdout = execFileSync(
      process.execPath,
      [join(repoRoot, 'bin', 'plan-archive.js'), 'build', '--content', content, '--out', out, '--cache-dir', cache, '--json'],
      { cwd: repoRoot, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'pipe', 'ignore'] }
    )
    const wall = (performance.now() - started) / 1000
    const s = JSON.parse(stdout.trim().split('\n').pop()!) as BuildJson
    const search = s.search ? `search ${s.search.seconds.toFixed(1)} s (${s.search.shardsReused} of ${s.search.shards} bundles kept)` : 'no search'
    const row: Row = {
      label,
      ...size,
      seconds: wall,
      peakRss: s.maxRssBytes,
      note: `${s.parsed} parsed, ${s.fromCache} cached, ${s.pagesWritten} pages rendered, ${s.pagesReused} reused; parse ${s.parseSeconds.toFixed(1)} s, site ${s.siteSeconds.toFixed(1)} s, ${search}`
    }
    measured.set(label, [...(measured.get(label) ?? []), row])
    return s
  }
  for (let k = 0; k < runs; k++) {
    rmSync(out, { recursive: true, force: true })
    rmSync(cache, { recursive: true, force: true })
    const cold = run('cold build')
    if (k === 0) {
      if (cold.search) extra.push(searchRow('cold build', cold.search))
      extra.push(...(await searchFetchRows(out)))
    }
    const edited = files[k % files.length]!
    appendFileSync(join(content, edited.path), `\n\nOne more line (run ${k + 1}), to rebuild after a change.\n`)
    run('rebuild 1 edited')
    run('rebuild 0 changed')
    cpSync(join(content, edited.path), join(content, `bench-added-${k + 1}.md`))
    run('rebuild 1 added')
  }
  return [...[...measured.values()].map(medianRow), ...extra]
}

/** One row for repeated runs of a step: the median run (the faster middle one of an even count), its note listing every run's seconds. */
function medianRow(measured: Row[]): Row {
  const sorted = [...measured].sort((a, b) => a.seconds - b.seconds)
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!
  if (measured.length === 1) return median
  const all = measured.map((row) => row.seconds.toFixed(2)).join(', ')
  return { ...median, peakRss: Math.max(...measured.map((row) => row.peakRss)), note: `median of ${measured.length} runs (${all} s); ${median.note ?? ''}` }
}
