/** The thread that counts the archive's words (vocabulary.ts, `countInThread`): one message, one answer. */
import { parentPort } from 'node:worker_threads'
import { vocabulary } from './vocabulary.ts'

parentPort!.on('message', async ({ id, records }: { id: number; records: Array<{ title: string; body: string }> }) => {
  try {
    parentPort!.postMessage({ id, words: [...(await vocabulary(records))] })
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
