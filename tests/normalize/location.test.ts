import { describe, expect, it } from 'vitest'
import { parseLatLng } from '../../src/records/normalize/index.ts'

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

  it('keeps 0,0 (Null Island) with an info', () => {
    for (const raw of ['0,0', '0.0, 0.000', '-0,0']) {
      const { location, problem } = parseLatLng(raw)
      expect(location).toEqual({ lat: raw.startsWith('-') ? -0 : 0, lng: 0 })
      expect(problem).toMatchObject({ rule: 'latlng-null-island', severity: 'info' })
    }
  })
})
