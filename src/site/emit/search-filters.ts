/**
 * The search page's filter list, `assets/search-filters.js`: the registry's
 * search filters (SEARCH_FACETS in src/records/fields.ts) without their
 * functions, written at build time beside the page's script, which imports it.
 * Generated, so a filter added to the registry reaches the page with no edit here.
 */
import { SEARCH_FACETS } from '../../records/fields.ts'
import { urls } from '../urls.ts'

/** Where the module is written, relative to the site's root. */
export const SEARCH_FILTERS_FILE = urls.asset('search-filters.js').slice(1)

/** The module's text: `export const FILTERS = [{ name, legend, order, shown, lazy? }, …]`. */
export function searchFiltersModule(): string {
  const specs = SEARCH_FACETS.map(({ name, legend, order, shown, lazy }) => ({ name, legend, order, shown, ...(lazy ? { lazy } : {}) }))
  return `// Generated from src/records/fields.ts at build time; do not edit.\nexport const FILTERS = ${JSON.stringify(specs, null, 2)}\n`
}
