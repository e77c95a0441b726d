/**
 * Tiny benchmark helpers: `measure` times one step and samples its memory,
 * `formatTable` prints the rows with throughput and the ratio to a baseline.
 * Other stages (site build, Pagefind index) add rows with the same two calls.
 */
import v8 from 'node:v8'
import { runInNewContext } from 'node:vm'

export interface Row {
  label: string
  files: number
  bytes: number
  seconds: number
  /** Highest resident set size seen during the step, in bytes (main process, worker threads included). */
  peakRss: number
  /** Anything worth a footnote (cache hits, parsed count). */
  note?: string
}

export interface Size {
  files: number
  bytes: number
}

/**
 * Run `fn`, timing it and sampling RSS every 50 ms (worker threads share the process, so their memory counts).
 * @param label the row's name
 * @param size how many files and bytes the step handles (for MB and MB/s)
 * @param fn the step; may return a note for the row
 */
export async function measure(label: string, size: Size, fn: () => Promise<string | void> | string | void): Promise<Row> {
  // What earlier rows left behind is collected first, so each row's peak is its own.
  collectGarbage()
  let peakRss = process.memoryUsage.rss()
  // The interval cannot fire while the main thread is busy, so the end value is sampled too.
  const timer = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
  }, 50)
  const started = performance.now()
  try {
    const note = await fn()
    const seconds = (performance.now() - started) / 1000
    peakRss = Math.max(peakRss, process.memoryUsage.rss())
    return { label, ...size, seconds, peakRss, ...(note ? { note } : {}) }
  } finally {
    clearInterval(timer)
  }
}

/** A full garbage collection (`--expose-gc` turned on once, at load, so `npm run bench` needs no flag). */
const collectGarbage: () => void = (() => {
  v8.setFlagsFromString('--expose-gc')
  return (runInNewContext('gc') as (() => void) | undefined) ?? (() => {})
})()

/** The process's own lifetime peak RSS, in bytes (catches peaks between samples). */
export function lifetimeMaxRss(): number {
  return process.resourceUsage().maxRSS * 1024
}

/**
 * A plain-text table of rows; `×baseline` compares each step's time with the baseline row's.
 * @param baseline label of the row to compare against (e.g. the raw read)
 */
export function formatTable(rows: Row[], baseline?: string): string {
  const base = rows.find((row) => row.label === baseline)?.seconds
  const mb = (bytes: number): string => (bytes / 1e6).toFixed(1)
  const header = ['step', 'files', 'MB', 'seconds', 'MB/s', 'peak RSS MB', baseline ? `× ${baseline}` : '', 'note']
  const body = rows.map((row) => [
    row.label,
    String(row.files),
    mb(row.bytes),
    row.seconds.toFixed(2),
    row.seconds > 0 ? (row.bytes / 1e6 / row.seconds).toFixed(1) : '-',
    mb(row.peakRss),
    base ? `${(row.seconds / base).toFixed(1)}` : '',
    row.note ?? ''
  ])
  const widths = header.map((_, i) => Math.max(header[i]!.length, ...body.map((cells) => cells[i]!.length)))
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === 0 || i === cells.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n')
}

/** What `plan-archive build --json` reports of the search index (src/search/index.ts SearchIndexResult). */
export interface SearchSummary {
  pages: number
  seconds: number
  bytes: number
  peakRssBytes: number | null
  shards?: number
  shardsReused?: number
}

/** The search index row of a build: time, summed peak memory of the Pagefind processes, bundle size, shards. */
export function searchRow(label: string, search: SearchSummary): Row {
  const shards = search.shards === undefined ? '' : `, ${search.shards} shards (${search.shardsReused ?? 0} reused)`
  return {
    label: `  search (${label})`,
    files: search.pages,
    bytes: search.bytes,
    seconds: search.seconds,
    peakRss: search.peakRssBytes ?? 0,
    note: `${search.pages} pages indexed${shards}, bundle ${(search.bytes / 1e6).toFixed(1)} MB (MB column); peak = Pagefind processes alive at once, summed`
  }
}

/** Typical searches, opened on a fresh page load of /search/ (the fetch budget: < 500 kB each). */
export const TYPICAL_SEARCHES = ['?q=water', '?q=climate+change&sdg=13', '']

/**
 * What a fresh browser downloads for each typical search on the built site in
 * `siteDir`: one row per search, bytes = Pagefind's files (pagefind.js, wasm,
 * meta, index and filter chunks, fragments); the note breaks them down and
 * gives the whole page's total. Empty when Chromium is not installed.
 */
export async function searchFetchRows(siteDir: string, searches = TYPICAL_SEARCHES): Promise<Row[]> {
  const { hasChromium, launchBrowser, serveStatic } = await import('../tests/helpers/browser.ts')
  if (!hasChromium) return []
  const server = await serveStatic(siteDir)
  const browser = await launchBrowser()
  const rows: Row[] = []
  try {
    for (const query of searches) {
      const context = await browser.newContext()
      const page = await context.newPage()
      server.served.clear()
      const started = performance.now()
      await page.goto(`${server.url}/search/${query}`)
      await page.waitForFunction(() => /record|Nothing/.test(document.querySelector('[data-search-status]')?.textContent ?? ''), null, { timeout: 120_000 })
      await page.waitForLoadState('networkidle')
      const seconds = (performance.now() - started) / 1000
      const parts: Record<string, number> = {}
      let pagefind = 0
      let all = 0
      for (const [path, bytes] of server.served) {
        all += bytes
        if (!path.startsWith('/pagefind/')) continue
        pagefind += bytes
        const part = /\/(index|filter|fragment)\//.exec(path)?.[1] ?? (path.endsWith('.pf_meta') ? 'meta' : path.split('/').pop()!.replace(/\..*$/, ''))
        parts[part] = (parts[part] ?? 0) + bytes
      }
      const breakdown = Object.entries(parts)
        .sort(([, a], [, b]) => b - a)
        .map(([part, bytes]) => `${part} ${(bytes / 1e3).toFixed(0)}`)
        .join(', ')
      rows.push({
        label: `  fetch /search/${query || ' (browse)'}`,
        files: server.served.size,
        bytes: pagefind,
        seconds,
        peakRss: 0,
        note: `${(pagefind / 1e3).toFixed(0)} kB of Pagefind files (${breakdown}); ${(all / 1e3).toFixed(0)} kB with the page`
      })
      await context.close()
    }
  } finally {
    await browser.close()
    await server.close()
  }
  return rows
}
