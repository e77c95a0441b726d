/**
 * `npm run bench`: the loader over the real corpus (../shared/corpus): a raw
 * read of every file as the baseline, a cold parse into an empty cache, and a
 * warm one with nothing changed. `--render` also renders every body (as the
 * site build does). Exits 0 with a message when the corpus is absent.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { listCorpus, loadCorpus } from '../src/parse/load.ts'
import { formatTable, lifetimeMaxRss, measure, type Row } from './bench-lib.ts'

const repoRoot = fileURLToPath(new URL('..', import.meta.url))
const corpus = resolve(repoRoot, '..', 'shared', 'corpus', 'sdg-commons', 'pages')
const render = process.argv.includes('--render')

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
const cacheDir = mkdtempSync(join(tmpdir(), 'plan-archive-bench-'))
const rows: Row[] = []
try {
  rows.push(
    await measure('raw read', size, () => {
      for (const file of files) readFileSync(file.absPath)
    })
  )
  for (const label of ['cold parse', 'warm parse']) {
    rows.push(
      await measure(label, size, async () => {
        const { stats, records } = await loadCorpus({ contentDir: corpus, cacheDir, render })
        const crashed = records.filter((r) => r.record.diagnostics.some((d) => d.rule === 'parse-crashed')).length
        return `${stats.parsed} parsed, ${stats.fromCache} from cache, ${crashed} crashed`
      })
    )
  }
} finally {
  rmSync(cacheDir, { recursive: true, force: true })
}
console.log(formatTable(rows, 'raw read'))
console.log(`\nprocess peak RSS: ${(lifetimeMaxRss() / 1e6).toFixed(0)} MB; render: ${render}; targets: cold < 25 s, warm < 2 s, peak < 1000 MB`)
