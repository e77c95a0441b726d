/** The thread that counts the archive's words (vocabulary.ts, `vocabularyInThread`): one message, one answer. */
import { parentPort } from 'node:worker_threads'
import { cachedVocabulary } from './vocabulary.ts'

interface Task {
  id: number
  records: Array<{ title: string; body: string }>
  cacheDir: string | null
}

parentPort!.on('message', async ({ id, records, cacheDir }: Task) => {
  try {
    parentPort!.postMessage({ id, words: [...(await cachedVocabulary(records, cacheDir))] })
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) })
  }
})
