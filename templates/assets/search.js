/**
 * The search page UI, on Pagefind's JS API (not the prebuilt Pagefind UI: we
 * need filter fieldsets with live counts, OR within a filter and AND across
 * filters, sorting, and the whole state in the URL).
 *
 * Loaded as a module from /assets/search.js; the site root (with any path
 * prefix) is found from this file's own URL, so nothing is hard-coded.
 * No inline script and no eval: it runs under the site's CSP, which must allow
 * 'wasm-unsafe-eval' for Pagefind's WebAssembly.
 */

import { FILTERS } from './search-filters.js'
import { MAX_WINDOW, queryWords, readWords, replaceWord, suggestionsFor, WINDOW } from './words.js'

const SITE = new URL('../', import.meta.url)
const EAGER_FILTERS = FILTERS.filter((spec) => !spec.lazy).map((spec) => spec.name)
const SORTS = {
  relevance: {},
  newest: { date: 'desc' },
  oldest: { date: 'asc' },
  title: { title: 'asc' }
}
const PAGE_SIZE = 10
const FIND_THRESHOLD = 30
const TYPING_DELAY_MS = 250
/** At most this many results listed again from the URL (a hand-edited `shown=` stays cheap). */
const MAX_SHOWN = 500
const NARROW = '(max-width: 47.99em)'
/** What a search whose words the index lacks lists: nothing (not Pagefind's fallback matches). */
const NO_RESULTS = { length: 0, next: async () => [] }

// Only in a page: Node (the tests) imports this module for openSearch alone.
const root = typeof document === 'undefined' ? null : document.querySelector('[data-search]')
if (root) start(root)

/** Wire the page up; on any loading failure fall back to the no-JavaScript message. */
async function start(root) {
  const form = root.querySelector('[data-search-form]')
  const nojs = root.querySelector('[data-search-nojs]')
  const status = root.querySelector('[data-search-status]')
  nojs.hidden = true
  form.hidden = false

  let search
  let facets = {}
  try {
    const [labels, opened] = await Promise.all([
      loadFacets(),
      openSearch(new URL('pagefind/', SITE), { baseUrl: SITE.pathname, excerptLength: 24 })
    ])
    facets = labels
    search = opened
  } catch (error) {
    console.error('Search could not start:', error)
    form.hidden = true
    nojs.hidden = false
    status.textContent = ''
    return
  }
  new SearchPage(root, search, facets, search.totals).begin()
}

/** Display labels of filter values written at build time; raw values are shown without it. */
async function loadFacets() {
  try {
    const response = await fetch(new URL('search/facets.json', SITE))
    return response.ok ? await response.json() : {}
  } catch {
    return {}
  }
}

/** Query, filters and sort, as kept in the URL (`?q=…&sdg=13&country=PER&sort=newest`). */
function readState(search) {
  const params = new URLSearchParams(search)
  const filters = {}
  for (const { name } of FILTERS) {
    const values = [...new Set(params.getAll(name).filter(Boolean))]
    if (values.length) filters[name] = values
  }
  const sort = params.get('sort') ?? 'relevance'
  // How many results "Show more" had listed, so Back from a result lists them again.
  const shown = Math.min(Math.max(Math.floor(Number(params.get('shown'))) || PAGE_SIZE, PAGE_SIZE), MAX_SHOWN)
  return { q: params.get('q') ?? '', filters, sort: sort in SORTS ? sort : 'relevance', shown, words: params.get('words') === '1' }
}

/** The query string of a state, parameters in a fixed order so equal states give equal URLs. */
function stateQuery(state) {
  const params = new URLSearchParams()
  if (state.q.trim()) params.set('q', state.q.trim())
  for (const { name } of FILTERS) for (const value of state.filters[name] ?? []) params.append(name, value)
  if (state.sort !== 'relevance') params.set('sort', state.sort)
  if (state.shown > PAGE_SIZE) params.set('shown', String(state.shown))
  if (state.words) params.set('words', '1')
  const query = params.toString()
  return query ? `?${query}` : ''
}

/** "SDG 13", "goal 11", "ODS 5", "objectif 7": a goal named in the languages of the corpus. */
const GOAL_WORDS = /(?:^|\s)(?:sdgs?|goals?|ods|odd|objetivos?|objectifs?|objective)\s*#?\s*(\d{1,2})(?=\s|$|[.,;:!?])/iu

/**
 * What the reader's words ask for, besides text (static: no server): a goal named in
 * the query (applied as the SDG filter, the rest searched as text), and a country named
 * in it (offered as the country filter).
 */
