/**
 * Lists that scale (src/site/emit/list-page.ts, #14): a list's records by
 * year, cut into pages of LIST_PAGE_SIZE, each page linking the others, the
 * years linked on the page where they start, and the search filter that
 * selects the same records.
 */
import { describe, expect, it } from 'vitest'
import { LIST_PAGE_SIZE, listPages } from '../../../src/site/emit/list-page.ts'
import type { RecordLink } from '../../../src/site/emit/records.ts'

const FAMILY = { family: 'Method', familyTitle: 'Methods', familyUrl: '/methods/' }

/** `n` records of `year`, titled `year-k`, newest first as the site orders them. */
function records(year: number | null, n: number): RecordLink[] {
  return Array.from({ length: n }, (_, k) => ({
    url: `/plans/${year}-${k}/`, title: `${year}-${k}`, type: 'learningplan', kindLabel: 'Learning plan',
    year, place: 'Peru', dateKey: year === null ? '' : `${year}-01-01`, summary: `Summary ${k}`
  }))
}

describe('listPages', () => {
  // 130 of 2024, 90 of 2023, 15 undated: 235 records, three pages.
  const list = [...records(2024, 130), ...records(2023, 90), ...records(null, 15)]
  const pages = listPages(FAMILY, '/methods/surveys/', 'Surveys', list, { search: { name: 'method', value: 'surveys' } })

  it('cuts the list into pages of LIST_PAGE_SIZE, the first at the list’s own URL', () => {
    expect(LIST_PAGE_SIZE).toBe(100)
    expect(pages.map((p) => p.url)).toEqual(['/methods/surveys/', '/methods/surveys/page/2/', '/methods/surveys/page/3/'])
    expect(pages.map((p) => p.groups.reduce((n, g) => n + g.records.length, 0))).toEqual([100, 100, 35])
    // Every record once, in the list's order.
    expect(pages.flatMap((p) => p.groups.flatMap((g) => g.records))).toEqual(list)
    for (const p of pages) expect(p.count).toBe(235)
  })

  it('links each page to the previous, the next and all of them', () => {
    expect(pages.map((p) => [p.part.number, p.part.of, p.part.prev, p.part.next])).toEqual([
      [1, 3, null, '/methods/surveys/page/2/'],
      [2, 3, '/methods/surveys/', '/methods/surveys/page/3/'],
      [3, 3, '/methods/surveys/page/2/', null]
    ])
    expect(pages[1]!.part.pages.map((p) => p.url)).toEqual(pages.map((p) => p.url))
  })

  it('groups by year, a year running over two pages continued on the second, and links every year where it starts', () => {
    expect(pages.map((p) => p.groups.map((g) => [g.heading, g.records.length, g.count, g.continued]))).toEqual([
      [['2024', 100, 130, false]],
      [['2024', 30, 130, true], ['2023', 70, 90, false]],
      [['2023', 20, 90, true], ['Year unknown', 15, 15, false]]
    ])
    expect(pages[0]!.jump).toEqual([
      { label: '2024', url: '/methods/surveys/#year-2024', count: 130 },
      { label: '2023', url: '/methods/surveys/page/2/#year-2023', count: 90 },
      { label: 'Year unknown', url: '/methods/surveys/page/3/#year-unknown', count: 15 }
    ])
    expect(pages[2]!.jump).toEqual(pages[0]!.jump)
  })

  it('links the search filtered to the same records', () => {
    expect(pages.map((p) => p.searchUrl)).toEqual(Array(3).fill('/search/?method=surveys'))
    expect(listPages(FAMILY, '/stages/x/', 'X', list)[0]!.searchUrl).toBeNull()
  })

  it('keeps one page and one unnamed group for a short list, or a list that is one year already', () => {
    const year = listPages(FAMILY, '/years/2024/', '2024', records(2024, 7), { byYear: false })
    expect(year).toHaveLength(1)
    expect(year[0]!.groups.map((g) => [g.heading, g.records.length])).toEqual([['', 7]])
    expect(year[0]!.jump).toEqual([])
    expect(year[0]!.part).toMatchObject({ number: 1, of: 1, prev: null, next: null })
  })

  it('gives an empty list one page with no group', () => {
    const empty = listPages(FAMILY, '/sdgs/4/', 'Goal 4', [])
    expect(empty).toHaveLength(1)
    expect(empty[0]!.count).toBe(0)
    expect(empty[0]!.groups.flatMap((g) => g.records)).toEqual([])
  })
})
