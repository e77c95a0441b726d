/**
 * The leak check of the run's teardown (leaks.ts): which processes count as the
 * run's, and a real leaked process found, named and killed.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeLeaks, kindOf, listProcesses, reapLeakedProcesses, runProcesses, type ProcessEntry } from './leaks.ts'

const ROOT = '/tmp/plan-archive-tests-AbC123'

describe('runProcesses', () => {
  const entry = (pid: number, ppid: number, tmpdir: string | null, command = 'x'): ProcessEntry => ({ pid, ppid, command, tmpdir })

  it('keeps the processes started under the run root, except the runner and its workers', () => {
    const entries = [
      entry(100, 1, ROOT, 'node vitest run'), // the runner (its environ shows the value it was started with; here, say, the root)
      entry(101, 100, ROOT, 'node node_modules/vitest/dist/workers/forks.js'), // a worker
      entry(102, 101, ROOT, 'node bin/plan-archive.js serve'), // started by a test
      entry(103, 102, `${ROOT}/serve-x1`, 'node bin/plan-archive.js serve --child'), // a test gave it a folder of the root
      entry(104, 1, ROOT, '/usr/lib/chromium/chrome_crashpad_handler'), // an orphan
      entry(105, 1, `${ROOT}-other`, 'pagefind'), // another run's root that starts with ours
      entry(106, 1, null, 'sleep 1000'), // no TMPDIR
      entry(107, 1, '/tmp', 'sleep 1000')
    ]
    expect(runProcesses(entries, ROOT, 100).map((e) => e.pid)).toEqual([102, 103, 104])
  })

  it('names the kinds the suite starts', () => {
    expect(kindOf('/usr/bin/node /repo/bin/plan-archive.js serve --child --port 8080')).toBe('plan-archive serve / Eleventy')
    expect(kindOf('/usr/lib/chromium/chromium --headless')).toBe('Chromium')
    expect(kindOf('/usr/lib/chromium/chrome_crashpad_handler --monitor-self')).toBe('Chromium')
    expect(kindOf('/repo/node_modules/@pagefind/linux-x64/bin/pagefind_extended --service')).toBe('Pagefind')
    expect(kindOf('sleep 1000')).toBe('other')
  })
})

describe('listProcesses', () => {
  it('reads pid, parent, command line and TMPDIR from a /proc-like folder', () => {
    const proc = mkdtempSync(join(tmpdir(), 'proc-'))
    const add = (pid: number, stat: string, cmdline: string[], environ: string[] | null): void => {
      mkdirSync(join(proc, String(pid)))
      writeFileSync(join(proc, String(pid), 'stat'), stat)
      writeFileSync(join(proc, String(pid), 'cmdline'), cmdline.map((arg) => `${arg}\0`).join(''))
      if (environ) writeFileSync(join(proc, String(pid), 'environ'), environ.map((v) => `${v}\0`).join(''))
    }
    // A command name with a space and a parenthesis: the parent is read after the last ')'.
    add(42, '42 (odd) name) S 7 42 42 0 -1', ['pagefind', '--service'], ['HOME=/root', `TMPDIR=${ROOT}`])
    add(43, '43 (sleep) S 1 43 43 0 -1', ['sleep', '1000'], null)
    mkdirSync(join(proc, 'self'))
    const entries = listProcesses(proc).sort((a, b) => a.pid - b.pid)
    expect(entries).toEqual([
      { pid: 42, ppid: 7, command: 'pagefind --service', tmpdir: ROOT },
      { pid: 43, ppid: 1, command: 'sleep 1000', tmpdir: null }
    ])
  })

  it('does not count this test worker as a leak (vitest forks it: the runner is its parent)', () => {
    const root = process.env.TMPDIR!
    const self = listProcesses().find((entry) => entry.pid === process.pid)
    expect(self?.tmpdir).toBe(root)
    expect(runProcesses(listProcesses(), root, process.ppid).map((entry) => entry.pid)).not.toContain(process.pid)
  })
})

describe('reapLeakedProcesses', () => {
  it('finds a process left running under the root, kills it and names it', async () => {
    // A root of its own under the run's: the run's teardown would also see it, should this test fail to end it.
    const root = mkdtempSync(join(tmpdir(), 'leak-'))
    const leak = spawn('sleep', ['1000'], { argv0: 'pagefind_extended', env: { ...process.env, TMPDIR: root }, stdio: 'ignore' })
    const exited = new Promise((done) => leak.once('exit', (_code, signal) => done(signal)))
    try {
      // /proc shows the new environment once the child has exec'd.
      for (let i = 0; i < 50 && !listProcesses().some((e) => e.pid === leak.pid && e.tmpdir === root); i++) await new Promise((done) => setTimeout(done, 20))
      const leaked = await reapLeakedProcesses(root, { runner: process.ppid, graceMs: 300 })
      expect(leaked.map((entry) => entry.pid)).toEqual([leak.pid])
      expect(describeLeaks(leaked)).toContain(`pid ${leak.pid} (parent ${process.pid}) [Pagefind]: pagefind_extended 1000`)
      expect(await exited).toBe('SIGTERM')
      expect(await reapLeakedProcesses(root, { runner: process.ppid, graceMs: 0 })).toEqual([])
    } finally {
      leak.kill('SIGKILL')
    }
  })
})
