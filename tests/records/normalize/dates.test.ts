import { describe, expect, it } from 'vitest'
import { parseDate, parseYear } from '../../../src/records/normalize/index.ts'

describe('parseYear', () => {
  it.each([
    ['2023', 2023],
    [' 2025 ', 2025],
    ['FY2023', 2023],
    ['fy 2024', 2024],
    ['1900', 1900],
    ['2100', 2100]
  ])('%j → %i', (raw, year) => {
    expect(parseYear(raw)).toEqual({ year })
  })

  it.each(['', '23', '1899', '2101', '2023-2024', 'twenty', '20233', '2023.5'])('%j is invalid', (raw) => {
    const { year, problem } = parseYear(raw)
    expect(year).toBeNull()
    expect(problem).toMatchObject({ rule: 'year-invalid', severity: 'warning' })
  })
})

describe('parseDate', () => {
  it.each([
    ['2023-03-01', '2023-03-01'],
    ['2023-3-1', '2023-03-01'],
    ['2023-03-01T00:00:00.000Z', '2023-03-01'],
    ['2023-12-31T00:00:00.000Z', '2023-12-31'],
    ['2023-12-31 10:30', '2023-12-31'],
    ['30 DE SEPTIEMBRE DE 2024', '2024-09-30'],
    ['1 DE ABRIL DE 2025', '2025-04-01'],
    ['29 DE JANUARY DE 2021', '2021-01-29'],
    ['9 AOÛT 2021', '2021-08-09'],
    ['28 FÉVRIER 2020', '2020-02-28'],
    ['9 DE\u0301CEMBRE 2021', '2021-12-09'],
    ['14 MAI 2021', '2021-05-14'],
    ['5 TEMMUZ 2022', '2022-07-05'],
    ['2024 Ж. 12 SEPTEMBER', '2024-09-12'],
    ['September 12, 2024', '2024-09-12'],
    ['12 Sept. 2024', '2024-09-12'],
    ['3rd of May 2021', '2021-05-03'],
    ['31/12/2023', '2023-12-31'],
    ['1.2.2023', '2023-02-01'],
    ['2023/12/31', '2023-12-31']
  ])('%j → %s', (raw, date) => {
    expect(parseDate(raw)).toEqual({ date })
  })

  it.each(['', 'yesterday', '2023-02-30', '31 DE ABRIL DE 2024', '29 FÉVRIER 2023', 'MAYO DE 2024', '12 DE MAYO', '12 DE FOO DE 2024', '12 13 2024', '2023-13-01', '13/13/2023', '1850-01-01', '9'.repeat(100_000)])(
    '%j is invalid',
    (raw) => {
      const { date, problem } = parseDate(raw)
      expect(date).toBeNull()
      expect(problem).toMatchObject({ rule: 'date-invalid', severity: 'warning' })
      expect(problem!.message.length).toBeLessThan(200)
    }
  )
})
