/**
 * A built site served and a browser open for the tests of one `describe` block.
 * Apart from browser.ts, which the bench imports outside vitest.
 */
import { mkdirSync } from 'node:fs'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { launchBrowser, serveStatic, type StaticServer } from './browser.ts'

/**
 * For the tests of the calling `describe`: serve the site `outDir()` gives (built by then) and
 * open Chromium before them, close both after them. Screenshots go to /tmp/shots/.
 * @returns the server and browser, set once the tests start
 */
export function servedInBrowser(outDir: () => string | Promise<string>, options: { prefix?: string } = {}): { server: StaticServer; browser: Browser } {
  const handle = {} as { server: StaticServer; browser: Browser }
  beforeAll(async () => {
    handle.server = await serveStatic(await outDir(), options)
    handle.browser = await launchBrowser()
    mkdirSync('/tmp/shots', { recursive: true })
  }, 300_000)
  afterAll(async () => {
    await handle.browser?.close()
    await handle.server?.close()
  })
  return handle
}
