/**
 * Tiny benchmark helpers: `measure` times one step and samples its memory,
 * `formatTable` prints the rows with throughput and the ratio to a baseline.
 * Other stages (site build, Pagefind index) add rows with the same two calls.
 */

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
