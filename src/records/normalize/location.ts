/** `latlng` tag parsing with range checks, and when two points are the same. */
import type { LatLng } from '../types.ts'
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`
const LATLNG = new RegExp(String.raw`^\s*(${NUMBER})\s*[,;]\s*(${NUMBER})\s*$`)

/**
 * Parse `lat,lng` (comma or semicolon, spaces allowed) and range-check it.
 * @returns the point, or null with a warning; `0,0` gives null with an info (a placeholder, not a place)
 */
export function parseLatLng(raw: string): { location: LatLng | null; problem?: Problem } {
  const m = LATLNG.exec(raw)
  if (!m) {
    return {
      location: null,
      problem: {
        rule: 'latlng-malformed',
        severity: 'warning',
        message: `${quote(raw)} is not a latitude,longitude pair`,
        hint: 'Write decimal degrees, latitude first: [[latlng:-9.15,-74.37]].'
      }
    }
  }
  const lat = Number(m[1])
  const lng = Number(m[2])
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) {
    return {
      location: null,
      problem: {
        rule: 'latlng-out-of-range',
        severity: 'warning',
        message: `${quote(raw)} is out of range (latitude -90..90, longitude -180..180)`,
        hint: Math.abs(lat) <= 180 && Math.abs(lng) <= 90 ? 'Latitude and longitude look swapped: latitude comes first.' : 'Use decimal degrees, latitude first.'
      }
    }
  }
  if (lat === 0 && lng === 0) {
    // 0,0 ("Null Island", in the Gulf of Guinea) is what a map gives when no place was picked:
    // left out, or every such record would be drawn on one spot in the sea.
    return {
      location: null,
      problem: {
        rule: 'latlng-null-island',
        severity: 'info',
        message: '"0,0" is the "Null Island" placeholder, not a place; it is left out',
        hint: 'Give the real coordinates of the place, or remove the latlng tag.'
      }
    }
  }
  return { location: { lat, lng } }
}

/** Decimals two points are compared at: 5 is about a metre, finer than any tag in the archive means. */
const POINT_DECIMALS = 5

/** A key equal for two points that are the same place (equal at {@link POINT_DECIMALS} decimals). */
export function pointKey(point: LatLng): string {
  const round = (n: number): number => Math.round(n * 10 ** POINT_DECIMALS)
  return `${round(point.lat)},${round(point.lng)}` // String(-0) is "0": -0 and 0 are one key
}
