/**
 * Writes the pages Eleventy renders on a thread of their own, so creating
 * folders and files overlaps with rendering the next pages.
 *
 * Why: Eleventy writes each page on its main thread with `mkdirSync` and
 * `writeFileSync` (synchronous on purpose, 11ty/eleventy#3271), and its
 * `writeMode: "async"` only queues open/write/close steps that wait for the
 * main thread between pages. On a disk mounted with `discard`, creating the
 * corpus site's folders and files costs seconds of kernel time on that thread
 * (docs/performance.md), while the second core idles (the parse threads are gone). `buildSite` runs Eleventy with
 * `dryRun` and hands every rendered page here from a last transform
 * (see plugin.ts); `plan-archive serve` keeps Eleventy's own writes.
 */
import { Worker } from 'node:worker_threads'

export interface PageWriter {
  /**
   * Queue one rendered page (its content is copied to the writer thread).
   * Resolves at once, or once the thread has caught up when more than
   * `BACKLOG_BYTES` wait to be written (await it to bound memory).
   */
  write(outputPath: string, content: string | Uint8Array): Promise<void>
  /** Queue a file that is not a rendered page (a static asset). */
  copy(outputPath: string, content: Uint8Array): Promise<void>
  /** Wait until every queued file is on disk; rejects with the first write error. Ends the thread. */
  close(): Promise<{ pages: number; files: number }>
  /** Stop the thread without waiting (after a failed build). */
  abort(): Promise<void>
}

/**
 * Content queued and not yet written above which `write` waits: when the
 * disk is slow (see above) the thread falls behind the renderer, and the
 * queue would otherwise hold every page of the site.
 */
export const BACKLOG_BYTES = 32 * 1024 * 1024
/** The thread reports what it wrote at least this often, in bytes. */
const ACK_BYTES = 1024 * 1024

/**
 * The thread's code, plain JavaScript so it boots without the TypeScript
 * loader: pages arrive in order, each folder is created once, the first
 * error is kept and reported at the end (the pages after it are skipped).
 */
const THREAD = `
const { parentPort } = require('node:worker_threads')
const { mkdirSync, writeFileSync } = require('node:fs')
const { dirname } = require('node:path')
const made = new Set()
let pages = 0
let files = 0
let error = null
let unacked = 0
parentPort.on('message', (message) => {
  if (message === 'close') {
    parentPort.postMessage(error ? { error } : { pages, files })
    return
  }
  if (!error) {
    try {
      const dir = dirname(message.path)
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true })
        made.add(dir)
      }
      writeFileSync(message.path, message.content)
      files++
      if (message.page) pages++
    } catch (e) {
      error = String(e && e.message || e)
    }
  }
  unacked += message.content.length
  if (unacked >= ${ACK_BYTES}) {
    parentPort.postMessage({ written: unacked })
    unacked = 0
  }
})
`

type Reply = { written: number } | { pages: number; files: number } | { error: string }

/** Start the writer thread. */
export function startPageWriter(): PageWriter {
  const worker = new Worker(THREAD, { eval: true })
  let exit: Error | null = null
  let backlog = 0
  /** Writers waiting for the backlog to shrink (pages of several templates render at once). */
  let waiting: Array<() => void> = []
  const release = (): void => {
    for (const resolve of waiting) resolve()
    waiting = []
  }
  let closing: ((reply: Reply) => void) | null = null
  worker.on('error', (e) => {
    exit = e
    release()
  })
  worker.on('message', (reply: Reply) => {
    if ('written' in reply) {
      backlog -= reply.written
      if (backlog < BACKLOG_BYTES) release()
    } else closing?.(reply)
  })
  const send = (path: string, content: string | Uint8Array, page: boolean): Promise<void> => {
    worker.postMessage({ path, content, page })
    backlog += content.length
    if (backlog < BACKLOG_BYTES || exit) return Promise.resolve()
    return new Promise((resolve) => waiting.push(resolve))
  }
  return {
    write: (path, content) => send(path, content, true),
    copy: (path, content) => send(path, content, false),
    close() {
      return new Promise((resolve, reject) => {
        if (exit) return reject(exit)
        closing = (reply) => {
          void worker.terminate()
          if ('error' in reply) reject(new Error(`writing the site failed: ${reply.error}`))
          else if ('pages' in reply) resolve(reply)
        }
        worker.once('error', reject)
        worker.postMessage('close')
      })
    },
    async abort() {
      await worker.terminate()
    }
  }
}
