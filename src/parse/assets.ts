/**
 * Stage 4: lift `data:image/…;base64,…` payloads out of the text before the
 * Markdown parser sees it (a few corpus pages carry megabytes of base64 on one
 * line). Each payload becomes an asset `<sha256-prefix-16>.<ext>` and the text
 * refers to it as `/assets/<name>`. Payloads never contain a newline, so line
 * numbers are unchanged.
 */
import { createHash } from 'node:crypto'
import type { Asset } from './contract.ts'

export const ASSET_URL_PREFIX = '/assets/'

export interface Lifted {
  text: string
  assets: Asset[]
  /** Offset of the first data: image that was removed rather than lifted, or -1. */
  firstDropped: number
  dropped: number
}

/**
 * Only raster images become files under the site's origin: an SVG (or any other
 * type) opened directly runs its own script there, so those payloads are removed.
 */
const RASTER = new Set(['png', 'jpeg', 'pjpeg', 'jpg', 'gif', 'webp', 'avif'])
/** What stands where a removed payload was: an empty, inert data URL the sanitizer drops. */
const DROPPED_URL = 'data:,'

/** Replace every base64 `data:image/` URI in `text` by an `/assets/` URL; linear in the text. */
export function liftDataImages(text: string): Lifted {
  let at = text.indexOf('data:image/')
  if (at === -1) return { text, assets: [], firstDropped: -1, dropped: 0 }
  const parts: string[] = []
  const assets = new Map<string, Asset>()
  let last = 0
  let firstDropped = -1
  let dropped = 0
  while (at !== -1) {
    const uri = readDataUri(text, at)
    if (!uri) {
      at = text.indexOf('data:image/', at + 11)
      continue
    }
    if (!RASTER.has(uri.subtype)) {
      if (dropped++ === 0) firstDropped = at
      parts.push(text.slice(last, at), DROPPED_URL)
      last = uri.end
      at = text.indexOf('data:image/', uri.end)
      continue
    }
    const data = Buffer.from(text.slice(uri.payloadStart, uri.end), 'base64')
    const hash = createHash('sha256').update(data).digest('hex').slice(0, 16)
    const name = `${hash}.${extensionOf(uri.subtype)}`
    if (!assets.has(name)) assets.set(name, { name, mime: `image/${uri.subtype}`, data: new Uint8Array(data) })
    parts.push(text.slice(last, at), ASSET_URL_PREFIX + name)
    last = uri.end
    at = text.indexOf('data:image/', uri.end)
  }
  if (last === 0) return { text, assets: [], firstDropped, dropped }
  parts.push(text.slice(last))
  return { text: parts.join(''), assets: [...assets.values()], firstDropped, dropped }
}

/** Parse `data:image/<subtype>[;params];base64,<payload>` at `start`, by hand to stay linear. */
function readDataUri(text: string, start: number): { subtype: string; payloadStart: number; end: number } | null {
  let i = start + 11
  const subtypeStart = i
  while (i < text.length && /[A-Za-z0-9.+-]/.test(text[i]!)) i++
  const subtype = text.slice(subtypeStart, i).toLowerCase()
  if (!subtype) return null
  // Parameters (`;charset=…`) up to `;base64,`, bounded so a stray `data:image/x` costs little.
  const window = text.slice(i, i + 208)
  const marker = window.indexOf(';base64,')
  if (marker === -1 || window.slice(0, marker).includes('\n')) return null
  const payloadStart = i + marker + 8
  let end = payloadStart
  while (end < text.length && isBase64(text.charCodeAt(end))) end++
  if (end === payloadStart) return null
  return { subtype, payloadStart, end }
}

function isBase64(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61
}

/** File extension for an image subtype (`jpeg` → `jpg`, `svg+xml` → `svg`). */
function extensionOf(subtype: string): string {
  if (subtype === 'jpeg' || subtype === 'pjpeg') return 'jpg'
  if (subtype === 'svg+xml') return 'svg'
  if (subtype === 'x-icon' || subtype === 'vnd.microsoft.icon') return 'ico'
  return subtype.replace(/[^a-z0-9]/g, '') || 'bin'
}