function understand(q, countries) {
  const m = GOAL_WORDS.exec(q)
  const n = m ? Number(m[1]) : 0
  const goal = n >= 1 && n <= 17 ? String(n) : null
  const rest = goal ? (q.slice(0, m.index) + ' ' + q.slice(m.index + m[0].length)).replace(/\s+/g, ' ').trim() : q.trim()
  let country = null
  const folded = ` ${rest.toLocaleLowerCase()} `
  for (const [value, label] of Object.entries(countries)) {
    const name = label.toLocaleLowerCase()
    if (name.length > 2 && folded.includes(` ${name} `) && (!country || name.length > country.label.length)) country = { value, label }
  }
  return { goal, rest, country }
}

/** This page's URL for a state (the hash kept). */
function stateUrl(state) {
  return location.pathname + stateQuery(state) + location.hash
}

/** Pagefind filter object: values of one filter are OR-ed (`any`), filters are AND-ed. */
function pagefindFilters(filters, without) {
  const out = {}
  for (const [name, values] of Object.entries(filters)) {
    if (name !== without && values.length) out[name] = { any: values }
  }
  return out
}

function plural(n, one, many) {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`
}

class SearchPage {
  constructor(root, search, facets, totals) {
    this.search = search
    this.facets = facets
    this.totals = totals
    this.input = root.querySelector('#search-q')
    this.sortSelect = root.querySelector('#search-sort')
    this.status = root.querySelector('[data-search-status]')
    this.note = root.querySelector('[data-search-note]')
    this.list = root.querySelector('[data-search-results]')
    this.more = root.querySelector('[data-search-more]')
    this.filtersBox = root.querySelector('[data-search-filters]')
    this.clear = root.querySelector('[data-search-clear]')
    this.active = root.querySelector('[data-search-active]')
    this.form = root.querySelector('[data-search-form]')
    this.state = readState(location.search)
    this.searchId = 0
    this.timer = 0
    this.results = null
    this.shown = 0
    this.fieldsets = new Map()
  }

  begin() {
    // Words typed while the search was loading are newer than the URL's: keep them.
    const typed = this.input.value
    if (typed.trim() && typed !== this.state.q) {
      this.state.q = typed
      this.state.shown = PAGE_SIZE
      history.replaceState(history.state, '', stateUrl(this.state))
    }
    // The results arrive after the browser would restore the scroll position: restore it ourselves.
    if ('scrollRestoration' in history) history.scrollRestoration = 'manual'
    this.restoreScrollTo = typeof history.state?.scrollY === 'number' ? history.state.scrollY : null
    const remember = () => history.replaceState({ ...history.state, scrollY: window.scrollY }, '')
    window.addEventListener('pagehide', remember)
    this.list.addEventListener('click', (event) => {
      if (event.target instanceof Element && event.target.closest('a')) remember()
    })
    this.buildFilters()
    // Narrow screens: filters start folded so that results come first (the toggle only shows there).
    const toggle = this.form.querySelector('[data-search-toggle]')
    const fold = (folded) => {
      this.filtersBox.classList.toggle('is-folded', folded)
      toggle.setAttribute('aria-expanded', String(!folded))
      toggle.textContent = folded ? 'Show filters' : 'Hide filters'
    }
    fold(window.matchMedia(NARROW).matches)
    toggle.addEventListener('click', () => fold(toggle.getAttribute('aria-expanded') === 'true'))
    this.showState()
    this.form.addEventListener('submit', (event) => {
      event.preventDefault()
      this.state.q = this.input.value
      this.state.words = false
      this.commit('push')
    })
    this.input.addEventListener('input', () => {
      this.state.q = this.input.value
      this.state.words = false
      clearTimeout(this.timer)
      // Typing refines the current history entry rather than adding one per key.
      this.timer = setTimeout(() => this.commit('replace'), TYPING_DELAY_MS)
    })
    this.sortSelect.addEventListener('change', () => {
      this.state.sort = this.sortSelect.value
      this.commit('push')
    })
    this.filtersBox.addEventListener('change', (event) => {
      const box = event.target
      if (!(box instanceof HTMLInputElement) || box.type !== 'checkbox') return
      const values = new Set(this.state.filters[box.name] ?? [])
      if (box.checked) values.add(box.value)
      else values.delete(box.value)
      if (values.size) this.state.filters[box.name] = [...values]
      else delete this.state.filters[box.name]
      // On a phone the results are below the filters: bring them into view once they are in.
      this.revealResults = window.matchMedia(NARROW).matches
      this.commit('push')
    })
    this.clear.addEventListener('click', () => {
      this.state.filters = {}
      this.showState()
      this.commit('push')
      this.input.focus()
    })
    this.note.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('button[data-action]') : null
      if (!button) return
      if (button.dataset.action === 'words') this.state.words = true
      if (button.dataset.action === 'suggest') this.state.q = button.dataset.q
      if (button.dataset.action === 'country') {
        const { country, rest } = understand(this.state.q, this.facets.country ?? {})
        this.state.filters.country = [...new Set([...(this.state.filters.country ?? []), country.value])]
        // The name is now a filter, not words to find.
        const at = ` ${rest} `.toLocaleLowerCase().indexOf(` ${country.label.toLocaleLowerCase()} `)
        this.state.q = at < 0 ? rest : `${rest.slice(0, at)} ${rest.slice(at + country.label.length)}`.replace(/\s+/g, ' ').trim()
      }
      this.commit('push')
      this.input.focus()
    })
    this.more.addEventListener('click', async () => {
      await this.showMore(true)
      this.state.shown = this.shown
      history.replaceState(history.state, '', stateUrl(this.state))
    })
    window.addEventListener('popstate', () => {
      clearTimeout(this.timer)
      this.state = readState(location.search)
      this.showState()
      this.run()
    })
    this.run()
  }

  /** Record the state in the URL (push: a new history entry; replace: amend this one) and search. */
  commit(mode) {
    clearTimeout(this.timer)
    // A new query, filter or sort lists its first page again.
    this.state.shown = PAGE_SIZE
    const url = stateUrl(this.state)
    if (url !== location.pathname + location.search + location.hash) {
      history[mode === 'push' ? 'pushState' : 'replaceState'](null, '', url)
    }
    this.run()
  }

  /**
   * One fieldset per filter that has values, values in a stable order (counts
   * change, order does not). The large filters sit folded in a `<details>` and
   * are built when first opened, or at once when the URL ticks one of their values.
   */
  buildFilters() {
    for (const spec of FILTERS) {
      if (!spec.lazy) {
        const fieldset = this.buildFieldset(spec)
        if (fieldset) this.filtersBox.append(fieldset)
        continue
      }
      const details = document.createElement('details')
      details.className = 'facet-more'
      details.dataset.filter = spec.name
      const summary = document.createElement('summary')
      summary.textContent = spec.legend
      details.append(summary)
      details.addEventListener('toggle', () => {
        if (details.open) this.openLazy(spec, details)
      })
      this.filtersBox.append(details)
      if (this.state.filters[spec.name]?.length) details.open = true
    }
  }

  /** Load a folded filter's data, then build its fieldset inside its `<details>` and refresh the counts. */
  async openLazy(spec, details) {
    if (details.dataset.state) return
    details.dataset.state = 'loading'
    const note = document.createElement('p')
    note.className = 'facet-more__note'
    note.textContent = 'Loading…'
    details.append(note)
    try {
      await this.search.loadFilters([spec.name])
    } catch (error) {
      console.error('Filter could not load:', error)
      note.textContent = 'This filter could not load. Reload the page to try again.'
      return
    }
    const fieldset = this.buildFieldset(spec)
    if (fieldset) note.replaceWith(fieldset)
    else note.textContent = 'No values.'
    details.dataset.state = 'open'
    this.showState()
    this.run()
  }

  /** The fieldset of one filter, registered in `this.fieldsets`; null when it has no values. */
  buildFieldset(spec) {
    const counts = this.totals[spec.name]
    if (!counts || !Object.keys(counts).length) return null
    const labels = this.facets[spec.name] ?? {}
    const values = Object.keys(counts).map((value) => ({ value, label: labels[value] ?? value, total: counts[value] }))
    values.sort(compareValues(spec.order))
    const fieldset = document.createElement('fieldset')
    fieldset.className = 'facet'
    fieldset.dataset.filter = spec.name
    const legend = document.createElement('legend')
    legend.textContent = spec.legend
    // A folded filter's <summary> already shows its name: the legend stays for screen readers.
    if (spec.lazy) legend.className = 'visually-hidden'
    const list = document.createElement('ul')
    list.className = 'facet__values'
    const items = new Map()
    values.forEach(({ value, label }, i) => {
      const item = document.createElement('li')
      const box = document.createElement('input')
      box.type = 'checkbox'
      box.id = `facet-${spec.name}-${i}`
      box.name = spec.name
      box.value = value
      const text = document.createElement('label')
      text.htmlFor = box.id
      const name = document.createElement('span')
      name.textContent = label
      const count = document.createElement('span')
      count.className = 'facet__count'
      text.append(name, ' ', count)
      item.append(box, text)
      item.dataset.rank = String(i)
      item.dataset.base = String(i)
      list.append(item)
      items.set(value, { item, box, count, label: label.toLocaleLowerCase() })
    })
    fieldset.append(legend)
    // Long lists (hundreds of thematic areas) get a box to find a value by its name.
    let finder = null
    if (values.length > FIND_THRESHOLD) {
      finder = document.createElement('input')
      finder.type = 'search'
      finder.className = 'facet__find'
      finder.id = `facet-${spec.name}-find`
      finder.setAttribute('aria-controls', list.id = `facet-${spec.name}-list`)
      const label = document.createElement('label')
      label.className = 'facet__find-label'
      label.htmlFor = finder.id
      label.textContent = `Find a ${spec.legend.toLowerCase()}`
      finder.addEventListener('input', () => this.foldValues(spec.name))
      // Typing in it must not reach the form's change/submit handling.
      finder.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') event.preventDefault()
      })
      fieldset.append(label, finder)
    }
    fieldset.append(list)
    let toggle = null
    if (values.length > spec.shown) {
      toggle = document.createElement('button')
      toggle.type = 'button'
      toggle.className = 'facet__more'
      toggle.setAttribute('aria-expanded', 'false')
      toggle.textContent = `Show all ${values.length.toLocaleString('en')}`
      toggle.addEventListener('click', () => {
        const open = toggle.getAttribute('aria-expanded') !== 'true'
        toggle.setAttribute('aria-expanded', String(open))
        toggle.textContent = open ? `Show fewer` : `Show all ${values.length.toLocaleString('en')}`
        this.foldValues(spec.name)
      })
      fieldset.append(toggle)
    }
    this.fieldsets.set(spec.name, { spec, items, toggle, finder })
    return fieldset
  }

  /**
   * Hide the values past the first few, unless unfolded; with words in the
   * finder, show the values whose label contains them. Ticked values always stay visible.
   */
  foldValues(name) {
    const { spec, items, toggle, finder } = this.fieldsets.get(name)
    const open = !toggle || toggle.getAttribute('aria-expanded') === 'true'
    const words = finder?.value.trim().toLocaleLowerCase() ?? ''
    for (const { item, box, label } of items.values()) {
      const empty = item.dataset.count === '0'
      const folded = words ? !label.includes(words) : empty || (!open && Number(item.dataset.rank) >= spec.shown)
      item.hidden = folded && !box.checked
    }
    if (toggle) {
      const available = [...items.values()].filter(({ item }) => item.dataset.count !== '0').length
      toggle.hidden = available <= spec.shown
      if (!open) toggle.textContent = `Show all ${available.toLocaleString('en')}`
    }
  }

  /**
   * Order a filter's values by their current counts (values of a count-ordered filter; goals
   * and years keep their number order), values with none last, where foldValues hides them.
   */
  rankValues(name) {
    const { spec, items } = this.fieldsets.get(name)
    const list = [...items.values()]
    const count = (entry) => Number(entry.item.dataset.count ?? 0)
    const byNumber = spec.order !== 'count'
    list.sort((a, b) => (count(a) === 0) - (count(b) === 0) || (byNumber ? 0 : count(b) - count(a)) || Number(a.item.dataset.base) - Number(b.item.dataset.base))
    // Moving a focused checkbox blurs it: a keyboard reader keeps their place.
    const focused = document.activeElement
    list.forEach((entry, i) => {
      if (entry.item.dataset.rank !== String(i)) entry.item.dataset.rank = String(i)
      entry.item.parentElement?.append(entry.item)
    })
    if (focused instanceof HTMLElement && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true })
    this.foldValues(name)
  }

  /** Put the state into the controls (initial load, back/forward). */
  showState() {
    // Only when it differs: rewriting an input moves the caret of a reader still typing.
    if (this.input.value !== this.state.q) this.input.value = this.state.q
    this.sortSelect.value = this.state.sort
    for (const [name, { items }] of this.fieldsets) {
      const ticked = new Set(this.state.filters[name] ?? [])
      for (const [value, { box }] of items) box.checked = ticked.has(value)
      this.foldValues(name)
    }
    const active = Object.values(this.state.filters).reduce((n, values) => n + values.length, 0)
    this.clear.hidden = active === 0
    this.active.textContent = active ? `(${active} active)` : ''
  }

  /** Search with the current state, then refresh the counts and the results. */
  async run() {
    const id = ++this.searchId
    const { q } = this.state
    const intent = this.state.words ? null : understand(q, this.facets.country ?? {})
    // A goal named in the query is the SDG filter; the rest of the words are searched as text.
    const filters = intent?.goal ? { ...this.state.filters, sdg: [intent.goal] } : this.state.filters
    const term = (intent?.goal ? intent.rest : q.trim()) || null
    this.showNote(intent)
    // Without words there is no relevance to rank by: newest first is the useful order.
    const sort = this.state.sort === 'relevance' && term === null ? SORTS.newest : SORTS[this.state.sort]
    this.showState()
    let main
    let reading = null
    const groupCounts = {}
    try {
      main = await this.search.search(term, { filters: pagefindFilters(filters), sort })
      // Results holding the query's words as such come first; words the index lacks find nothing.
      const words = queryWords(term)
      // With no result at all there is nothing to judge: every word may be misspelt.
      if (words.length) reading = main.results.length ? await main.read(words) : { absent: [], inexact: words }
      if (reading?.absent.length) main = { results: NO_RESULTS, filters: {} }
      // OR within a filter: a ticked filter's counts ignore its own ticks (what ticking one more would add).
      else await Promise.all(
        Object.keys(filters).map(async (name) => {
          groupCounts[name] = (await this.search.counts(term, { filters: pagefindFilters(filters, name) }))[name] ?? {}
        })
      )
    } catch (error) {
      console.error('Search failed:', error)
      if (id === this.searchId) this.status.textContent = 'Search failed. Reload the page or use the browse indexes.'
      return
    }
    if (id !== this.searchId || !main) return
    for (const [name, { items }] of this.fieldsets) {
      const counts = groupCounts[name] ?? main.filters?.[name] ?? {}
      for (const [value, { item, count }] of items) {
        const n = counts[value] ?? 0
        count.textContent = `(${n.toLocaleString('en')})`
        item.dataset.count = String(n)
        item.classList.toggle('facet__value--empty', n === 0)
      }
      this.rankValues(name)
    }
    this.results = main.results
    this.shown = 0
    this.list.replaceChildren()
    await this.showMore(false)
    while (id === this.searchId && this.shown < Math.min(this.state.shown, this.results.length)) await this.showMore(false)
    if (id !== this.searchId) return
    this.announce(main.results.length, term, reading?.absent ?? [])
    if (reading?.inexact.length) this.suggest(id, term, filters, reading.inexact, main.results.length)
    if (this.restoreScrollTo !== null) {
      window.scrollTo(0, this.restoreScrollTo)
      this.restoreScrollTo = null
    } else if (this.revealResults) {
      this.status.scrollIntoView({ block: 'start' })
    }
    this.revealResults = false
  }

  /** Render the next page of results; move focus to the first new one when asked by the reader. */
  async showMore(focus) {
    const id = this.searchId
    const results = this.results
    const data = await results.next(PAGE_SIZE)
    if (id !== this.searchId) return
    const items = data.map(resultItem)
    this.list.append(...items)
    this.shown += data.length
    this.more.hidden = this.shown >= results.length
    this.more.textContent = `Show more results (${(results.length - this.shown).toLocaleString('en')} left)`
    if (focus && items[0]) items[0].querySelector('a')?.focus()
  }

  /** Say how the query was read, with a way back to plain words; offer a country named in it as a filter. */
  showNote(intent) {
    this.note.replaceChildren()
    const parts = []
    if (intent?.goal) {
      const label = this.facets.sdg?.[intent.goal] ?? `SDG ${intent.goal}`
      parts.push(`Showing records tagged with ${label}.`, button('words', `Search for “${this.state.q.trim()}” as words instead`))
    }
    if (intent?.country && !(this.state.filters.country ?? []).includes(intent.country.value)) {
      parts.push(button('country', `Filter by country: ${intent.country.label}`))
    }
    this.note.append(...parts.flatMap((p, i) => (i ? [' ', p] : [p])))
    this.note.hidden = parts.length === 0
  }

  /**
   * Offer words of the archive close to the query words no result holds as such
   * (`recyling` → recycling), each with the number of records the corrected query
   * finds under the same filters; only those that find more than the query does.
   */
  async suggest(id, term, filters, words, count) {
    const offers = []
    try {
      for (const word of words) {
        for (const better of await suggestionsFor(word, new URL('search/words/', SITE))) {
          const q = replaceWord(this.state.q, word, better)
          const n = (await this.search.search(replaceWord(term, word, better), { filters: pagefindFilters(filters) })).results.length
          if (n > count) offers.push({ q, label: `${replaceWord(term, word, better)} (${n.toLocaleString('en')})` })
        }
      }
    } catch (error) {
      console.error('Suggestions failed:', error)
      return
    }
    if (id !== this.searchId || !offers.length) return
    const label = document.createElement('span')
    label.textContent = 'Did you mean:'
    const buttons = offers.map(({ q, label: text }) => {
      const b = button('suggest', text)
      b.dataset.q = q
      return b
    })
    if (this.note.childNodes.length) this.note.append(' ')
    this.note.append(label, ...buttons.flatMap((b) => [' ', b]))
    this.note.hidden = false
  }

  /** Say how many records match, through the polite live region; explain how to widen an empty search. */
  announce(count, term, absent) {
    const active = Object.values(this.state.filters).reduce((n, values) => n + values.length, 0)
    const words = term ? `“${term}”` : ''
    const withFilters = active ? ` with ${plural(active, 'filter', 'filters')}` : ''
    if (absent.length && !active) {
      this.status.textContent = `No record contains ${absent.map((w) => `“${w}”`).join(' or ')}: check the spelling or try other words.`
      this.status.classList.add('search__status--empty')
    } else if (count === 0) {
      const hint = active ? 'remove a filter or try fewer words' : 'try fewer or different words'
      this.status.textContent = `Nothing matches${words ? ' ' + words : ''}${withFilters}: ${hint}.`
      this.status.classList.add('search__status--empty')
    } else {
      this.status.textContent = `${plural(count, 'record', 'records')}${words ? ' for ' + words : ''}${withFilters}.`
      this.status.classList.remove('search__status--empty')
    }
  }
}

function button(action, text) {
  const el = document.createElement('button')
  el.type = 'button'
  el.className = 'search__suggest'
  el.dataset.action = action
  el.textContent = text
  return el
}

function compareValues(order) {
  const byLabel = (a, b) => a.label.localeCompare(b.label, 'en')
  if (order === 'number') return (a, b) => Number(a.value) - Number(b.value)
  if (order === 'number-desc') return (a, b) => Number(b.value) - Number(a.value)
  return (a, b) => b.total - a.total || byLabel(a, b)
}

/** One result: title link, kind · countries · year, excerpt with the matches marked. */
function resultItem(data) {
  const item = document.createElement('li')
  item.className = 'result'
  const heading = document.createElement('h2')
  heading.className = 'result__title'
  const link = document.createElement('a')
  link.textContent = data.meta?.title || data.url
  link.href = safeHref(data.url)
  heading.append(link)
  const facts = [data.meta?.kind, data.meta?.countries, data.meta?.year].filter(Boolean)
  const meta = document.createElement('p')
  meta.className = 'result__meta'
  meta.textContent = facts.join(' · ')
  const excerpt = document.createElement('p')
  excerpt.className = 'result__excerpt'
  excerpt.append(excerptNodes(data.excerpt ?? ''))
  item.append(heading, meta, excerpt)
  return item
}

/** Only links inside this site are followed (the index is ours, but a link is a link). */
function safeHref(url) {
  try {
    const target = new URL(url, location.href)
    return target.origin === location.origin ? target.href : '#'
  } catch {
    return '#'
  }
}

/**
 * Pagefind's excerpt is the page's plain text with `<` and `>` escaped as
 * entities and `<mark>…</mark>` around the matches. Rather than trusting it to
 * innerHTML, we split on the mark tags and build text nodes and `mark`
 * elements ourselves: no markup from an (untrusted) plan body can ever be
 * parsed, whatever Pagefind's escaping does.
 */
function excerptNodes(excerpt) {
  const fragment = document.createDocumentFragment()
  let marked = false
  for (const part of excerpt.split(/(<\/?mark>)/)) {
    if (part === '<mark>' || part === '</mark>') {
      marked = part === '<mark>'
      continue
    }
    if (!part) continue
    const text = document.createTextNode(part.replace(/&lt;/g, '<').replace(/&gt;/g, '>'))
    if (marked) {
      const mark = document.createElement('mark')
      mark.append(text)
      fragment.append(mark)
    } else {
      fragment.append(text)
    }
  }
  return fragment
}

/*
 * The sharded index. The build writes the records' index as several Pagefind
 * bundles (`pagefind/s<i>/`, listed in `pagefind/shards.json`) that share one
 * pagefind.js and one WebAssembly file (src/search/bundle.ts). Each shard gets
 * its own Pagefind instance (`createInstance`); a search runs on every shard and
 * the answers are merged: counts summed, results by score (relevance) or by a
 * lazy k-way merge on the sort values (newest, oldest, title), which loads a
 * result's data only when it is shown or at the head of its shard's list.
 * (Pagefind's own `mergeIndex` orders merged results by score only.)
 */

/** Shard folder → the `pagefind/` folder whose WebAssembly files answer its requests. */
const sharedWasm = new Map()
/** Shared WebAssembly file URL → its bytes (a promise), fetched once. */
const wasmBytes = new Map()
let fetchPatched = false

/**
 * Each Pagefind instance fetches `<its basePath>wasm.<lang>.pagefind`; the build
 * keeps a single copy at the top of `pagefind/`. Answer the shards' requests
 * with that one file, fetched once.
 */
function shareWasm(base, shards) {
  for (const shard of shards) sharedWasm.set(new URL(shard.path, base).href, base.href)
  if (fetchPatched) return
  fetchPatched = true
  const original = globalThis.fetch
  globalThis.fetch = function (input, init) {
    const href = typeof input === 'string' || input instanceof URL ? new URL(input, globalThis.location?.href).href : null
    const match = href && /^(.*\/)(wasm\.[\w-]+\.pagefind)$/.exec(href)
    const shared = match && sharedWasm.get(match[1])
    if (!shared) return original.call(this, input, init)
    const url = new URL(match[2], shared).href
    if (!wasmBytes.has(url)) {
      wasmBytes.set(
        url,
        original.call(this, url, init).then((response) => {
          if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`)
          return response.arrayBuffer()
        })
      )
    }
    return wasmBytes.get(url).then((bytes) => new Response(bytes.slice(0), { headers: { 'content-type': 'application/wasm' } }))
  }
}

