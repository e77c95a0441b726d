/**
 * Every place a record names (#15), on the real corpus (8,552 pages): the
 * records keep every distinct coordinate and the map draws each one; Bosnia
 * and Herzegovina's page holds the records of its two entities; Null Island is
 * no country anywhere. The site's data is derived from the loaded corpus as
 * the build does it (archiveFrom), without writing the pages. Skipped, with a
 * message, when ../shared/corpus is absent.
 */
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { listCorpus, loadCorpus } from '../../src/parse/load.ts'
import { resolveConfig } from '../../src/records/config.ts'
import { parseLatLng, pointKey } from '../../src/records/normalize/index.ts'
import type { ArchiveRecord } from '../../src/records/types.ts'
import { searchFacets } from '../../src/search/facets.ts'
import { archiveFrom, type Archive } from '../../src/site/data.ts'
import { renderWorldMap, type MapPoint } from '../../src/site/map.ts'

const PAGES = new URL('../../../shared/corpus/sdg-commons/pages/', import.meta.url).pathname
const present = existsSync(PAGES)
if (!present) console.warn(`[places corpus test] SKIPPED: the real corpus is absent (${PAGES})`)

/** The distinct points each page's `[[latlng:…]]` tags name, read from the text without the parser. */
async function pointsByPage(): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>()
  for (const file of await listCorpus(PAGES)) {
    const text = readFileSync(join(PAGES, file.path), 'utf8')
    const keys = new Set<string>()
    for (const m of text.matchAll(/\[\[\s*latlng\s*:([^\]\n]*)\]\]/gi)) {
      const { location } = parseLatLng(m[1]!)
      if (location) keys.add(pointKey(location))
    }
    out.set(file.path, keys)
  }
  return out
}

describe.skipIf(!present)('every place a record names, on the real corpus (../shared/corpus)', () => {
  let records: ArchiveRecord[]
  let archive: Archive
  let drawn: readonly MapPoint[] = []
  let expected: Map<string, Set<string>>

  beforeAll(async () => {
    expected = await pointsByPage()
    const load = await loadCorpus({ contentDir: PAGES, config: resolveConfig() })
    records = load.records.map((r) => r.record)
    archive = archiveFrom(load, {
      baseUrl: null,
      publishEmails: false,
      renderMap: (counts, points, options) => {
        drawn = points
        return renderWorldMap(counts, points, options)
      }
    })
  }, 1_800_000)

  it('keeps every distinct coordinate of every page, each at its tag', () => {
    const several = records.filter((r) => r.locations.length > 1)
    const points = records.reduce((n, r) => n + r.locations.length, 0)
    console.log(`[places corpus test] ${records.filter((r) => r.locations.length).length} records with a location, ${several.length} with several distinct points, ${points} points`)
    for (const r of records) {
      expect(new Set(r.locations.map(pointKey)), r.source.path).toEqual(expected.get(r.source.path))
      for (const l of r.locations) expect(l.line, r.source.path).toBeGreaterThan(0)
    }
    // The count: 1,204 pages carry several latlng tags; most repeat one point.
    expect(several.length).toBe([...expected.values()].filter((keys) => keys.size > 1).length)
    expect(several.length).toBeGreaterThan(100)
  })

  it('puts every point on the map, one marker per spot when nothing is clustered', () => {
    const points = records.flatMap((r) => r.locations)
    const located = records.filter((r) => r.locations.length).length
    expect(drawn).toHaveLength(points.length)
    expect(archive.map.points).toBe(points.length)
    expect(archive.map.located).toBe(located)
    expect(archive.map.svg).toContain(`points mark the ${points.length} places named by ${located} records`)
    // With clusters of a millionth of a unit, every distinct spot is its own marker.
    const spots = new Set(points.map(pointKey)).size
    const unclustered = renderWorldMap(new Map(), drawn, { clusterRadius: 1e-6 })
    expect(unclustered.match(/<circle /g)!.length - 1).toBe(spots) // minus the legend's
  })

  it('lists the records of the Federation and of Republika Srpska on Bosnia and Herzegovina’s page', () => {
    const page = archive.listPages.find((p) => p.url === '/countries/bih/')!
    // The list runs over several pages (/countries/bih/page/2/…): all of them.
    const parts = archive.listPages.filter((p) => p.url.startsWith('/countries/bih/'))
    expect(parts.length).toBe(page.part.of)
    const listed = new Set(parts.flatMap((p) => p.groups.flatMap((g) => g.records.map((l) => l.url))))
    const pageUrl = new Map(archive.records.map((p) => [p.record, p.url]))
    const entity = (name: string): ArchiveRecord[] => records.filter((r) => r.countries.some((c) => c.name === name && c.within?.iso3 === 'BIH'))
    const federation = entity('Federation of Bosnia and Herzegovina')
    const srpska = entity('Republika Srpska')
    expect(federation).toHaveLength(108)
    expect(srpska).toHaveLength(11)
    for (const r of [...federation, ...srpska]) expect(listed.has(pageUrl.get(r)!), r.source.path).toBe(true)
    const underBih = records.filter((r) => r.countries.some((c) => (c.within ?? c).iso3 === 'BIH'))
    expect(page.count).toBe(underBih.length)
    expect(page.intro).toContain('Federation of Bosnia and Herzegovina (108)')
    expect(page.intro).toContain('Republika Srpska (11)')
    console.log(`[places corpus test] Bosnia and Herzegovina's page: ${page.count} records (${records.filter((r) => r.countries.some((c) => c.iso3 === 'BIH')).length} tagged with the country itself)`)
  })

  it('has no Null Island: no country, no page, no filter, no unresolved value; an info on each of its pages', () => {
    expect(records.flatMap((r) => r.countries).filter((c) => /null island/i.test(c.raw))).toEqual([])
    expect(archive.listPages.filter((p) => /null island/i.test(p.title))).toEqual([])
    expect(archive.countries.unresolved).toEqual([])
    expect(Object.values(searchFacets(records).country!).filter((label) => /null island/i.test(label))).toEqual([])
    expect(archive.latest.filter((l) => /null island/i.test(l.place))).toEqual([])
    expect(records.filter((r) => r.diagnostics.some((d) => d.rule === 'country-null-island' && d.severity === 'info'))).toHaveLength(155)
  })
})
