/**
 * Query a built Pagefind bundle from Node: serve the site on loopback and load
 * the bundle's own pagefind.js (the same code the browser runs; outside a
 * browser it simply runs on the main thread).
 */
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { serveStatic, type StaticServer } from '../helpers/browser.ts'

export interface Hit {
  url: string
  meta: Record<string, string>
  filters: Record<string, string[]>
  excerpt: string
}

export interface PagefindFilterValue {
  any?: string[]
  all?: string[]
}

export interface SearchOptions {
  filters?: Record<string, string | string[] | PagefindFilterValue>
  sort?: Record<string, 'asc' | 'desc'>
}

interface PagefindModule {
  options(options: Record<string, unknown>): Promise<void>
  search(
    term: string | null,
    options?: SearchOptions
  ): Promise<{ results: { data(): Promise<Hit> }[]; filters: Record<string, Record<string, number>> }>
  filters(): Promise<Record<string, Record<string, number>>>
}

export interface IndexClient {
  server: StaticServer
  /** Every hit of a search, in Pagefind's order, with its fragment loaded. */
  search(term: string | null, options?: SearchOptions): Promise<Hit[]>
  counts(term: string | null, options?: SearchOptions): Promise<Record<string, Record<string, number>>>
  filters(): Promise<Record<string, Record<string, number>>>
  close(): Promise<void>
}

/** Open the bundle at `<root><prefix>pagefind/`; result URLs come back as site paths (prefix included). */
export async function openIndex(root: string, prefix = '/'): Promise<IndexClient> {
  const server = await serveStatic(root)
  const moduleUrl = pathToFileURL(join(root, prefix, 'pagefind', 'pagefind.js')).href
  const pagefind = (await import(/* @vite-ignore */ moduleUrl)) as PagefindModule
  await pagefind.options({ basePath: `${server.url}${prefix}pagefind/`, baseUrl: prefix })
  return {
    server,
    async search(term, options = {}) {
      const response = await pagefind.search(term, options)
      return Promise.all(response.results.map((result) => result.data()))
    },
    async counts(term, options = {}) {
      return (await pagefind.search(term, options)).filters
    },
    filters: () => pagefind.filters(),
    close: () => server.close()
  }
}
