/**
 * `plan-archive serve`: Eleventy's dev server over a copy of content/, and a
 * live rebuild when a content file changes.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const REPO = resolve(import.meta.dirname, '../..')
const PORT = 20000 + (process.pid % 20000)

async function until<T>(probe: () => Promise<T | null>, seconds: number): Promise<T> {
  const deadline = Date.now() + seconds * 1000
  for (;;) {
    const value = await probe().catch(() => null)
    if (value !== null) return value
    if (Date.now() > deadline) throw new Error(`not within ${seconds} s`)
    await new Promise((done) => setTimeout(done, 250))
  }
}

const page = (path: string) => async (): Promise<string | null> => {
  const response = await fetch(`http://127.0.0.1:${PORT}${path}`)
  return response.ok ? await response.text() : null
}

describe('plan-archive serve', () => {
  const work = mkdtempSync(join(tmpdir(), 'serve-'))
  const content = join(work, 'content')
  cpSync(join(REPO, 'content'), content, { recursive: true })
  let server: ChildProcess | null = null
  afterAll(() => {
    // The supervisor runs the server in a child of its own: end the whole group.
    if (server?.pid) process.kill(-server.pid, 'SIGTERM')
  })

  it('serves the site and rebuilds it when a content file changes', async () => {
    server = spawn(process.execPath, ['bin/plan-archive.js', 'serve', '--content', content, '--out', join(work, 'dist'), '--port', String(PORT)], {
      cwd: REPO,
      detached: true,
      stdio: 'ignore'
    })
    const home = await until(page('/'), 60)
    expect(home).toContain('Learning plan archive')

    const file = join(content, 'plans', 'learningplan-peru-2023.md')
    writeFileSync(file, readFileSync(file, 'utf8').replace('# From citizen participation to citizen action', '# Live reload reaches readers'))
    const plan = await until(async () => {
      const html = await page('/plans/learningplan-peru-2023/')()
      return html?.includes('Live reload reaches readers') ? html : null
    }, 60)
    expect(plan).toContain('<h1')
  })
})
