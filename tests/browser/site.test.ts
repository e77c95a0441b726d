/**
 * The built content/ site in Chromium: home, a learning plan, an SDG page and
 * the map render without console errors, and axe-core finds no serious or
 * critical violation. Screenshots at 1280 and 360 px go to /tmp/shots/.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { hasChromium } from '../helpers/browser.ts'
import { servedInBrowser } from '../helpers/served.ts'
import { buildInto } from '../site/helpers.ts'

const PAGES = [
  { name: 'home', path: '/' },
  { name: 'plan', path: '/plans/learningplan-peru-2023/' },
  { name: 'sdg', path: '/sdgs/13/' },
  { name: 'map', path: '/map/' }
]

const axeSource = readFileSync('node_modules/axe-core/axe.min.js', 'utf8')

interface AxeResult {
  violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown }> }>
}

describe.skipIf(!hasChromium)('site in a browser', () => {
  const chromium = servedInBrowser(async () => (await buildInto('content')).outDir)

  for (const { name, path } of PAGES) {
    it(`renders ${name} without console errors or serious axe violations`, async () => {
      for (const width of [1280, 360]) {
        const page = await chromium.browser.newPage({ viewport: { width, height: 900 } })
        const errors: string[] = []
        page.on('console', (m) => {
          if (m.type() === 'error') errors.push(m.text())
        })
        page.on('pageerror', (e) => errors.push(e.message))
        const response = await page.goto(chromium.server.url + path)
        expect(response?.status()).toBe(200)
        expect(await page.locator('h1').count()).toBe(1)
        expect(await page.locator('main').count()).toBe(1)
        // No horizontal scrolling at 360 px.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
        expect(overflow, `${name} at ${width}px overflows`).toBeLessThanOrEqual(0)
        await page.screenshot({ path: `/tmp/shots/${name}-${width}.png`, fullPage: false })
        // Evaluated through the DevTools protocol: the page's CSP forbids inline scripts (addScriptTag).
        await page.evaluate(axeSource)
        const result = (await page.evaluate(() => (window as unknown as { axe: { run(): Promise<unknown> } }).axe.run())) as AxeResult
        const serious = result.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${JSON.stringify(v.nodes.slice(0, 3).map((n) => n.target))}`)
        expect(serious, `${name} at ${width}px`).toEqual([])
        expect(errors, `${name} at ${width}px`).toEqual([])
        await page.close()
      }
    })
  }
})
