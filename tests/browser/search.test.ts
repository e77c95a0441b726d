/**
 * The search page in Chromium: query, filters with live counts, the announced
 * result count, result links, URL state restored by back/forward, the empty
 * state and the no-JavaScript fallback, under a strict CSP and a path prefix.
 */
import { mkdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { createRequire } from 'node:module'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launchBrowser, serveStatic, type StaticServer } from '../helpers/browser.ts'
import { buildFixtureSite, PREFIX, type FixtureSite } from '../search/fixture-site.ts'

const SHOTS = '/tmp/shots'
/** Wait for the page to settle: generous, the machine may be busy with other builds. */
const poll = <T>(fn: () => Promise<T>) => expect.poll(fn, { timeout: 20_000, interval: 100 })
let site: FixtureSite
let server: StaticServer
let browser: Browser

describe.skipIf(!hasChromium)('search page in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true })
    site = await buildFixtureSite()
    server = await serveStatic(site.root)
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A page that records console errors (CSP violations included) and page errors. */
  async function openPage(width = 1280): Promise<{ page: Page; errors: string[] }> {
    const page = await browser.newPage({ viewport: { width, height: 900 } })
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    if (process.env.DEBUG_SEARCH) page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()))
    return { page, errors }
  }

  const status = (page: Page) => page.locator('[data-search-status]')

  it('searches, filters, announces the count, and restores it all with the back button', async () => {
    const { page, errors } = await openPage()
    await page.goto(`${server.url}${PREFIX}search/`)
    await poll(() => status(page).textContent()).toBe(`${site.records.length} records.`)
    expect(await status(page).getAttribute('aria-live')).toBe('polite')

    await page.locator('#search-q').fill('learning')
    await poll(() => status(page).textContent()).toBe('3 records for “learning”.')
    const sdg16 = page.getByRole('checkbox', { name: /^16\. Peace, justice and strong institutions/ })
    // Live count of what ticking it would give: 1 of the 3 carries SDG 16.
    await poll(() => page.locator('label', { has: page.getByText('16. Peace, justice') }).textContent()).toContain('(1)')
    await sdg16.check()
    await poll(() => status(page).textContent()).toBe('1 record for “learning” with 1 filter.')
    expect(new URL(page.url()).search).toBe('?q=learning&sdg=16')
    await page.screenshot({ path: `${SHOTS}/search-1280.png`, fullPage: true })

    const result = page.locator('[data-search-results] a').first()
    expect(await result.textContent()).toBe('Participation, trust and social capital')
    await result.click()
    await page.waitForURL(/\/plans\/paraguay-trust\/$/)
    expect(await page.locator('h1').textContent()).toBe('Participation, trust and social capital')

    await page.goBack()
    await poll(() => status(page).textContent()).toBe('1 record for “learning” with 1 filter.')
    expect(await page.locator('#search-q').inputValue()).toBe('learning')
    expect(await page.getByRole('checkbox', { name: /^16\. Peace/ }).isChecked()).toBe(true)

    // One step further back: the same words, without the filter (popstate, no reload).
    await page.goBack()
    await poll(() => status(page).textContent()).toBe('3 records for “learning”.')
    expect(await page.getByRole('checkbox', { name: /^16\. Peace/ }).isChecked()).toBe(false)
    expect(errors).toEqual([])
    await page.close()
  })

  it('restores a bookmarked view: OR within a filter, AND across filters, sort', async () => {
    const { page, errors } = await openPage()
    await page.goto(`${server.url}${PREFIX}search/?sdg=6&sdg=13&sort=oldest`)
    await poll(() => status(page).textContent()).toBe('2 records with 2 filters.')
    const titles = await page.locator('[data-search-results] h2').allTextContents()
    expect(titles).toEqual(['تمكين المرأة في إدارة المياه', 'Glacier meltwater and Andean farmers'])
    expect(await page.locator('#search-sort').inputValue()).toBe('oldest')
    await page.goto(`${server.url}${PREFIX}search/?sdg=16&country=PER`)
    await poll(() => status(page).textContent()).toBe('1 record with 2 filters.')
    expect(errors).toEqual([])
    await page.close()
  })

  it('says clearly when nothing matches and how to widen the search', async () => {
    const { page } = await openPage()
    await page.goto(`${server.url}${PREFIX}search/?q=zebrafish&country=PER`)
    await poll(() => status(page).textContent()).toBe('Nothing matches “zebrafish” with 1 filter: remove a filter or try fewer words.')
    await page.getByRole('button', { name: 'Clear all filters' }).click()
    await poll(() => status(page).textContent()).toBe('1 record for “zebrafish”.')
    const excerpt = page.locator('.result__excerpt mark')
    expect(await excerpt.first().textContent()).toBe('zebrafish')
    await page.close()
  })

  it('suggests the archive’s own words for a misspelling, with what the corrected query finds', async () => {
    const { page, errors } = await openPage()
    // The fixture's bodies share few words (the word files keep words of two records or more): `the` is one.
    await page.goto(`${server.url}${PREFIX}search/?q=teh`)
    const offer = page.locator('[data-search-note] button', { hasText: 'the (3)' })
    await poll(() => offer.count()).toBe(1)
    expect(await page.locator('[data-search-results] li').count()).toBe(0)
    // The word files come from the build, under the site's path.
    expect([...server.served.keys()].some((url) => url.startsWith(`${PREFIX}search/words/`))).toBe(true)
    await offer.click()
    await poll(() => status(page).textContent()).toBe('3 records for “the”.')
    expect(new URL(page.url()).searchParams.get('q')).toBe('the')
    // A word the archive lacks: nothing listed, whatever Pagefind's fallback finds.
    await page.goto(`${server.url}${PREFIX}search/?q=xqzvlorp`)
    await poll(() => status(page).textContent()).toMatch(/^(?:No record contains|Nothing matches) “xqzvlorp”/)
    expect(await page.locator('[data-search-results] li').count()).toBe(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('is usable at 360 px: filters fold behind a toggle', async () => {
    const { page, errors } = await openPage(360)
    await page.goto(`${server.url}${PREFIX}search/?q=learning`)
    await poll(() => status(page).textContent()).toBe('3 records for “learning”.')
    const toggle = page.getByRole('button', { name: 'Show filters' })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByRole('checkbox').first().isVisible()).toBe(false)
    await page.screenshot({ path: `${SHOTS}/search-360.png`, fullPage: true })
    await toggle.click()
    expect(await page.getByRole('checkbox').first().isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/search-360-filters.png`, fullPage: true })
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    expect(errors).toEqual([])
    await page.close()
  })

  it('loads a large filter when its fieldset is opened, folds long value lists and finds a value by name', async () => {
    const { page, errors } = await openPage()
    server.served.clear()
    await page.goto(`${server.url}${PREFIX}search/`)
    await poll(() => status(page).textContent()).toBe(`${site.records.length} records.`)
    // Method, data source and thematic area start folded, their filter data not downloaded.
    const filterFiles = () => [...server.served.keys()].filter((url) => url.includes('/filter/')).length
    const before = filterFiles()
    expect(await page.locator('fieldset[data-filter="theme"]').count()).toBe(0)
    await page.locator('details[data-filter="theme"] > summary').click()
    const theme = page.locator('fieldset[data-filter="theme"]')
    await theme.waitFor()
    expect(filterFiles()).toBeGreaterThan(before)
    const visible = () => theme.locator('li:visible').count()
    expect(await visible()).toBe(8)
    const more = theme.locator('.facet__more')
    expect(await more.textContent()).toBe('Show all 36')
    await more.click()
    expect(await visible()).toBe(36)
    expect(await more.getAttribute('aria-expanded')).toBe('true')
    expect(await more.textContent()).toBe('Show fewer')
    await theme.getByLabel('Find a thematic area').fill('topic 1')
    expect(await theme.locator('li:visible').allTextContents()).toEqual(
      ['10', '11', '12', '13', '14', '15', '16', '17', '18', '19'].map((n) => `Topic ${n} (1)`)
    )
    await theme.getByRole('checkbox', { name: /Topic 12/ }).check()
    await poll(() => status(page).textContent()).toBe('1 record with 1 filter.')
    expect(new URL(page.url()).searchParams.get('theme')).toBe('topic 12')
    expect(errors).toEqual([])
    await page.close()
  })

  it('fetches each Pagefind file once and stays under the fetch budget, whatever the number of shards', async () => {
    const shards = JSON.parse(readFileSync(join(site.out, 'pagefind', 'shards.json'), 'utf8')).shards.length
    expect(shards).toBeGreaterThan(1)
    const cases: [string, number, string][] = [
      ['search/?q=learning', 1, '3 records for “learning”.'],
      ['search/?q=learning+trust&sdg=16', 2, '1 record for “learning trust” with 1 filter.'],
      // No record with the goal holds `plan` (one holds `learningplan`): Pagefind's fallback match is not listed.
      ['search/?q=learning+plan&sdg=16', 2, 'Nothing matches “learning plan” with 1 filter: remove a filter or try fewer words.'],
      ['search/', 0, `${site.records.length} records.`],
      ['search/?sort=title', 0, `${site.records.length} records.`]
    ]
    for (const [path, words, said] of cases) {
      // A new context: nothing cached from the tests before.
      const context = await browser.newContext()
      const page = await context.newPage()
      server.served.clear()
      await page.goto(`${server.url}${PREFIX}${path}`)
      await poll(() => status(page).textContent()).toBe(said)
      await poll(() => page.locator('[data-search-results] li').count()).toBe(Math.min(10, Number(said.match(/^\d+/)?.[0] ?? 0)))
      const fetched = [...server.served].filter(([url]) => url.startsWith(`${PREFIX}pagefind/`))
      await context.close()
      const count = (pattern: RegExp) => fetched.filter(([url]) => pattern.test(url)).length
      // One WebAssembly file and one pagefind.js for all shards, each downloaded once.
      expect(fetched.filter(([url]) => /wasm\.[\w-]+\.pagefind$/.test(url)).map(([url]) => url), path).toEqual([`${PREFIX}pagefind/wasm.en.pagefind`])
      for (const [url, bytes] of fetched) expect(bytes, url).toBe(statSync(join(site.root, url)).size)
      // At most one index chunk per shard and query word (none to browse), fragments for the shown results and each shard's head.
      expect(count(/\.pf_index$/), path).toBeLessThanOrEqual(shards * words)
      if (words === 0) expect(count(/\.pf_index$/), path).toBe(0)
      expect(count(/\.pf_fragment$/), path).toBeLessThanOrEqual(10 + shards)
      expect(fetched.reduce((sum, [, bytes]) => sum + bytes, 0), path).toBeLessThan(500_000)
    }
  })

  it('has no serious or critical axe violations', async () => {
    // axe is injected as a script, which the page's CSP would block: bypass it for this check only.
    const context = await browser.newContext({ bypassCSP: true })
    const page = await context.newPage()
    await page.goto(`${server.url}${PREFIX}search/?q=learning&sdg=16`)
    await poll(() => page.locator('[data-search-status]').textContent()).toContain('1 record')
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') })
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe
      const result = await axe.run()
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`)
    })
    expect(violations).toEqual([])
    await context.close()
  })

  it('without JavaScript, points to the browse indexes and the header box still submits', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    await page.goto(`${server.url}${PREFIX}`)
    await page.locator('#site-search-q').fill('water')
    await page.locator('#site-search-q').press('Enter')
    await page.waitForURL(/\/archive\/search\/\?q=water$/)
    expect(await page.getByText('Search needs JavaScript').isVisible()).toBe(true)
    expect(await page.locator('[data-search-form]').isVisible()).toBe(false)
    const links = await page.locator('[data-search-nojs] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))
    expect(links).toEqual(['/archive/kinds/', '/archive/countries/', '/archive/sdgs/', '/archive/years/', '/archive/tags/', '/archive/map/'])
    await page.screenshot({ path: `${SHOTS}/search-nojs-1280.png` })
    await context.close()
  })
})
