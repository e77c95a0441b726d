/**
 * A pool of parse threads that survives its workers: a batch whose thread
 * throws, exits or hangs is retried file by file, and the file that still
 * fails alone gets a `parse-crashed` record instead of an exception.
 * `workers: 0` runs the same task inline on the calling thread.
 *
 * Hand-written over node:worker_threads rather than tinypool: tinypool 2.2
 * leaves a task pending forever when its thread calls process.exit (it only
 * watches 'error'), and cannot boot a TypeScript entry on Node 20 (measured).
 */
import { readFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { threadEntry } from './thread-entry.ts'
import parseBatch, { crashedRecord, StageLoadError, WORKER_MARK, type BatchResult, type BatchTask, type ReplyMessage } from './worker.ts'

export interface ParsePool {
  /**
   * Parse one batch; resolves with one result per file, a crash included.
   * @throws StageLoadError when the worker, the parser or the renderer cannot be loaded
   */
  run(task: BatchTask): Promise<BatchResult[]>
  close(): Promise<void>
}

/**
 * Old-space cap per thread. V8 otherwise grows each heap lazily towards the
 * process default; a cap makes it collect sooner (the corpus needs far less),
 * and a runaway parse dies alone as `parse-crashed` instead of taking the machine.
 */
const WORKER_HEAP_MB = 512

/**
 * Young-generation size per thread (V8 gives a third of it to each semi-space).
 * micromark allocates a token and two events per construct, nearly all
 * short-lived, so a bigger young generation means fewer collections: a few
 * percent of a cold parse for some memory, and larger sizes gained too little for
 * their cost (docs/performance.md). The parse threads end before Eleventy starts,
 * so this does not add to the build's peak (reached while Eleventy renders).
 */
const WORKER_YOUNG_MB = 192

/** Time allowed to a task before its thread counts as hung: generous, scaled by size. */
function timeoutFor(task: BatchTask, bytes: number): number {
  return Math.round(60_000 + task.files.length * 1_000 + (bytes / 1e6) * 20_000)
}


interface Job {
  id: number
  task: BatchTask
  timeout: number
  settle: (outcome: BatchResult[] | Error) => void
}

interface Slot {
  worker: Worker
  job: Job | null
  timer: NodeJS.Timeout | null
}

/**
 * A batch failed: run every file alone, so only the bad one is lost; a file that still
 * fails becomes a crashed record naming it (one file, one record, whatever happens).
 */
async function isolate(task: BatchTask, first: Error, attempt: (task: BatchTask) => Promise<BatchResult[] | Error>): Promise<BatchResult[]> {
  const singles = await Promise.all(
    task.files.map(async (file) => {
      const alone = task.files.length === 1 ? first : await attempt({ ...task, files: [file] })
      if (alone instanceof StageLoadError) throw alone
      if (!(alone instanceof Error)) return alone
      let bytes: Uint8Array = new Uint8Array()
      try {
        bytes = readFileSync(file.absPath)
      } catch {
        // Unreadable now: the crashed record still names the file.
      }
      return [{ path: file.path, absPath: file.absPath, record: crashedRecord(file.path, bytes, alone, task.config), html: task.renderModule ? '' : null }]
    })
  )
  return singles.flat()
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
  const entry = threadEntry(new URL('./worker.ts', import.meta.url))
  const queue: Job[] = []
  const slots = new Set<Slot>()
  let nextId = 0
  let closed = false
  /** Set when a thread could not load its stage modules: every later batch fails with it at once. */
  let failure: StageLoadError | null = null

  function spawn(): void {
    const worker = new Worker(entry, { workerData: { mark: WORKER_MARK }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB, maxYoungGenerationSizeMb: WORKER_YOUNG_MB } })
    const slot: Slot = { worker, job: null, timer: null }
    slots.add(slot)
    slot.worker.on('message', (reply: ReplyMessage) => {
      const job = slot.job
      if (!job || reply.id !== job.id) return
      if ('results' in reply) finish(slot, reply.results)
      else if (reply.load) finish(slot, (failure = new StageLoadError(reply.error)))
      else finish(slot, new Error(reply.error))
      next(slot)
    })
    // 'error' (an uncaught exception) is followed by 'exit': the exit handler replaces the thread.
    slot.worker.on('error', (error) => fail(slot, error))
    slot.worker.on('exit', (code) => {
      fail(slot, new Error(`parse worker exited with code ${code}`))
      slots.delete(slot)
      // Replaced only while work waits, so a thread that cannot even start does not respawn forever.
      if (!closed && queue.length) spawn()
    })
    next(slot)
  }

  function finish(slot: Slot, outcome: BatchResult[] | Error): void {
    const job = slot.job
    if (slot.timer) clearTimeout(slot.timer)
    slot.job = null
    slot.timer = null
    job?.settle(outcome)
  }

  function fail(slot: Slot, error: Error): void {
    if (slot.job) finish(slot, error)
  }

  function next(slot: Slot): void {
    if (slot.job || closed || !slots.has(slot)) return
    const job = queue.shift()
    if (!job) return
    slot.job = job
    slot.timer = setTimeout(() => {
      fail(slot, new Error('timed out'))
      // Terminating exits the thread, which spawns its replacement.
      void slot.worker.terminate()
    }, job.timeout)
    slot.worker.postMessage({ id: job.id, task: job.task })
  }

  function attempt(task: BatchTask): Promise<BatchResult[] | Error> {
    if (failure) return Promise.resolve(failure)
    // A batch still running when the pool closed (a run that failed): no new thread for it.
    if (closed) return Promise.resolve(new Error('pool closed'))
    const bytes = task.files.reduce((sum, file) => sum + sizeOf(file.absPath), 0)
    return new Promise((settle) => {
      queue.push({ id: nextId++, task, timeout: timeoutFor(task, bytes), settle })
      while (slots.size < workers) spawn()
      for (const slot of slots) next(slot)
    })
  }

  async function run(task: BatchTask): Promise<BatchResult[]> {
    const first = await attempt(task)
    if (!(first instanceof Error)) return first
    if (first instanceof StageLoadError) throw first
    return isolate(task, first, attempt)
  }

  async function close(): Promise<void> {
    closed = true
    for (const job of queue.splice(0)) job.settle(new Error('pool closed'))
    await Promise.all([...slots].map((slot) => slot.worker.terminate()))
  }

  for (let i = 0; i < workers; i++) spawn()
  return { run, close }
}
