/**
 * Helpers of the site tests: build a corpus into a temporary folder, read the
 * built files, and pull links and ids out of HTML (regexes are enough: the
 * HTML is our own serialised output).
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import type { BuildSummary } from '../../src/build.ts'

export interface BuildRun extends BuildSummary {
  /** Peak resident memory of the build process, bytes (from /usr/bin/time when present). */
  peakRssBytes: number | null
  stderr: string
}

/**
 * Build `contentDir` into a fresh temporary folder through `plan-archive build`
 * in a child process (no search index and no parse cache unless `args` say otherwise).
 * Asynchronous on purpose: a corpus build takes minutes, and a test worker whose
 * thread is blocked that long misses vitest's own messages (the run then fails
 * with "Timeout calling onTaskUpdate" although every test passed).
 */
export async function buildInto(contentDir: string, args: string[] = ['--no-search', '--no-cache'], outDir = mkdtempSync(join(tmpdir(), 'site-test-'))): Promise<BuildRun> {
  const script = ['tests/site/run-build.js', '--content', contentDir, '--out', outDir, '--json', ...args]
  const timed = statSync('/usr/bin/time', { throwIfNoEntry: false })
  const [cmd, argv] = timed ? ['/usr/bin/time', ['-f', 'PEAK_RSS_KB=%M', process.execPath, ...script]] : [process.execPath, script]
  const child = await new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    execFile(cmd, argv as string[], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      done({ status: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr })
    )
  })
  if (child.status !== 0) throw new Error(`build failed (${child.status}):\n${child.stderr}\n${child.stdout}`)
  const peak = child.stderr.match(/PEAK_RSS_KB=(\d+)/)
  const summary = JSON.parse(child.stdout.trim().split('\n').pop()!) as BuildSummary
  return { ...summary, peakRssBytes: peak ? Number(peak[1]) * 1024 : null, stderr: child.stderr }
}

/** Every file of a built site, by `/`-separated path relative to the root. */
export function listFiles(root: string): string[] {
  const out: string[] = []
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name)
      if (statSync(path).isDirectory()) walk(path)
      else out.push(relative(root, path).split(sep).join('/'))
    }
  }
  walk(root)
  return out
}

/** Site URL of an output file (`plans/x/index.html` → `/plans/x/`). */
export function urlOf(file: string): string {
  return `/${file}`.replace(/index\.html$/, '')
}

/** All `href`/`src`/`action` attribute values of a page, entity-decoded. */
export function linksOf(html: string): string[] {
  const out: string[] = []
  for (const m of html.matchAll(/\s(?:href|src|action)="([^"]*)"/g)) out.push(decodeEntities(m[1]!))
  return out
}

/** All `id` attribute values of a page. */
export function idsOf(html: string): Set<string> {
  return new Set([...html.matchAll(/\sid="([^"]*)"/g)].map((m) => decodeEntities(m[1]!)))
}

export function decodeEntities(value: string): string {
  return value
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/**
 * Internal links that do not resolve: the file must exist and, with a `#hash`,
 * the target page must carry that id. Returns `page → link` descriptions.
 */
export function brokenLinks(root: string, files: string[], options: { authorLinks?: boolean } = {}): string[] {
  const fileSet = new Set(files)
  const idCache = new Map<string, Set<string>>()
  const ids = (file: string): Set<string> => {
    let s = idCache.get(file)
    if (!s) idCache.set(file, (s = idsOf(readFileSync(join(root, file), 'utf8'))))
    return s
  }
  const broken: string[] = []
  for (const file of files.filter((f) => f.endsWith('.html'))) {
    let html = readFileSync(join(root, file), 'utf8')
    const base = `http://site.invalid${urlOf(file)}`
    let extra: string[] = []
    if (options.authorLinks === false) {
      // Links authors wrote in a body may point anywhere; keep only the lifted images we wrote.
      const start = html.indexOf('<div class="record__body')
      const end = html.indexOf('<p class="record__source"')
      if (start >= 0 && end > start) {
        extra = linksOf(html.slice(start, end)).filter((l) => l.startsWith('/assets/'))
        html = html.slice(0, start) + html.slice(end)
      }
    }
    for (const link of new Set([...linksOf(html), ...extra])) {
      if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(link)) continue // external, mailto:, data:
      const url = new URL(link, base)
      let path = decodeURIComponent(url.pathname).replace(/^\//, '')
      if (path === '' || path.endsWith('/')) path += 'index.html'
      if (url.pathname.startsWith('/pagefind/')) continue // written by the search stage
      const target = fileSet.has(path) ? path : null
      if (!target) {
        broken.push(`${file} → ${link} (no file)`)
        continue
      }
      const hash = decodeURIComponent(url.hash.slice(1))
      if (hash && target.endsWith('.html') && !ids(target).has(hash)) broken.push(`${file} → ${link} (no id)`)
    }
  }
  return broken
}

/** Read a built file as text. */
export function read(root: string, file: string): string {
  return readFileSync(join(root, file), 'utf8')
}