/**
 * Open the sharded index under `base` (the URL of `pagefind/`). Options:
 * `baseUrl` and `excerptLength` as Pagefind's, `pagefind` an already imported
 * pagefind.js (Node cannot import it over HTTP).
 */
export async function openSearch(base, options = {}) {
  const [manifest, pagefind] = await Promise.all([
    fetch(new URL('shards.json', base)).then((response) => {
      if (!response.ok) throw new Error(`shards.json: HTTP ${response.status}`)
      return response.json()
    }),
    options.pagefind ?? import(new URL('pagefind.js', base).href)
  ])
  if (!manifest.shards?.length) throw new Error('shards.json lists no shard')
  shareWasm(base, manifest.shards)
  const open = (shard) =>
    pagefind.createInstance({
      basePath: new URL(shard.path, base).href,
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      excerptLength: options.excerptLength ?? 24,
      // The worker script repeats Pagefind's code (43 kB more per visit) while a search over
      // this archive takes milliseconds on the main thread.
      noWorker: true
    })
  // All instances share the WebAssembly module of the pagefind.js that created them: the first
  // one loads it, the others start once it is ready (two loading at once would each set it up).
  const first = open(manifest.shards[0])
  await first.preload(null, { filters: {} })
  const superseded = manifest.shards.map((shard) => manifest.superseded?.[shard.path] ?? null)
  const search = new ShardedSearch([first, ...manifest.shards.slice(1).map(open)], {}, superseded)
  await search.loadFilters(options.filters ?? EAGER_FILTERS)
  return search
}

