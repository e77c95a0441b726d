/**
 * The files a pull request touches: what `git diff REF...HEAD` lists as
 * added, copied, modified or renamed, plus uncommitted and untracked changes,
 * so a contributor sees locally what CI will check.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

async function git(args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await run('git', args, { cwd, maxBuffer: 256 * 1024 * 1024, encoding: 'utf8' })
    return stdout
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim()
    throw new Error(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`)
  }
}

/** NUL-separated git output (`-z`): safe for names with spaces, quotes or non-ASCII. */
function names(output: string): string[] {
  return output.split('\0').filter((name) => name !== '')
}

/**
 * Files changed since `ref` (committed on this branch, staged, unstaged or untracked), deletions excluded.
 * @param ref a git revision, e.g. `origin/main`
 * @param cwd any folder inside the repository
 * @returns absolute paths, sorted, of files that exist now
 */
export async function changedFilesSince(ref: string, cwd: string): Promise<string[]> {
  if (ref === '' || ref.startsWith('-')) throw new Error(`not a git revision: "${ref}"`)
  const top = (await git(['rev-parse', '--show-toplevel'], cwd)).trim()
  const [committed, uncommitted, untracked] = await Promise.all([
    git(['diff', '--name-only', '-z', '--diff-filter=ACMR', `${ref}...HEAD`, '--'], top),
    git(['diff', '--name-only', '-z', '--diff-filter=ACMR', 'HEAD', '--'], top),
    git(['ls-files', '--others', '--exclude-standard', '-z'], top)
  ])
  const all = new Set([...names(committed), ...names(uncommitted), ...names(untracked)].map((name) => resolve(top, name)))
  // A file changed on the branch and then deleted in the working tree has nothing left to check.
  return [...all].filter((path) => existsSync(path)).sort()
}
