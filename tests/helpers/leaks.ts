/**
 * Processes a test run left running: a `plan-archive serve` (and its Eleventy
 * child), a Chromium, a Pagefind binary, anything a test started and did not end.
 *
 * How a process is known to be the run's: the run's globalSetup sets `TMPDIR`
 * to a folder of its own (temp-root.ts) before any test starts, and every
 * process a test starts inherits it, with its own children, and keeps it in
 * `/proc/<pid>/environ` (the environment it was started with) even once its
 * parent is gone and it belongs to init. Readable for our own user's
 * processes (the tests run as root or as the user who started them). Vitest's
 * own processes carry it too: the main process (where the teardown runs) and
 * its direct children, the test workers (a fork each) and helper services
 * (esbuild), are not leaks. Tests never run in the main process, so whatever a
 * test starts is at least a grandchild of it, or an orphan.
 *
 * Not seen: a process started with an environment that drops TMPDIR (e.g.
 * `env: { PATH }`). Linux only (elsewhere there is no /proc and nothing is found).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ProcessEntry {
  pid: number
  ppid: number
  /** Its argv, joined with spaces (argv[0] as the process set it). */
  command: string
  /** TMPDIR of the environment it was started with (null: none, or unreadable). */
  tmpdir: string | null
}

/** Every process in `procDir` (a /proc-like folder): pid, parent, command line, TMPDIR. */
export function listProcesses(procDir = '/proc'): ProcessEntry[] {
  const entries: ProcessEntry[] = []
  let names: string[]
  try {
    names = readdirSync(procDir)
  } catch {
    return entries
  }
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue
    try {
      const stat = readFileSync(join(procDir, name, 'stat'), 'utf8')
      // Fields after the parenthesised command name (which may hold spaces): state, ppid, …
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const command = readFileSync(join(procDir, name, 'cmdline'), 'utf8').split('\0').filter(Boolean).join(' ')
      let tmpdir: string | null = null
      try {
        const variable = readFileSync(join(procDir, name, 'environ'), 'utf8').split('\0').find((entry) => entry.startsWith('TMPDIR='))
        tmpdir = variable ? variable.slice('TMPDIR='.length) : null
      } catch {
        // Another user's process, or a zombie: not ours to judge.
      }
      entries.push({ pid: Number(name), ppid, command, tmpdir })
    } catch {
      // The process ended while we looked.
    }
  }
  return entries
}

/**
 * The processes of `entries` started under the run whose temporary root is `root`
 * (TMPDIR is the root or a folder in it), except `runner` (the vitest process) and
 * its direct children (its workers and services).
 */
export function runProcesses(entries: readonly ProcessEntry[], root: string, runner: number): ProcessEntry[] {
  const inRun = (tmpdir: string | null): boolean => tmpdir !== null && (tmpdir === root || tmpdir.startsWith(root.endsWith('/') ? root : `${root}/`))
  return entries.filter((entry) => inRun(entry.tmpdir) && entry.pid !== runner && entry.ppid !== runner)
}

/** What a leaked process is, for the report: the kinds the suite is known to start. */
export function kindOf(command: string): string {
  if (/plan-archive(\.js)? serve|eleventy/i.test(command)) return 'plan-archive serve / Eleventy'
  if (/chrome_crashpad|chromium|\bchrome\b/i.test(command)) return 'Chromium'
  if (/pagefind/i.test(command)) return 'Pagefind'
  return 'other'
}

export interface ReapOptions {
  /** The vitest process (default: this one). */
  runner?: number
  /** How long processes that are already ending get to end on their own (ms). */
  graceMs?: number
  procDir?: string
}

/**
 * Find the run's processes still alive once the processes that are ending have had
 * `graceMs` to end (a test's afterAll may have signalled them without waiting), kill
 * the rest (SIGTERM, then SIGKILL), and return them: the run's leaks.
 */
export async function reapLeakedProcesses(root: string, options: ReapOptions = {}): Promise<ProcessEntry[]> {
  const { runner = process.pid, graceMs = 5000, procDir = '/proc' } = options
  const find = (): ProcessEntry[] => runProcesses(listProcesses(procDir), root, runner)
  const pause = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms))
  let leaked = find()
  for (const deadline = Date.now() + graceMs; leaked.length > 0 && Date.now() < deadline; leaked = find()) await pause(200)
  if (leaked.length === 0) return []
  const signal = (signal: NodeJS.Signals, pids: number[]): void => {
    for (const pid of pids) {
      try {
        process.kill(pid, signal)
      } catch {
        // Already gone.
      }
    }
  }
  signal('SIGTERM', leaked.map((entry) => entry.pid))
  await pause(1000)
  signal('SIGKILL', find().map((entry) => entry.pid))
  return leaked
}

/** The failure message: one line per leaked process. */
export function describeLeaks(leaked: readonly ProcessEntry[]): string {
  const lines = leaked.map((entry) => `  pid ${entry.pid} (parent ${entry.ppid}) [${kindOf(entry.command)}]: ${entry.command.slice(0, 300)}`)
  return `${leaked.length} process(es) started by this test run were still running after the last test (now killed):\n${lines.join('\n')}`
}