/** Filter counts of several shards added up: filter → value → count (from `zero`'s values at 0, when given). */
function sumCounts(list, zero = {}) {
  const sum = {}
  for (const [name, values] of Object.entries(zero)) sum[name] = Object.fromEntries(Object.keys(values).map((value) => [value, 0]))
  for (const counts of list) {
    for (const [name, values] of Object.entries(counts ?? {})) {
      const into = (sum[name] ??= {})
      for (const [value, n] of Object.entries(values)) into[value] = (into[value] ?? 0) + n
    }
  }
  return sum
}

class ShardedSearch {
  constructor(instances, totals, superseded = []) {
    this.instances = instances
    /** Every filter value with its number of records (no query, no filter), for the filters loaded. */
    this.totals = totals
    /** Per instance, the pages a delta replaced: id → filter values (src/search/delta.ts); null when none. */
    this.superseded = superseded
  }

  /** Search one instance; its answer without the pages the delta replaced, whose filter values come off the counts. */
  async ask(instance, term, options) {
    const answer = await instance.search(term, options)
    const gone = this.superseded[this.instances.indexOf(instance)]
    if (!gone) return answer
    const filters = Object.fromEntries(Object.entries(answer.filters ?? {}).map(([name, values]) => [name, { ...values }]))
    const results = answer.results.filter((result) => {
      const values = gone[result.id]
      if (!values) return true
      for (const [name, list] of Object.entries(values)) for (const value of list) if (filters[name]?.[value]) filters[name][value]--
      return false
    })
    return { ...answer, results, filters }
  }

