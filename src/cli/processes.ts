/**
 * The processes a command started, from /proc: a command that supervises others
 * (`serve`) ends them all, so nothing it started outlives it.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Process ids of every living descendant of `pid` (children first), from /proc; empty where there is no /proc. */
export function descendants(pid: number): number[] {
  const children = new Map<number, number[]>()
  let entries: string[]
  try {
    entries = readdirSync('/proc')
  } catch {
    return []
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // Fields after the parenthesised command name: state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // The process ended while we looked.
    }
  }
  const found: number[] = []
  for (let queue = [pid]; queue.length > 0; ) {
    const next = children.get(queue.shift()!) ?? []
    found.push(...next)
    queue.push(...next)
  }
  return found
}

export function kill(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal)
    } catch {
      // Already gone.
    }
  }
}

/**
 * Kill every descendant of this process and wait (up to `ms`) until they are gone:
 * our children are reaped by Node when they die, while an orphan waits for init,
 * which may take its time (a zombie still counts as a process of the group).
 */
export async function endDescendants(ms = 1000): Promise<void> {
  kill(descendants(process.pid), 'SIGKILL')
  for (const deadline = performance.now() + ms; descendants(process.pid).length > 0 && performance.now() < deadline; ) {
    await new Promise((done) => setTimeout(done, 20))
  }
}
