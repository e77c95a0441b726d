/**
 * The search page's ergonomics in Chromium (#14), on a built site of 25
 * generated records (more than one page of results): words typed while search
 * loads are kept; filter values follow the current counts, values with none
 * folded away; a skip link leads from the query box to the results; "Show
 * more" is kept in the URL and Back from a result lists as many again, at the
 * same scroll position; on a phone, ticking a filter brings the results into view;
 * a goal named in the query ("SDG 13", "ODS 13", "objectif 13") is the SDG filter,
 * and a country named in it is offered as its filter.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launchBrowser, serveStatic, type StaticServer } from '../helpers/browser.ts'
import { buildInto } from '../site/helpers.ts'

const COUNTRIES = ['Peru', 'Kenya', 'India', 'Chile', 'Ghana']
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 })

/** 25 solutions: five per country; the word "glacier" only in Peru's, "market" in every fifth. */
function writeContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'search-state-'))
  for (let i = 0; i < 25; i++) {
    const country = COUNTRIES[i % 5]!
    const words = country === 'Peru' ? 'glacier meltwater for farmers' : i % 5 === 1 ? 'market stalls' : 'community gardens'
    writeFileSync(join(dir, `record-${String(i).padStart(2, '0')}.md`), [
      `# Record ${i}: ${words} in ${country}`, '', '[[type:solution]]', `[[country:${country}]]`, `[[year:${2015 + (i % 9)}]]`,
      `[[sdgs:${1 + (i % 17)}]]`, '', `A team worked on ${words} with neighbours, step ${i}.`, ''
    ].join('\n'))
  }
  return dir
}

describe.skipIf(!hasChromium)('search page ergonomics in Chromium', () => {
  let server: StaticServer
  let browser: Browser
  const status = (page: Page) => page.locator('[data-search-status]')

  beforeAll(async () => {
    const site = await buildInto(writeContent(), ['--no-cache'])
    server = await serveStatic(site.outDir)
    browser = await launchBrowser()
  }, 120_000)

  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  it('keeps the words typed while search was still loading', async () => {
    const page = await browser.newPage()
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/pagefind/**', async (route) => {
      await held
      await route.continue()
    })
    await page.goto(`${server.url}/search/`)
    await page.locator('#search-q').waitFor({ state: 'visible' })
    await page.locator('#search-q').fill('glacier')
    release()
    await poll(() => status(page).textContent()).toBe('5 records for “glacier”.')
    expect(await page.inputValue('#search-q')).toBe('glacier')
    expect(new URL(page.url()).searchParams.get('q')).toBe('glacier')
    await page.close()
  })

  it('orders filter values by their current counts and folds away those with none', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/search/?q=glacier`)
    await poll(() => status(page).textContent()).toBe('5 records for “glacier”.')
    const shown = page.locator('[data-filter="country"] li:not([hidden]) label')
    await poll(() => shown.allTextContents()).toEqual(['Peru (5)'])
    await page.goto(`${server.url}/search/?q=market`)
    await poll(() => status(page).textContent()).toBe('5 records for “market”.')
    await poll(() => shown.allTextContents()).toEqual(['Kenya (5)'])
    // Browsing: every country, by count (five each, then by name).
    await page.goto(`${server.url}/search/`)
    await poll(() => shown.allTextContents()).toEqual(COUNTRIES.map((c) => `${c} (5)`).sort())
    await page.close()
  })

  it('leads from the query box to the results with a skip link', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/search/?q=community`)
    await poll(() => status(page).textContent()).toBe('15 records for “community”.')
    await page.locator('#search-q').focus()
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to results')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-results')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('.result') !== null)).toBe(true)
    await page.close()
  })

  it('keeps "Show more" in the URL, and Back from a result lists as many again at the same place', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 700 } })
    await page.goto(`${server.url}/search/`)
    await poll(() => status(page).textContent()).toBe('25 records.')
    await page.locator('[data-search-more]').click()
    await poll(() => page.locator('.result').count()).toBe(20)
    expect(new URL(page.url()).searchParams.get('shown')).toBe('20')
    const target = page.locator('.result a').nth(16)
    await target.scrollIntoViewIfNeeded()
    const before = await page.evaluate(() => window.scrollY)
    expect(before).toBeGreaterThan(300)
    await target.click()
    await page.waitForURL(/\/record-\d+\/$/)
    await page.goBack()
    await poll(() => page.locator('.result').count()).toBe(20)
    await poll(() => page.evaluate(() => window.scrollY)).toBe(before)
    await page.close()
  })

  it('brings the results into view on a phone when a filter is ticked', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 740 }, isMobile: true })
    await page.goto(`${server.url}/search/`)
    await poll(() => status(page).textContent()).toBe('25 records.')
    await page.getByRole('button', { name: 'Show filters' }).click()
    const kenya = page.getByRole('checkbox', { name: /^Kenya/ })
    await kenya.scrollIntoViewIfNeeded()
    await kenya.check()
    await poll(() => status(page).textContent()).toBe('5 records with 1 filter.')
    await poll(() => status(page).evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(100)
    await page.close()
  })

  it('reads a goal named in the query as the SDG filter, with a way back to plain words', async () => {
    const page = await browser.newPage()
    for (const query of ['SDG 13', 'goal 13', 'ODS 13', 'objectif 13']) {
      await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`)
      await poll(() => status(page).textContent()).toBe('1 record.')
      expect(await page.locator('.result a').first().textContent(), query).toBe('Record 12: community gardens in India')
      await poll(() => page.locator('[data-search-note]').textContent()).toContain('Showing records tagged with 13. Climate Action.')
    }
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('ODS 5 gardens')}`)
    await poll(() => status(page).textContent()).toBe('1 record for “gardens”.')
    await page.getByRole('button', { name: 'Search for “ODS 5 gardens” as words instead' }).click()
    await poll(async () => new URL(page.url()).searchParams.get('words')).toBe('1')
    await poll(() => page.locator('[data-search-note]').isHidden()).toBe(true)
    await page.close()
  })

  it('offers a country named in the query as its filter', async () => {
    const page = await browser.newPage()
    await page.goto(`${server.url}/search/?q=${encodeURIComponent('gardens india')}`)
    const offer = page.getByRole('button', { name: 'Filter by country: India' })
    await offer.waitFor()
    await offer.click()
    await poll(() => status(page).textContent()).toBe('5 records for “gardens” with 1 filter.')
    const params = new URL(page.url()).searchParams
    expect([params.get('q'), params.get('country')]).toEqual(['gardens', 'IND'])
    await page.close()
  })
})