  /**
   * Load the data of these filters in every shard, and their totals. Why not
   * Pagefind's `filters()`: it loads every filter at once, and a search only
   * counts the filters whose data is loaded, so the large ones wait until asked for.
   */
  async loadFilters(names) {
    const wanted = names.filter((name) => !(name in this.totals))
    if (!wanted.length) return this.totals
    // A filter named in a query has its data fetched; an empty `any` selects nothing, and preload stops before searching.
    const filters = Object.fromEntries(wanted.map((name) => [name, { any: [] }]))
    await Promise.all(this.instances.map((instance) => instance.preload(null, { filters })))
    const answers = await Promise.all(this.instances.map((instance) => this.ask(instance, null, {})))
    const counts = sumCounts(answers.map((answer) => answer.filters))
    for (const name of wanted) this.totals[name] = counts[name] ?? {}
    return this.totals
  }

  /** Search every shard: `{ results, filters }`, results merged lazily (`length`, `next(n)`). */
  async search(term, { filters = {}, sort = {} } = {}) {
    const instances = await this.shardsFor(term)
    const answers = await Promise.all(instances.map((instance) => this.ask(instance, term, { filters, sort })))
    const lists = answers.map((answer) => answer.results)
    const [key, direction] = Object.entries(sort)[0] ?? []
    // By relevance, judging the words also puts the results holding them as such first.
    const scored = new ScoredResults(lists)
    return {
      results: key ? new SortedResults(lists, key, direction === 'desc' ? -1 : 1) : scored,
      filters: sumCounts(answers.map((answer) => answer.filters), this.totals),
      read: (words) => scored.read(words)
    }
  }

