import { describe, expect, it } from 'vitest'
import { parseLatLng, pointKey } from '../../../src/records/normalize/index.ts'

describe('parseLatLng', () => {
  it.each([
    ['-9.15,-74.37', -9.15, -74.37],
    [' -9.15 , -74.37 ', -9.15, -74.37],
    ['-9.15;-74.37', -9.15, -74.37],
    ['-13.460110018365599,27.7742123347968', -13.460110018365599, 27.7742123347968],
    ['+90,180', 90, 180],
    ['-90,-180', -90, -180],
    ['.5,-.5', 0.5, -0.5]
  ])('%j → %d, %d', (raw, lat, lng) => {
    expect(parseLatLng(raw)).toEqual({ location: { lat, lng } })
  })

  it.each(['', 'Peru', '-9.15', '-9.15,-74.37,3', '1,2,', 'lat,lng', '9.1.2,3', '1e5,2', '1'.repeat(100_000)])('%j is malformed', (raw) => {
    const { location, problem } = parseLatLng(raw)
    expect(location).toBeNull()
    expect(problem).toMatchObject({ rule: 'latlng-malformed', severity: 'warning' })
    expect(problem!.message.length).toBeLessThan(200)
  })

  it.each(['90.5,0', '-91,10', '10,180.01', '10,-200'])('%j is out of range', (raw) => {
    const { location, problem } = parseLatLng(raw)
    expect(location).toBeNull()
    expect(problem).toMatchObject({ rule: 'latlng-out-of-range', severity: 'warning' })
  })

  it('says when latitude and longitude look swapped', () => {
    expect(parseLatLng('120,-9.15').problem?.hint).toMatch(/swapped/)
  })

  it('leaves 0,0 (Null Island) out, with an info', () => {
    for (const raw of ['0,0', '0.0, 0.000', '-0,0']) {
      const { location, problem } = parseLatLng(raw)
      expect(location).toBeNull()
      expect(problem).toMatchObject({ rule: 'latlng-null-island', severity: 'info' })
      expect(problem?.message).toMatch(/left out/)
    }
    // Only the exact origin: a point on the equator or the prime meridian is a place.
    expect(parseLatLng('0,0.001')).toEqual({ location: { lat: 0, lng: 0.001 } })
    expect(parseLatLng('51.48,0')).toEqual({ location: { lat: 51.48, lng: 0 } })
  })
})

describe('pointKey', () => {
  it('is one key for points equal at 5 decimals (about a metre), and for -0 and 0', () => {
    expect(pointKey({ lat: -9.154388480752162, lng: -74.37806457210715 })).toBe(pointKey({ lat: -9.154391, lng: -74.378061 }))
    expect(pointKey({ lat: -0, lng: 10 })).toBe(pointKey({ lat: 0, lng: 10 }))
    expect(pointKey({ lat: -0.000001, lng: 10 })).toBe(pointKey({ lat: 0, lng: 10 }))
  })

  it('tells apart points a metre or more apart, and latitude from longitude', () => {
    expect(pointKey({ lat: -9.15439, lng: -74.37806 })).not.toBe(pointKey({ lat: -9.1544, lng: -74.37806 }))
    expect(pointKey({ lat: 1, lng: 2 })).not.toBe(pointKey({ lat: 2, lng: 1 }))
    expect(pointKey({ lat: 1.5, lng: 2 })).not.toBe(pointKey({ lat: 1, lng: 52 }))
  })
})
