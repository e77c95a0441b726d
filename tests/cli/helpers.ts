/** Run the command line in this process, as the bin does, capturing what it prints. */
import { spawnSync } from 'node:child_process'
import { join, resolve } from 'node:path'
import { main } from '../../src/cli/main.ts'

const REPO = resolve(import.meta.dirname, '../..')

export interface MainRun {
  code: number
  stdout: string
  stderr: string
}

/** `plan-archive <argv…>` through `main` (no child process: the argument and folder checks run in milliseconds). */
export async function runMain(argv: string[]): Promise<MainRun> {
  let stdout = ''
  let stderr = ''
  const out = process.stdout.write
  const err = process.stderr.write
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write
  try {
    return { code: await main(argv), stdout, stderr }
  } finally {
    process.stdout.write = out
    process.stderr.write = err
  }
}

/**
 * `plan-archive <argv…>` through the bin in a child process: for commands that run
 * Eleventy, whose config imports TypeScript that only the bin's tsx loader can read.
 */
export function runBin(argv: string[], cwd = REPO): MainRun {
  const r = spawnSync(process.execPath, [join(REPO, 'bin/plan-archive.js'), ...argv], { cwd, encoding: 'utf8', timeout: 120_000 })
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}
