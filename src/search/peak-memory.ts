/**
 * Peak resident memory of child processes of this one, read from Linux's
 * `/proc` (the Pagefind Node API runs its indexer as a child binary, so the
 * Node process's own `resourceUsage()` does not see that memory).
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Process ids of this process's direct children whose command name contains `name`. */
export function childPids(name: string): number[] {
  const pids: number[] = []
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return pids
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the parenthesised command name: state, ppid, …
      const close = stat.lastIndexOf(')')
      const comm = stat.slice(stat.indexOf('(') + 1, close)
      const ppid = Number(stat.slice(close + 2).split(' ')[1])
      if (ppid === process.pid && comm.includes(name)) pids.push(Number(entry))
    } catch {
      // The process ended while we looked: skip it.
    }
  }
  return pids
}

/** Peak RSS (`VmHWM`, bytes) of one process, or null when unknown (ended, or not Linux). */
export function peakRss(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return match ? Number(match[1]) * 1024 : null
  } catch {
    return null
  }
}

/** One process's life: when it ran and its peak RSS. */
export interface ProcessSpan {
  start: number
  end: number
  peakRss: number
}

/**
 * The most memory the processes could have held at once: the largest sum of
 * peak RSS over processes alive at the same moment (an upper bound on the true
 * summed peak, since each process's peak counts for its whole life).
 */
export function summedPeak(spans: ProcessSpan[]): number {
  let best = 0
  for (const span of spans) {
    const alive = spans.filter((other) => other.start <= span.start && other.end > span.start)
    best = Math.max(best, alive.reduce((sum, other) => sum + other.peakRss, 0))
  }
  return best
}
