import { XMLParser, XMLValidator } from 'fast-xml-parser'
import { describe, expect, it } from 'vitest'
import { MAP_SHADES, mapBreaks, renderWorldMap, type MapPoint } from '../../src/site/map.ts'
import { unsafeParts } from '../render/helpers.ts'

const counts = new Map([
  ['PER', 40], ['PRY', 12], ['FRA', 1], ['IND', 80], ['BRA', 250], ['CIV', 3], ['SGP', 5], ['UNK', 2]
])
const href = (iso3: string) => `/countries/${iso3.toLowerCase()}/`
const point = (i: number, over: Partial<MapPoint> = {}): MapPoint => ({
  lat: -23.2 + (i % 177) * 0.31,
  lng: -58.4 + (i % 177) * 0.93,
  href: `/plans/p${i}/`,
  title: `Plan ${i}`,
  ...over
})

/** Every `<a>` around a shape, as { href, title } pairs, read from the parsed XML. */
function linkedTitles(svg: string): { href: string; title: string }[] {
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: () => true }).parse(svg)
  const out: { href: string; title: string }[] = []
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return
    for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
      if (key === 'a') {
        for (const a of value as Record<string, unknown>[]) {
          const shape = ((a.path ?? a.circle ?? a.rect) as Record<string, unknown>[])[0]!
          out.push({ href: String(a.href), title: String((shape.title as unknown[])[0]) })
        }
      } else if (Array.isArray(value)) value.forEach(walk)
      else walk(value)
    }
  }
  walk(doc)
  return out
}

