/**
 * The world map: an inline SVG built at build time (d3-geo + world-atlas, no
 * tiles, works offline), countries shaded by record count, the places records name as
 * points. Deterministic: the same input gives the same bytes.
 */
import { createRequire } from 'node:module'
import { geoEqualEarth, geoPath } from 'd3-geo'
import type { Feature, FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { escapeHtml } from '../render/escape.ts'

/** One place a record names, drawn as a point (a record naming several places gives several points). */
export interface MapPoint {
  lat: number
  lng: number
  /** The record's page. */
  href: string
  title: string
  /** Where a cluster of several records links to (e.g. their country page), when they share it. */
  groupHref?: string
}

export interface WorldMapOptions {
  /** Link of a country page by ISO 3166-1 alpha-3; countries with records link to it. */
  countryHref?: (iso3: string) => string | null | undefined
  /** Width of the viewBox; the height follows the projection. Default 960. */
  width?: number
  /** Prefix of the ids inside the SVG (title, description): unique per page. Default `world-map`. */
  idPrefix?: string
  title?: string
  /** Points closer than this (viewBox units) are drawn as one cluster. Default 4. */
  clusterRadius?: number
}

/** Shades for 1+ records, light to dark: ColorBrewer "Blues" (single hue, colour-blind safe). */
export const MAP_SHADES = ['#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const
const NO_RECORDS = '#f0f0f0'
const BORDER = '#6b6b6b'
const POINT = '#d94801'

interface Country {
  iso3: string | null
  name: string
  geometry: Feature<Geometry>
}

interface Atlas {
  countries: Country[]
  /** Countries with no polygon at 110m (small islands): a marker at their centre instead. */
  centres: Map<string, { name: string; lat: number; lng: number }>
}

let atlas: Atlas | null = null

/** world-atlas ids are ISO 3166-1 numeric; world-countries maps them (`ccn3`) to alpha-3. */
function loadAtlas(): Atlas {
  if (atlas) return atlas
  const require = createRequire(import.meta.url)
  const topology = require('world-atlas/countries-110m.json') as Topology<{ countries: GeometryCollection<{ name: string }> }>
  const all = require('world-countries/countries.json') as {
    cca3: string
    ccn3: string
    name: { common: string }
    latlng: [number, number]
  }[]
  const byNumeric = new Map(all.filter((c) => c.ccn3).map((c) => [c.ccn3, c]))
  const byName = new Map(all.map((c) => [c.name.common, c]))
  const collection = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>
  const countries: Country[] = []
  for (const f of collection.features) {
    const name = f.properties?.name ?? ''
    // Three shapes have no numeric id (Kosovo, N. Cyprus, Somaliland): match by name or leave unassigned.
    const info = (f.id !== undefined ? byNumeric.get(String(f.id)) : undefined) ?? byName.get(name)
    if (info?.cca3 === 'ATA') continue // Antarctica: no records, a fifth of the height.
    countries.push({ iso3: info?.cca3 ?? null, name: info?.name.common ?? name, geometry: f })
  }
  countries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const drawn = new Set(countries.map((c) => c.iso3))
  const centres = new Map<string, { name: string; lat: number; lng: number }>()
  for (const c of all) if (!drawn.has(c.cca3) && c.cca3 !== 'ATA') centres.set(c.cca3, { name: c.name.common, lat: c.latlng[0], lng: c.latlng[1] })
  atlas = { countries, centres }
  return atlas
}

/** Class breaks (lower bounds) from "nice" numbers near the quintiles of the positive counts. */
export function mapBreaks(counts: Iterable<number>): number[] {
  const values = [...counts].filter((n) => n > 0).sort((a, b) => a - b)
  if (values.length === 0) return [1]
  const nice = (n: number): number => {
    const p = 10 ** Math.floor(Math.log10(n))
    return [1, 2, 5, 10].map((m) => m * p).find((v) => v >= n) ?? n
  }
  const breaks = [1]
  for (const q of [0.2, 0.4, 0.6, 0.8]) {
    const b = nice(values[Math.min(values.length - 1, Math.floor(q * values.length))]!)
    if (b > breaks[breaks.length - 1]!) breaks.push(b)
  }
  return breaks.slice(0, MAP_SHADES.length)
}

function shadeOf(count: number, breaks: number[]): string {
  if (count <= 0) return NO_RECORDS
  let i = 0
  while (i + 1 < breaks.length && count >= breaks[i + 1]!) i++
  // Spread fewer classes over the palette so the darkest shade is always used.
  const index = breaks.length === 1 ? MAP_SHADES.length - 1 : Math.round((i * (MAP_SHADES.length - 1)) / (breaks.length - 1))
  return MAP_SHADES[index]!
}

/**
 * Only site-relative and http(s) links without quotes, brackets or spaces: hrefs come
 * from our URL builder (which never makes those), so anything else is refused, not repaired.
 */
function safeHref(href: string | null | undefined): string | null {
  const h = href?.trim()
  if (!h || /[\s"'<>`\\]/.test(h)) return null
  return /^(?:\/|#|https?:\/\/|[^:]*$)/i.test(h) ? h : null
}

const plural = (n: number): string => `${n} record${n === 1 ? '' : 's'}`
const fixed = (n: number): string => (Math.round(n * 10) / 10).toFixed(1).replace(/\.0$/, '')

function link(href: string | null, inner: string): string {
  return href ? `<a href="${escapeHtml(href)}">${inner}</a>` : inner
}

interface Cluster {
  x: number
  y: number
  points: MapPoint[]
}

/** Group points by grid cell (clusterRadius wide); linear in the number of points. */
function clusterPoints(points: readonly MapPoint[], project: (p: [number, number]) => [number, number] | null, cell: number): Cluster[] {
  const sorted = [...points].sort((a, b) => a.lat - b.lat || a.lng - b.lng || (a.href < b.href ? -1 : a.href > b.href ? 1 : 0))
  const cells = new Map<string, { sx: number; sy: number; points: MapPoint[] }>()
  for (const p of sorted) {
    if (!Number.isFinite(p.lat) || !Number.isFinite(p.lng)) continue
    const xy = project([p.lng, p.lat])
    if (!xy) continue
    const key = `${Math.floor(xy[0] / cell)},${Math.floor(xy[1] / cell)}`
    const c = cells.get(key) ?? { sx: 0, sy: 0, points: [] }
    c.sx += xy[0]
    c.sy += xy[1]
    c.points.push(p)
    cells.set(key, c)
  }
  const clusters = [...cells.values()].map((c) => ({ x: c.sx / c.points.length, y: c.sy / c.points.length, points: c.points }))
  // Big clusters first so small ones stay on top and clickable.
  return clusters.sort((a, b) => b.points.length - a.points.length || a.x - b.x || a.y - b.y)
}

function clusterSvg(c: Cluster): string {
  // Size and title count records: two places of one record can fall in one cluster.
  const records = [...new Map(c.points.map((p) => [p.href, p])).values()]
  const n = records.length
  const r = Math.min(2.5 + Math.sqrt(n - 1) * 0.5, 8)
  const first = records[0]!
  let title: string
  let href: string | null
  if (n === 1) {
    title = first.title
    href = safeHref(first.href)
  } else {
    const names = records.slice(0, 5).map((p) => p.title).join('; ')
    title = `${plural(n)} here: ${names}${n > 5 ? `; and ${n - 5} more` : ''}`
    const group = first.groupHref
    href = group && records.every((p) => p.groupHref === group) ? safeHref(group) : null
  }
  const circle = `<circle cx="${fixed(c.x)}" cy="${fixed(c.y)}" r="${fixed(r)}"><title>${escapeHtml(title)}</title></circle>`
  return link(href, circle)
}

/**
 * Render the world map as an inline SVG string.
 * @param counts records per country, keyed by ISO 3166-1 alpha-3
 * @param points the places records name (clustered when they fall on the same spot)
 * @param options links, size, ids
 * @returns `<svg>…</svg>`, every text and attribute escaped; byte-identical for the same input
 */
export function renderWorldMap(counts: Map<string, number>, points: readonly MapPoint[], options: WorldMapOptions = {}): string {
  const width = options.width ?? 960
  const id = (options.idPrefix ?? 'world-map').replace(/[^A-Za-z0-9_-]/g, '-')
  const { countries, centres } = loadAtlas()
  const projection = geoEqualEarth().fitWidth(width, {
    type: 'FeatureCollection',
    features: countries.map((c) => c.geometry)
  })
  const path = geoPath(projection).digits(1)
  const [[, y0], [, y1]] = path.bounds({ type: 'FeatureCollection', features: countries.map((c) => c.geometry) })
  const legendHeight = 64
  const mapHeight = Math.ceil(y1 - y0)
  const height = mapHeight + legendHeight
  // Kosovo: world-countries says UNK, other libraries XKX.
  const countOf = (iso3: string | null): number => (iso3 ? (counts.get(iso3) ?? (iso3 === 'UNK' ? counts.get('XKX') : 0) ?? 0) : 0)
  const breaks = mapBreaks(counts.values())
  const hrefOf = (iso3: string | null, n: number): string | null => (iso3 && n > 0 ? safeHref(options.countryHref?.(iso3)) : null)

  const out: string[] = []
  const located = points.filter((p) => Number.isFinite(p.lat) && Number.isFinite(p.lng))
  const places = `${located.length} place${located.length === 1 ? '' : 's'}`
  const withRecords = countries.filter((c) => countOf(c.iso3) > 0).length
  const title = options.title ?? 'World map of the archive’s records'
  const desc = `Countries are shaded by their number of records (${withRecords} countries have records); points mark the ${places} named by ${plural(new Set(located.map((p) => p.href)).size)}. Each shaded country links to its country page.`
  const interactive = withRecords > 0 || points.length > 0
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 ${fixed(y0)} ${width} ${height}" class="world-map"` +
      // role=img would hide the links inside from assistive technology: only use it for a static map.
      ` role="${interactive ? 'group' : 'img'}" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(desc)}</desc>`,
    `<g class="countries" stroke="${BORDER}" stroke-width="0.4" stroke-linejoin="round">`
  )
  for (const c of countries) {
    const n = countOf(c.iso3)
    const d = path(c.geometry)
    if (!d) continue
    const label = `${c.name}: ${n > 0 ? plural(n) : 'no records'}`
    const shape = `<path d="${d}" fill="${shadeOf(n, breaks)}"><title>${escapeHtml(label)}</title></path>`
    out.push(link(hrefOf(c.iso3, n), shape))
  }
  out.push('</g>')

  // Small countries with records but no polygon at this scale get a square marker.
  const small: string[] = []
  for (const [iso3, centre] of [...centres].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const n = countOf(iso3)
    if (n <= 0) continue
    const xy = projection([centre.lng, centre.lat])
    if (!xy) continue
    const square = `<rect x="${fixed(xy[0] - 3)}" y="${fixed(xy[1] - 3)}" width="6" height="6" fill="${shadeOf(n, breaks)}"><title>${escapeHtml(`${centre.name}: ${plural(n)}`)}</title></rect>`
    small.push(link(hrefOf(iso3, n), square))
  }
  if (small.length) out.push(`<g class="small-countries" stroke="${BORDER}" stroke-width="0.6">`, ...small, '</g>')

  const clusters = clusterPoints(points, (p) => projection(p), options.clusterRadius ?? 4)
  if (clusters.length) {
    out.push(`<g class="points" fill="${POINT}" stroke="#ffffff" stroke-width="0.6">`, ...clusters.map(clusterSvg), '</g>')
  }

  // Legend: one swatch per class, plus "no records" and the point symbol.
  const ly = y0 + mapHeight + 12
  const labels = breaks.map((b, i) => {
    const next = breaks[i + 1]
    return next === undefined ? `${b}+` : next - 1 === b ? `${b}` : `${b}–${next - 1}`
  })
  out.push(`<g class="legend" font-family="system-ui, sans-serif" font-size="12" fill="#1a1a1a">`)
  out.push(`<text x="10" y="${fixed(ly + 10)}">Records per country</text>`)
  const swatches: [string, string][] = [[NO_RECORDS, 'none'], ...labels.map((l, i): [string, string] => [shadeOf(breaks[i]!, breaks), l])]
  swatches.forEach(([fill, label], i) => {
    const x = 10 + i * 78
    out.push(
      `<rect x="${x}" y="${fixed(ly + 18)}" width="18" height="14" fill="${fill}" stroke="${BORDER}" stroke-width="0.6"/>`,
      `<text x="${x + 24}" y="${fixed(ly + 29)}">${escapeHtml(label)}</text>`
    )
  })
  const px = 10 + swatches.length * 78 + 10
  out.push(
    `<circle cx="${px + 6}" cy="${fixed(ly + 25)}" r="4" fill="${POINT}" stroke="#ffffff" stroke-width="0.6"/>`,
    `<text x="${px + 16}" y="${fixed(ly + 29)}">record location (larger: several records)</text>`,
    '</g>',
    '</svg>'
  )
  return out.join('\n')
}
