/**
 * Compile each Nunjucks template once per build, not once per page.
 *
 * Why by hand: Eleventy 3.1 hands Nunjucks a new `Template` for every
 * paginated page and leaves caching to Nunjucks, whose cache only covers
 * templates loaded by name (includes, layouts), not the page template itself.
 * Our record and index pages are paginations, so on the corpus the same
 * template source was lexed, parsed and compiled once per page, about a quarter
 * of the site build (docs/performance.md). Nunjucks has a supported path for reusing
 * compiled code, precompiled templates (`tmplProps`); this gives a page
 * template the compiled props of an identical source it has already compiled,
 * exactly as a precompiled template would get them. No library does this.
 */
import { createRequire } from 'node:module'

interface NunjucksEnvironment {
  asyncFilters: string[]
  extensionsList: unknown[]
  opts: object
}

interface NunjucksTemplate {
  env: NunjucksEnvironment
  path: string | null
  tmplStr: string
  tmplProps?: object
  _compile(): void
}

/** Compiled props by environment, then by template path and source. */
const compiled = new WeakMap<NunjucksEnvironment, Map<string, object>>()
let installed = false

/**
 * Make Eleventy's Nunjucks reuse compiled code for identical template sources.
 * Idempotent; resolves Nunjucks as Eleventy itself does, so the patched class is the one it uses.
 */
export function cacheNunjucksCompilation(): void {
  if (installed) return
  installed = true
  const require = createRequire(createRequire(import.meta.url).resolve('@11ty/eleventy'))
  const { Template } = require('nunjucks/src/environment.js') as { Template: { prototype: NunjucksTemplate } }
  const compiler = require('nunjucks/src/compiler.js') as {
    compile(source: string, asyncFilters: string[], extensions: unknown[], path: string | null, opts: object): string
  }
  const original = Template.prototype._compile
  Template.prototype._compile = function (this: NunjucksTemplate): void {
    if (!this.tmplProps && typeof this.tmplStr === 'string') {
      let byKey = compiled.get(this.env)
      if (!byKey) compiled.set(this.env, (byKey = new Map()))
      const key = `${this.path ?? ''}\u0000${this.tmplStr}`
      let props = byKey.get(key)
      if (!props) {
        // The same two steps as Nunjucks' own _compile, kept so the next page can reuse them.
        const source = compiler.compile(this.tmplStr, this.env.asyncFilters, this.env.extensionsList, this.path, this.env.opts)
        props = new Function(source)() as object
        byKey.set(key, props)
      }
      this.tmplProps = props
    }
    original.call(this)
  }
}