  /** Only the filter counts of a search. */
  async counts(term, { filters = {} } = {}) {
    const instances = await this.shardsFor(term)
    const answers = await Promise.all(instances.map((instance) => this.ask(instance, term, { filters })))
    return sumCounts(answers.map((answer) => answer.filters), this.totals)
  }

  /**
   * The shards whose answer to `term` is the answer one index would give. When
   * a shard has no word starting with a query word, Pagefind falls back to the
   * longest indexed word that the query word starts with (`zebra` for
   * `zebrafish`): one index does that only when no page has the word, but a
   * shard does it whenever its own pages lack it, which would add unrelated
   * pages. So when some shards hold a query word exactly, the others are left
   * out (they can still hold only longer words starting with it: those rare
   * pages are the price). Exact lookups load no more than the search does.
   */
  shardsFor(term) {
    const words = (term ?? '').trim()
    if (!words || /^".*"$/.test(words)) return Promise.resolve(this.instances)
    this.kept ??= new Map()
    if (!this.kept.has(words)) {
      this.kept.set(
        words,
        (async () => {
          let kept = this.instances
          for (const word of words.split(/\s+/)) {
            const exact = await Promise.all(kept.map(async (instance) => (await this.ask(instance, `"${word}"`, {})).results.length > 0))
            if (exact.some(Boolean)) kept = kept.filter((_, i) => exact[i])
          }
          return kept
        })()
      )
      // Keep the last few queries only.
      if (this.kept.size > 20) this.kept.delete(this.kept.keys().next().value)
    }
    return this.kept.get(words)
  }
}

