/**
 * Reading comfort in Chromium (#14), on the built seed site: the dark scheme
 * passes axe (contrast included), print hides the site around the record and
 * writes link targets out, `/` focuses search, on a phone the body starts on
 * the first screen, and on a wide screen the contents stand beside the text.
 * Screenshots go to /tmp/shots/.
 */
import { mkdirSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { axeViolations, hasChromium, launchBrowser, serveStatic, type StaticServer } from '../helpers/browser.ts'
import { buildInto } from '../site/helpers.ts'

const PLAN = '/plans/learningplan-peru-2023/'

describe.skipIf(!hasChromium)('reading comfort in a browser', () => {
  let server: StaticServer
  let browser: Browser

  beforeAll(async () => {
    // With its search index: the search page's own box is shown only once search has loaded.
    const site = await buildInto('content', ['--no-cache'])
    server = await serveStatic(site.outDir)
    browser = await launchBrowser()
    mkdirSync('/tmp/shots', { recursive: true })
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('has a dark scheme with no A/AA violation on a plan, the home and the search page', async () => {
    const page = await browser.newPage({ colorScheme: 'dark', viewport: { width: 1280, height: 900 } })
    for (const path of [PLAN, '/', '/search/?q=citizen']) {
      await page.goto(server.url + path)
      if (path.startsWith('/search/')) await page.locator('.result').first().waitFor()
      const background = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor)
      expect(background, path).toBe('rgb(21, 24, 28)')
      expect(await axeViolations(page), path).toEqual([])
      await page.screenshot({ path: `/tmp/shots/dark${path.replace(/[^a-z0-9]+/gi, '-')}.png` })
    }
    await page.close()
  })

  it('shows excerpts of the matching text, never of the summary box', async () => {
    const page = await browser.newPage()
    await page.goto(server.url + '/search/?q=participation')
    await page.locator('.result').first().waitFor()
    const excerpts = await page.locator('.result__excerpt').allTextContents()
    expect(excerpts.length).toBeGreaterThanOrEqual(3)
    for (const text of excerpts) {
      expect(text).toMatch(/participat/i)
      expect(text).not.toMatch(/\bSummary\b|Country|Learning stages|Thematic areas|Focal point|LEARNING PLAN|Home/)
    }
    await page.close()
  })

  it('prints the record alone, with its link targets written out', async () => {
    const page = await browser.newPage()
    await page.goto(server.url + PLAN)
    await page.emulateMedia({ media: 'print' })
    const shown = await page.evaluate(() =>
      ['.site-header', '.site-nav', '.site-footer', '.related', '.toc', '.breadcrumb', '.summary', '.record__body'].map((s) => {
        const el = document.querySelector(s)
        return el ? [s, getComputedStyle(el).display !== 'none'] : [s, null]
      })
    )
    expect(Object.fromEntries(shown)).toMatchObject({
      '.site-header': false, '.site-nav': false, '.site-footer': false, '.toc': false, '.breadcrumb': false, '.summary': true, '.record__body': true
    })
    const after = await page.evaluate(() => {
      const link = document.querySelector('.record__body a[href^="http"]')
      return link ? getComputedStyle(link, '::after').content : null
    })
    if (after !== null) expect(after).toMatch(/^" <http/)
    await page.pdf({ path: '/tmp/shots/plan-print.pdf' })
    await page.close()
  })

  it('focuses search on "/", but not while the reader types in a field', async () => {
    const page = await browser.newPage()
    await page.goto(server.url + PLAN)
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search-q')
    await page.keyboard.type('a/b')
    expect(await page.inputValue('#site-search-q')).toBe('a/b')
    await page.goto(server.url + '/search/')
    await page.locator('#search-q').waitFor({ state: 'visible' })
    await page.locator('body').click({ position: { x: 5, y: 300 } })
    await page.keyboard.press('/')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-q')
    await page.close()
  })

  it('starts the body of a plan on the first screen of a phone, and puts its contents beside the text on a wide screen', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true })
    await phone.goto(server.url + PLAN)
    const bodyTop = await phone.evaluate(() => document.querySelector('.record__body')!.getBoundingClientRect().top)
    await phone.screenshot({ path: '/tmp/shots/plan-phone-first-screen.png' })
    expect(bodyTop).toBeLessThan(740 - 80)
    await phone.close()

    const wide = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await wide.goto(server.url + PLAN)
    const [toc, body] = await wide.evaluate(() => ['.toc', '.record__body'].map((s) => {
      const r = document.querySelector(s)!.getBoundingClientRect()
      return { left: r.left, top: r.top, right: r.right }
    }))
    expect(toc!.left).toBeGreaterThan(body!.right)
    expect(Math.abs(toc!.top - body!.top)).toBeLessThan(40)
    await wide.screenshot({ path: '/tmp/shots/plan-wide-toc.png' })
    await wide.close()
  })
})
