/**
 * A pool of parse workers (tinypool over worker threads) that survives its
 * workers: a batch whose worker dies or hangs is retried file by file, and the
 * file that still fails alone gets a `parse-crashed` record instead of an
 * exception. `workers: 0` runs the same task inline on the calling thread.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import Tinypool from 'tinypool'
import parseBatch, { crashedRecord, type BatchResult, type BatchTask } from './worker.ts'

export interface ParsePool {
  /** Parse one batch; resolves with one result per file, never rejects. */
  run(task: BatchTask): Promise<BatchResult[]>
  close(): Promise<void>
}

/** Time allowed to a task before its worker counts as hung: generous, scaled by size. */
function timeoutFor(task: BatchTask, bytes: number): number {
  return 60_000 + task.files.length * 1_000 + (bytes / 1e6) * 20_000
}

/** Workers are plain Node threads: they need tsx's loader to import our TypeScript. */
function tsxImportArgs(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx')
  return ['--import', pathToFileURL(loader).href]
}

/**
 * Start a pool of `workers` threads (0: inline).
 * @param workers number of threads; 0 parses on the calling thread
 * @param sizeOf byte size of a file by absolute path, to scale the hang timeout
 */
export function createParsePool(workers: number, sizeOf: (absPath: string) => number = () => 0): ParsePool {
  if (workers <= 0) {
    return { run: (task) => parseBatch(task), close: async () => {} }
  }
  const pool = new Tinypool({
    filename: fileURLToPath(new URL('./worker.ts', import.meta.url)),
    minThreads: workers,
    maxThreads: workers,
    execArgv: tsxImportArgs(),
    // A hung worker is terminated by the abort signal; do not wait long for it.
    terminateTimeout: 1_000
  })

  async function attempt(task: BatchTask): Promise<BatchResult[] | Error> {
    const bytes = task.files.reduce((sum, file) => sum + sizeOf(file.absPath), 0)
    try {
      return (await pool.run(task, { signal: AbortSignal.timeout(timeoutFor(task, bytes)) })) as BatchResult[]
    } catch (error) {
      return error instanceof Error ? error : new Error(String(error))
    }
  }

  async function run(task: BatchTask): Promise<BatchResult[]> {
    const first = await attempt(task)
    if (!(first instanceof Error)) return first
    // Isolate the culprit: every file alone, so only the bad one is lost.
    const singles = await Promise.all(
      task.files.map(async (file) => {
        const alone = task.files.length === 1 ? first : await attempt({ ...task, files: [file] })
        if (!(alone instanceof Error)) return alone
        let bytes: Uint8Array = new Uint8Array()
        try {
          bytes = readFileSync(file.absPath)
        } catch {
          // Unreadable now: the crashed record still names the file.
        }
        const reason = alone.name === 'AbortError' || alone.name === 'TimeoutError' ? new Error('timed out') : alone
        return [{ path: file.path, absPath: file.absPath, record: crashedRecord(file.path, bytes, reason), html: task.render ? '' : null }]
      })
    )
    return singles.flat()
  }

  return { run, close: () => pool.destroy() }
}
