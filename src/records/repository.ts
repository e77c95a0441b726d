/** Where the repository that holds a folder begins. */
import { existsSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

/**
 * The first of `dir` and its parents that has a `.git` entry (a folder, or a
 * file in a worktree or submodule): the repository root.
 * @returns its absolute path, or null when `dir` is in no repository
 */
export function repositoryRoot(dir: string): string | null {
  for (let at = resolve(dir); ; at = dirname(at)) {
    if (existsSync(join(at, '.git'))) return at
    if (dirname(at) === at) return null
  }
}
