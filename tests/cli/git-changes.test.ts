/** `changedFilesSince` in a temporary repository: committed, staged, unstaged, untracked, deleted. */
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { changedFilesSince } from '../../src/cli/git-changes.ts'

let repo: string
const git = (...args: string[]): string => execFileSync('git', args, { cwd: repo, encoding: 'utf8' })

beforeAll(() => {
  repo = realpathSync(mkdtempSync(join(tmpdir(), 'plan-archive-git-')))
  git('init', '-q', '-b', 'main')
  git('config', 'user.email', 'test@example.org')
  git('config', 'user.name', 'Test')
  mkdirSync(join(repo, 'content'))
  for (const name of ['a.md', 'b.md', 'c.md', 'gone.md', 'Café plan.md']) writeFileSync(join(repo, 'content', name), `# ${name}\n`)
  git('add', '.')
  git('commit', '-q', '-m', 'base')
  git('checkout', '-q', '-b', 'feature')
  writeFileSync(join(repo, 'content', 'a.md'), '# a, changed\n')
  writeFileSync(join(repo, 'content', 'Café plan.md'), '# changed\n')
  git('rm', '-q', join('content', 'gone.md'))
  git('commit', '-q', '-am', 'branch work')
  writeFileSync(join(repo, 'content', 'b.md'), '# b, uncommitted\n')
  writeFileSync(join(repo, 'content', 'new.md'), '# untracked\n')
})
afterAll(() => rmSync(repo, { recursive: true, force: true }))

describe('changedFilesSince', () => {
  it('lists branch commits, uncommitted and untracked files, not deletions or untouched files', async () => {
    const changed = await changedFilesSince('main', join(repo, 'content'))
    expect(changed).toEqual(['Café plan.md', 'a.md', 'b.md', 'new.md'].map((name) => join(repo, 'content', name)).sort())
  })

  it('rejects a bad revision with git’s own message, and option-like refs', async () => {
    await expect(changedFilesSince('no-such-branch', repo)).rejects.toThrow(/no-such-branch/)
    await expect(changedFilesSince('--output=/tmp/x', repo)).rejects.toThrow(/not a git revision/)
  })
})
