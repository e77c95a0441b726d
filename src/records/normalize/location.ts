/** `latlng` tag parsing with range checks. */
import type { Location } from '../types.ts'
import type { Problem } from './problem.ts'
import { quote } from './quote.ts'

const NUMBER = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)`
const LATLNG = new RegExp(String.raw`^\s*(${NUMBER})\s*[,;]\s*(${NUMBER})\s*$`)

/** Parse `lat,lng` (comma or semicolon, spaces allowed) and range-check it. */
export function parseLatLng(raw: string): { location: Location | null; problem?: Problem } {
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
    // Kept: it may be deliberate, but 0,0 ("Null Island", in the Gulf of Guinea) is usually a placeholder.
    return {
      location: { lat, lng },
      problem: {
        rule: 'latlng-null-island',
        severity: 'info',
        message: '"0,0" is the "Null Island" placeholder, not usually a real place',
        hint: 'Give the real coordinates of the place, or remove the latlng tag.'
      }
    }
  }
  return { location: { lat, lng } }
}
