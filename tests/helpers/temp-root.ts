/**
 * vitest globalSetup: every test (and every build or browser it starts) makes
 * its temporary folders under one root for this run, deleted at the end, so a
 * run leaves nothing behind (a corpus build alone writes ~300 MB).
 *
 * Nor any process: the root, inherited as TMPDIR, also marks the processes the
 * run started (see leaks.ts). At the end, those still running (a dev server, a
 * browser, a Pagefind indexer a test did not end) are killed and fail the run:
 * a throw from this teardown makes vitest exit non-zero.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeLeaks, reapLeakedProcesses } from './leaks.ts'

export default function setup(): () => Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'plan-archive-tests-'))
  // os.tmpdir() reads TMPDIR on each call; workers and child processes inherit it.
  process.env.TMPDIR = root
  return async () => {
    // Killed first: a leaked process may still be writing under the root.
    const leaked = await reapLeakedProcesses(root)
    rmSync(root, { recursive: true, force: true })
    if (leaked.length > 0) throw new Error(describeLeaks(leaked))
  }
}
