import { describe, expect, it } from 'vitest'
import { SDG_GOALS, contrastRatio, normalizeSdg } from '../../../src/records/normalize/index.ts'

describe('SDG_GOALS', () => {
  it('holds the 17 goals in order with official titles and UN colours', () => {
    expect(SDG_GOALS.map((g) => g.number)).toEqual(Array.from({ length: 17 }, (_, i) => i + 1))
    expect(SDG_GOALS[12]).toMatchObject({ number: 13, name: 'Climate Action', color: '#3F7E44' })
    expect(SDG_GOALS[9]!.name).toBe('Reduced Inequalities')
    expect(SDG_GOALS[16]!.name).toBe('Partnerships for the Goals')
    for (const g of SDG_GOALS) {
      expect(g.color).toMatch(/^#[0-9A-F]{6}$/)
      expect(g.shortName.length).toBeGreaterThan(0)
    }
    expect(new Set(SDG_GOALS.map((g) => g.color)).size).toBe(17)
  })

  it('picks the text colour with the better WCAG contrast, and it passes AA for large text at least', () => {
    for (const g of SDG_GOALS) {
      const other = g.textColor === '#fff' ? '#1a1a1a' : '#ffffff'
      const chosen = g.textColor === '#fff' ? '#ffffff' : g.textColor
      expect(contrastRatio(g.color, chosen)).toBeGreaterThanOrEqual(contrastRatio(g.color, other))
      expect(contrastRatio(g.color, chosen)).toBeGreaterThanOrEqual(4.5)
    }
  })

  it('computes known contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5)
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2)
  })
})

describe('normalizeSdg', () => {
  it.each([
    ['13. Climate action', 13],
    ['13', 13],
    ['SDG 13', 13],
    ['SDG13', 13],
    ['sdg-13', 13],
    ['Goal 13', 13],
    ['Goal 13: Climate Action', 13],
    ['13 - Climate action', 13],
    ['Climate action', 13],
    ['CLIMATE  ACTION', 13],
    ['climate-action.', 13],
    ['10. Reduced innequalities', 10],
    ['Reduced innequalities', 10],
    ['3. Good health and well-being', 3],
    ['Good Health & Well Being', 3],
    ['16. Peace, justice and strong institutions', 16],
    ['17. Partnerships for the goals', 17],
    [' 1. No poverty ', 1],
    ['13.5', 13],
    ['SDG 14.c', 14],
    ['Target 13.2', 13]
  ])('%j → goal %i', (raw, number) => {
    const { sdg, problem } = normalizeSdg(raw)
    expect(problem).toBeUndefined()
    expect(sdg).toEqual({ number, name: SDG_GOALS[number - 1]!.name, raw })
  })

  it.each(['0', '18', '99. Something', 'Goal 42', 'Blue economy', '', 'x'.repeat(100_000)])('%j is unknown: number null, warning with the 17 goals in the hint', (raw) => {
    const { sdg, problem } = normalizeSdg(raw)
    expect(sdg).toEqual({ number: null, name: null, raw })
    expect(problem).toMatchObject({ rule: 'sdg-unknown', severity: 'warning' })
    expect(problem!.hint).toContain('1. No Poverty; 2. Zero Hunger;')
    expect(problem!.hint).toContain('17. Partnerships for the Goals')
    expect(problem!.message.length).toBeLessThan(200)
  })

  it('trusts the number when number and name disagree, with an info', () => {
    const { sdg, problem } = normalizeSdg('3. Climate action')
    expect(sdg).toEqual({ number: 3, name: 'Good Health and Well-being', raw: '3. Climate action' })
    expect(problem).toMatchObject({ rule: 'sdg-name-mismatch', severity: 'info' })
    expect(problem!.message).toContain('goal 13')
  })
})