describe('renderWorldMap', () => {
  const svg = renderWorldMap(counts, [point(1, { title: 'Asunción "plan" <b>&</b>' })], { countryHref: href })

  it('is well-formed XML with an accessible name', () => {
    expect(XMLValidator.validate(svg)).toBe(true)
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" [^>]*aria-labelledby="world-map-title world-map-desc"/)
    expect(svg).toContain('<title id="world-map-title">')
    expect(svg).toContain('<desc id="world-map-desc">')
  })

  it('maps world-atlas numeric ids to ISO alpha-3 and links countries with records', () => {
    const links = linkedTitles(svg)
    expect(links).toContainEqual({ href: '/countries/per/', title: 'Peru: 40 records' })
    expect(links).toContainEqual({ href: '/countries/pry/', title: 'Paraguay: 12 records' })
    expect(links).toContainEqual({ href: '/countries/fra/', title: 'France: 1 record' })
    expect(links).toContainEqual({ href: '/countries/civ/', title: 'Ivory Coast: 3 records' })
    // Kosovo has no numeric id in world-atlas: matched by name.
    expect(links).toContainEqual({ href: '/countries/unk/', title: 'Kosovo: 2 records' })
    // Singapore has no polygon at 1:110m: drawn as a marker.
    expect(links).toContainEqual({ href: '/countries/sgp/', title: 'Singapore: 5 records' })
    // Countries without records are drawn, titled, and not linked.
    expect(svg).toContain('<title>Chile: no records</title>')
    expect(links.some((l) => l.href === '/countries/chl/')).toBe(false)
  })

  it('shades by count on the sequential scale, darkest for the most', () => {
    const brazil = svg.split('\n').find((l) => l.includes('<title>Brazil:'))!
    expect(brazil).toContain(`fill="${MAP_SHADES[MAP_SHADES.length - 1]}"`)
    const chile = svg.split('\n').find((l) => l.includes('<title>Chile:'))!
    expect(MAP_SHADES.some((s) => chile.includes(s))).toBe(false)
    // Quintiles of [1,1,3,12,40,80,250] are 1, 3, 40, 80 → nice 1 (dropped, already there), 5, 50, 100.
    expect(mapBreaks([1, 1, 3, 12, 40, 80, 250])).toEqual([1, 5, 50, 100])
    expect(mapBreaks([])).toEqual([1])
  })

  it('escapes every text and attribute; refuses script hrefs', () => {
    expect(svg).toContain('<title>Asunción &quot;plan&quot; &lt;b&gt;&amp;&lt;/b&gt;</title>')
    const hostile = renderWorldMap(
      new Map([['PER', 1]]),
      [point(2, { href: 'javascript:alert(1)', title: '"><script>alert(1)</script>' }), point(400, { href: '/x/"onmouseover="alert(1)' })],
      { countryHref: () => '"><script>alert(1)</script>', idPrefix: '"><x' }
    )
    expect(XMLValidator.validate(hostile)).toBe(true)
    // The SVG itself is the point here; everything else the body checks forbid must be absent.
    expect(unsafeParts(hostile).filter((p) => p !== '<svg>')).toEqual([])
    expect(hostile).not.toContain('javascript:')
    expect(hostile).not.toContain('<script')
    expect(hostile).not.toContain('"><x')
    // Refused hrefs mean no link at all, not a repaired one.
    expect(hostile).not.toContain('onmouseover')
    expect(hostile.match(/<a /g)).toBeNull()
  })

  it('is byte-identical across runs and input orders', () => {
    const pts = Array.from({ length: 500 }, (_, i) => point(i, { groupHref: '/countries/x/' }))
    const a = renderWorldMap(counts, pts, { countryHref: href })
    const b = renderWorldMap(new Map([...counts].reverse()), [...pts].reverse(), { countryHref: href })
    expect(b).toBe(a)
  })

  it('clusters points on one spot; stays small for the whole corpus', () => {
    // The real corpus: ~8,600 located records on ~180 distinct coordinates.
    const pts = Array.from({ length: 8552 }, (_, i) => point(i, { groupHref: `/countries/c${i % 177}/` }))
    const big = renderWorldMap(counts, pts, { countryHref: href })
    expect(XMLValidator.validate(big)).toBe(true)
    expect(big.length).toBeLessThan(400_000)
    const circles = big.match(/<circle /g)!.length - 1 // minus the legend's
    expect(circles).toBeLessThanOrEqual(177)
    expect(big).toMatch(/<a href="\/countries\/c\d+\/"><circle [^>]+><title>49 records here: Plan \d+; /)
  })

  it('draws every place of a record: one marker each, each linking to the record (#15)', () => {
    const places = [[-12.05, -77.04], [48.86, 2.35], [35.68, 139.69]].map(([lat, lng]) => point(7, { lat: lat!, lng: lng!, title: 'Three places' }))
    const svg = renderWorldMap(counts, [...places, point(8)], { countryHref: href })
    const markers = linkedTitles(svg).filter((l) => l.href.startsWith('/plans/'))
    expect(markers.filter((l) => l.href === '/plans/p7/')).toEqual(Array(3).fill({ href: '/plans/p7/', title: 'Three places' }))
    expect(markers).toHaveLength(4)
    expect(svg).toContain('points mark the 4 places named by 2 records')
  })

  it('counts records, not points, in a cluster: two places of one record are that record', () => {
    const near = [point(9, { lat: 10, lng: 10, title: 'Twice here' }), point(9, { lat: 10.001, lng: 10.001, title: 'Twice here' })]
    const one = renderWorldMap(counts, near, { countryHref: href })
    expect(linkedTitles(one).filter((l) => l.href.startsWith('/plans/'))).toEqual([{ href: '/plans/p9/', title: 'Twice here' }])
    const shared = renderWorldMap(counts, [...near, point(10, { lat: 10, lng: 10.002, title: 'Also here' })], { countryHref: href })
    expect(shared).toMatch(/<circle [^>]+><title>2 records here: Twice here; Also here<\/title>/)
  })

  it('links a lone point to its record', () => {
    const links = linkedTitles(svg)
    expect(links).toContainEqual({ href: '/plans/p1/', title: 'Asunción "plan" <b>&</b>' })
  })
})
