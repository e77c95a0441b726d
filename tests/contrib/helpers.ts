/** Helpers for the contributor-tooling tests: the real CLI, run as a contributor would. */
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { runMain } from '../cli/helpers.ts'

/** The repository root (tests/contrib/../..). */
export const REPO = resolve(import.meta.dirname, '../..')

/** The corpus of real pages, beside the checkout; absent on a plain clone. */
export const CORPUS = resolve(REPO, '../shared/corpus/sdg-commons/pages')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Run `plan-archive <args…>` through the package's own bin, in `cwd`. */
export function cli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliResult {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/plan-archive.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    timeout: 60_000
  })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/**
 * Run the `new` command in this process (much faster than a child process),
 * capturing what it writes; always pass `--out`, as the cwd is the repository.
 */
export async function runNew(args: string[]): Promise<CliResult> {
  return runMain(['new', ...args])
}

/** A fresh temporary folder. */
export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `plan-archive-${prefix}-`))
}
