import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { cacheNunjucksCompilation } from '../../src/site/nunjucks-compile-cache.ts'

// The Nunjucks that Eleventy uses (the one the cache patches).
const require = createRequire(createRequire(import.meta.url).resolve('@11ty/eleventy'))
const { Environment, Template } = require('nunjucks/src/environment.js') as {
  Environment: new (loaders?: unknown, opts?: object) => object
  Template: new (src: string, env: object, path: string, eager: boolean) => { render(ctx: object): string; tmplProps?: object }
}

describe('Nunjucks compile cache', () => {
  cacheNunjucksCompilation()
  const env = new Environment(null, { autoescape: true })

  it('compiles a page template once and reuses it for every page, with each page its own data', () => {
    const source = '<h1>{{ title }}</h1>{% for x in xs %}<i>{{ x }}</i>{% endfor %}'
    const first = new Template(source, env, 'record.njk', false)
    const second = new Template(source, env, 'record.njk', false)
    expect(first.render({ title: 'One', xs: [1] })).toBe('<h1>One</h1><i>1</i>')
    expect(second.render({ title: '<b>Two</b>', xs: [2, 3] })).toBe('<h1>&lt;b&gt;Two&lt;/b&gt;</h1><i>2</i><i>3</i>')
    expect(second.tmplProps).toBe(first.tmplProps)
  })

  it('keeps templates with another source or path apart', () => {
    const a = new Template('A {{ v }}', env, 'a.njk', false)
    const b = new Template('B {{ v }}', env, 'a.njk', false)
    const c = new Template('A {{ v }}', env, 'c.njk', false)
    expect([a.render({ v: 1 }), b.render({ v: 1 }), c.render({ v: 1 })]).toEqual(['A 1', 'B 1', 'A 1'])
    expect(b.tmplProps).not.toBe(a.tmplProps)
    expect(c.tmplProps).not.toBe(a.tmplProps)
  })
})