/**
 * Relevance: every shard's results by score, highest first (ties keep shard
 * order); after `read`, the first `WINDOW` ordered by how many query words
 * they hold as such. Why: Pagefind indexes stems, so `mobility` and `mobile`
 * are one word to it and score alike; the reader typed one of them.
 */
class ScoredResults {
  constructor(lists) {
    this.all = lists.flat().sort((a, b) => b.score - a.score)
    this.length = this.all.length
    this.taken = 0
    this.loaded = new Map()
  }

  /** A result's data, loaded once. */
  dataOf(result) {
    if (!this.loaded.has(result)) this.loaded.set(result, result.data())
    return this.loaded.get(result)
  }

  /**
   * Judge the words on the first results (words.js `readWords`) and put those holding more
   * of them as such first. When fewer than a page of them hold a word as typed, read further,
   * `WINDOW` at a time up to `MAX_WINDOW` (Pagefind can rank a stem's other words far ahead).
   */
  async read(words) {
    let size = 0
    let reading
    do {
      size = Math.min(size + WINDOW, MAX_WINDOW, this.all.length)
      reading = readWords(words, await Promise.all(this.all.slice(0, size).map((result) => this.dataOf(result))))
    } while (reading.exact.filter((n) => n > 0).length < PAGE_SIZE && size < Math.min(MAX_WINDOW, this.all.length))
    const order = this.all.slice(0, size).map((result, i) => ({ result, exact: reading.exact[i], i }))
    order.sort((a, b) => b.exact - a.exact || a.i - b.i)
    this.all = [...order.map((o) => o.result), ...this.all.slice(size)]
    return reading
  }

