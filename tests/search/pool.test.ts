/**
 * The shard pool (src/search/pool.ts) never waits forever on Pagefind: a shard
 * that does not finish within the deadline is indexed again in a fresh process,
 * and a second stall fails the shard with a message instead of stalling the build.
 * Pagefind is replaced by a fake whose service can stop answering.
 */
import { mkdtempSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { indexShards, type PoolOptions, type ShardJob } from '../../src/search/pool.ts'

/** A fake `pagefind` module whose first `stalls` indexing calls never answer. */
function fakePagefind(stalls: number) {
  const calls = { created: 0, closed: 0 }
  const module = {
    createIndex: async () => {
      calls.created++
      const stalled = calls.created <= stalls
      return {
        errors: [],
        index: {
          addDirectory: () => (stalled ? new Promise(() => {}) : Promise.resolve({ errors: [], page_count: 1 })),
          writeFiles: async ({ outputPath }: { outputPath: string }) => {
            await mkdir(outputPath, { recursive: true })
            await writeFile(join(outputPath, 'pagefind-entry.json'), '{}')
            return { errors: [], outputPath }
          }
        }
      }
    },
    close: async () => void calls.closed++
  }
  return { calls, load: (async () => module) as unknown as NonNullable<PoolOptions['load']> }
}

const job = (): ShardJob => ({
  slot: 0,
  key: 'k',
  pages: [{ path: 'a/index.html', url: '/a/', sha256: '', bytes: 1, sort: {} } as unknown as ShardJob['pages'][number]],
  dir: mkdtempSync(join(tmpdir(), 'pool-test-'))
})

describe('indexShards', () => {
  it('indexes a stalled shard again in a fresh process, and finishes', async () => {
    const { calls, load } = fakePagefind(1)
    const [result] = await indexShards('/site', [job()], {}, 1, async () => 'written', { deadlineMs: 200, load })
    expect(result!.errors).toEqual([])
    expect(result!.bundle).toBe('written')
    expect(calls.created).toBe(2)
    expect(calls.closed).toBeGreaterThanOrEqual(2)
  })

  it('fails a shard that stalls twice, saying so, instead of waiting forever', async () => {
    const { load } = fakePagefind(2)
    const [result] = await indexShards('/site', [job()], {}, 1, async () => 'written', { deadlineMs: 200, load })
    expect(result!.errors).toEqual(['shard 0: Pagefind did not finish within 0 s, twice'])
    expect(result!.bundle).toBeNull()
  })
})
