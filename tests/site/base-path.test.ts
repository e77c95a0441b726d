/**
 * The site as GitHub Pages serves a project site: built with a sub-path base
 * URL, served only under that sub-path (nothing answers at `/`), every internal
 * reference of every HTML, CSS, XML, robots, export and search-manifest file
 * answers; then in Chromium the styles load, the 404 page works from any depth,
 * and a search finds a seed plan whose result link answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { hasChromium, launchBrowser, serveStatic, type StaticServer } from '../helpers/browser.ts'
import { resolveReference, siteReferences } from '../helpers/crawl.ts'
import { buildInto } from './helpers.ts'

/** The three ways to name where the site lives: a full URL, a path alone, nothing (site root). */
const BASES = [
  { baseUrl: 'https://example.org/plans-site/', prefix: '/plans-site/', origin: 'https://example.org' },
  { baseUrl: '/repo/', prefix: '/repo/', origin: null },
  { baseUrl: null, prefix: '/', origin: null }
]

/** Fetch each distinct URL once; what does not answer 200, with the files that refer to it. */
async function brokenReferences(root: string, server: StaticServer, prefix: string, origin: string | null, atLeast = 100): Promise<string[]> {
  const refs = siteReferences(root)
  const siteUrl = `${server.url}${prefix}`
  const from = new Map<string, string[]>()
  for (const ref of refs) {
    const url = resolveReference(ref, siteUrl, origin)
    if (!url) continue
    url.hash = ''
    from.set(url.href, [...(from.get(url.href) ?? []), ref.file])
  }
  expect(from.size, 'the crawl found internal references').toBeGreaterThan(atLeast)
  const broken: string[] = []
  for (const [url, files] of from) {
    const status = (await fetch(url)).status
    if (status !== 200) broken.push(`${status} ${url.slice(server.url.length)} ← ${[...new Set(files)].slice(0, 3).join(', ')}`)
  }
  return broken
}

describe.each(BASES)('a build for $baseUrl, served only under $prefix', ({ baseUrl, prefix, origin }) => {
  let site: Awaited<ReturnType<typeof buildInto>>
  let server: StaticServer
  beforeAll(async () => {
    site = await buildInto('content', ['--no-cache', ...(baseUrl ? ['--base-url', baseUrl] : [])])
    server = await serveStatic(site.outDir, { prefix })
  })
  afterAll(async () => {
    await server?.close()
  })

  it('has no broken internal reference in any file', async () => {
    expect(await brokenReferences(site.outDir, server, prefix, origin)).toEqual([])
  })

  if (prefix !== '/') {
    it('answers nothing outside the sub-path, so an unprefixed link would show', async () => {
      expect((await fetch(`${server.url}/`)).status).toBe(404)
      expect((await fetch(`${server.url}/assets/site.css`)).status).toBe(404)
      expect((await fetch(`${server.url}${prefix}assets/site.css`)).status).toBe(200)
    })
  }
})

describe('a site with no learning plans', () => {
  it('links to no page it lacks (the navigation names only the kinds it holds)', async () => {
    const site = await buildInto('content/frameworks', ['--no-cache', '--base-url', '/repo/'])
    const server = await serveStatic(site.outDir, { prefix: '/repo/' })
    try {
      expect(await brokenReferences(site.outDir, server, '/repo/', null, 20)).toEqual([])
    } finally {
      await server.close()
    }
  })
})

describe.skipIf(!hasChromium)('in Chromium, under a sub-path', () => {
  const prefix = '/plans-site/'
  let server: StaticServer
  let browser: Browser
  beforeAll(async () => {
    const site = await buildInto('content', ['--no-cache', '--base-url', `https://example.org${prefix}`])
    server = await serveStatic(site.outDir, { prefix })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })

  /** A page that records failed requests and console errors. */
  async function open(path: string): Promise<{ page: Page; failures: string[]; status: number | undefined }> {
    const page = await browser.newPage()
    const failures: string[] = []
    page.on('response', (r) => {
      if (r.status() >= 400 && r.request().resourceType() !== 'document') failures.push(`${r.status()} ${r.url()}`)
    })
    page.on('requestfailed', (r) => failures.push(`failed ${r.url()}`))
    page.on('pageerror', (e) => failures.push(e.message))
    const response = await page.goto(`${server.url}${path}`)
    return { page, failures, status: response?.status() }
  }

  /** Every stylesheet of the page loaded and has rules. */
  const stylesLoaded = (page: Page): Promise<boolean> =>
    page.evaluate(() => {
      const links = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
      return links.length > 0 && links.every((link) => (link.sheet?.cssRules.length ?? 0) > 0)
    })

  it('loads the styles of the home page and a record page', async () => {
    for (const path of [prefix, `${prefix}plans/learningplan-peru-2023/`]) {
      const { page, failures, status } = await open(path)
      expect(status).toBe(200)
      expect(await stylesLoaded(page), path).toBe(true)
      // site.css sets a max-width on the main column: a page without it is unstyled.
      expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).maxWidth)).not.toBe('none')
      expect(failures).toEqual([])
      await page.close()
    }
  })

  it('serves a working 404 page at any depth', async () => {
    const { page, failures, status } = await open(`${prefix}no/such/page/at/depth/`)
    expect(status).toBe(404)
    expect(await page.locator('h1').textContent()).toBe('Page not found')
    expect(await stylesLoaded(page)).toBe(true)
    await page.getByRole('link', { name: 'Search the archive' }).click()
    await page.waitForURL(`${server.url}${prefix}search/`)
    expect(failures).toEqual([])
    await page.close()
  })

  it('finds a seed plan by a word of its text, and its result link answers', async () => {
    const { page, failures } = await open(`${prefix}search/`)
    await page.locator('#search-q').fill('Paraguay')
    const result = page.locator('[data-search-results] a', { hasText: 'Participation, Trust, and Social Capital' })
    await expect.poll(() => result.count(), { timeout: 20_000 }).toBeGreaterThan(0)
    const href = (await result.first().getAttribute('href'))!
    expect(new URL(href, page.url()).href).toBe(`${server.url}${prefix}plans/learningplan-paraguay-2024/`)
    await result.first().click()
    await page.waitForURL(`${server.url}${prefix}plans/learningplan-paraguay-2024/`)
    expect(await page.locator('h1').textContent()).toContain('Participation, Trust, and Social Capital')
    expect(failures).toEqual([])
    await page.close()
  })
})