  async next(count) {
    const page = this.all.slice(this.taken, this.taken + count)
    this.taken += page.length
    return Promise.all(page.map((result) => this.dataOf(result)))
  }
}

/**
 * A sort: each shard's list is already in order, so the merged order takes, at
 * each step, the best head among the shards, by the `sort-<key>` meta the build
 * adds to every fragment (the same value Pagefind sorted that shard by).
 */
class SortedResults {
  constructor(lists, key, direction) {
    this.lists = lists.filter((list) => list.length)
    this.meta = `sort-${key}`
    this.direction = direction
    this.positions = this.lists.map(() => 0)
    this.heads = this.lists.map(() => null)
    this.length = lists.reduce((n, list) => n + list.length, 0)
    this.queue = Promise.resolve()
  }

  /** The next `count` results' data; calls run one after the other. */
  next(count) {
    const run = this.queue.then(() => this.take(count))
    this.queue = run.catch(() => {})
    return run
  }

  async take(count) {
    const out = []
    while (out.length < count) {
      const heads = await Promise.all(this.lists.map((_, i) => this.head(i)))
      let best = -1
      for (let i = 0; i < heads.length; i++) {
        if (!heads[i]) continue
        if (best === -1 || this.direction * compareSortValues(this.value(heads[i]), this.value(heads[best])) < 0) best = i
      }
      if (best === -1) break
      out.push(heads[best])
      this.positions[best]++
      this.heads[best] = null
    }
    return out
  }

  head(i) {
    if (this.positions[i] >= this.lists[i].length) return null
    this.heads[i] ??= this.lists[i][this.positions[i]].data()
    return this.heads[i]
  }

  value(data) {
    return data.meta?.[this.meta] ?? ''
  }
}

const NUMBER = /^-?\d+(?:\.\d+)?$/

/** Pagefind's order of sort values: numbers by value, other text by code point (UTF-8 byte order). */
export function compareSortValues(a, b) {
  if (NUMBER.test(a) && NUMBER.test(b)) return Number(a) - Number(b)
  const x = [...a]
  const y = [...b]
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0)
    if (d !== 0) return d
  }
  return x.length - y.length
}
