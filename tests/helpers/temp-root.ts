/**
 * vitest globalSetup: every test (and every build or browser it starts) makes
 * its temporary folders under one root for this run, deleted at the end, so a
 * run leaves nothing behind (a corpus build alone writes ~300 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'plan-archive-tests-'))
  // os.tmpdir() reads TMPDIR on each call; workers and child processes inherit it.
  process.env.TMPDIR = root
  return () => rmSync(root, { recursive: true, force: true })
}
