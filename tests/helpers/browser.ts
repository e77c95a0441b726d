/**
 * Browser-test helpers: Debian's Chromium driven by playwright-core (no browser
 * download), and a static file server on loopback for a built `dist/`.
 */
import { existsSync, readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** True when the Chromium binary is installed (`apt-get install -y chromium`). */
export const hasChromium = existsSync(CHROMIUM_PATH)

/** Launch headless Chromium with the flags this closed-network machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pf_meta': 'application/octet-stream',
  '.pf_index': 'application/octet-stream',
  '.pf_fragment': 'application/octet-stream',
  '.pf_filter': 'application/octet-stream'
}

export interface StaticServer {
  url: string
  /** Bytes served per request path, for measuring what a page fetches. */
  served: Map<string, number>
  close(): Promise<void>
}

/**
 * Serve `dir` on 127.0.0.1 at a free port, like a static host (dir/ → dir/index.html, 404.html).
 * With `prefix` (`/repo/`), as GitHub Pages serves a project site: the folder answers only
 * under that path, its 404.html for what is missing there, and nothing at all outside it.
 */
export async function serveStatic(dir: string, options: { prefix?: string } = {}): Promise<StaticServer> {
  const root = resolve(dir)
  const prefix = options.prefix ?? '/'
  const served = new Map<string, number>()
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    if (!`${url.pathname}/`.startsWith(prefix)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Nothing is served outside the site path')
      return
    }
    let path = normalize(join(root, decodeURIComponent(url.pathname.slice(prefix.length - 1))))
    if (!path.startsWith(root)) {
      res.writeHead(403).end()
      return
    }
    try {
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html')
      const body = await readFile(path)
      served.set(url.pathname, (served.get(url.pathname) ?? 0) + body.length)
      res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'application/octet-stream' })
      res.end(body)
    } catch {
      const notFound = join(root, '404.html')
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
      res.end(existsSync(notFound) ? await readFile(notFound) : 'Not found')
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    close: () => new Promise((done) => server.close(() => done()))
  }
}

/** The page's WCAG 2 A and AA violations found by axe-core, each as `rule: [first targets]`. */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(readFileSync('node_modules/axe-core/axe.min.js', 'utf8'))
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run(o: unknown): Promise<unknown> } }).axe.run({ runOnly: ['wcag2a', 'wcag2aa'] })
  )) as { violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }
  return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
}
