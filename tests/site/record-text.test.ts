/** The rendered body read for the page: a first heading repeating the title, and the description. */
import { describe, expect, it } from 'vitest'
import { bodyDescription, htmlText, recordSummaries, withoutTitleHeading } from '../../src/site/record-text.ts'

describe('htmlText', () => {
  it('drops tags, decodes references and squashes white space', () => {
    expect(htmlText('<p>Caf&eacute; &amp; <em>tea</em>&#x21;<br>\n&#8203;x</p>')).toBe('Caf&eacute; & tea! \u200bx')
  })
})

describe('withoutTitleHeading', () => {
  it('drops a first heading that is the title, whatever its case, punctuation and markup', () => {
    const html = '<h2 id="h-a">Participation, <em>Trust</em> and Social Capital</h2>\n<p>Text</p>'
    expect(withoutTitleHeading(html, 'Participation, Trust, and Social Capital')).toEqual({ html: '<p>Text</p>', dropped: true })
    expect(withoutTitleHeading(html, 'participation trust and social capital')).toEqual({ html: '<p>Text</p>', dropped: true })
    expect(withoutTitleHeading(html, 'Participation and Trust')).toEqual({ html, dropped: false })
  })

  it('keeps a first heading that says something else, and a title heading further down', () => {
    expect(withoutTitleHeading('<h2>Summary</h2><p>x</p>', 'A plan').dropped).toBe(false)
    expect(withoutTitleHeading('<p>x</p><h2>A plan</h2>', 'A plan').dropped).toBe(false)
  })
})

describe('bodyDescription', () => {
  it('is the first answer long enough to say something, never a form prompt', () => {
    const html = '<blockquote class="prompt"><p>What is the frontier challenge your lab is trying to address this year?</p></blockquote><p>Short.</p><p>Informal waste pickers in Lima lose income when landfills close; we test a cooperative model.</p>'
    expect(bodyDescription(html)).toBe('Informal waste pickers in Lima lose income when landfills close; we test a cooperative model.')
  })

  it('cuts a long paragraph at a word, near the limit, with an ellipsis', () => {
    const text = bodyDescription(`<p>${'word '.repeat(60)}</p>`, 40)!
    expect(text.length).toBeLessThanOrEqual(40)
    expect(text).toMatch(/^(word ){6}word…$/)
  })

  it('stays linear on a paragraph that is one long run without spaces', () => {
    const started = performance.now()
    expect(bodyDescription(`<p>${'x'.repeat(400_000)}</p>`)).toMatch(/^x+…$/)
    // A backtracking pattern took seconds at 80,000 characters and minutes beyond.
    expect(performance.now() - started).toBeLessThan(2_000)
  })

  it('is null for a body with no paragraph of some length', () => {
    expect(bodyDescription('<h2>A</h2><p>Hi.</p><ul><li>a list item that is long enough to count as a paragraph</li></ul>')).toBeNull()
  })
})

describe('recordSummaries', () => {
  const INSTRUCTIONS = '<p>This section is to explain the basics of the activity</p>'
  const plan = (answer: string) => ({ record: { frontMatter: {} }, html: `${INSTRUCTIONS}<p>${answer}</p>` })

  it('passes over what many records share (a form’s instructions) for the record’s own text', () => {
    const answers = Array.from({ length: 6 }, (_, k) => `Answer number ${k} says what this one plan is about, at some length.`)
    expect(recordSummaries(answers.map(plan), false)).toEqual(answers)
    // Shared by fewer records, it is the record's first paragraph like any other.
    expect(recordSummaries(answers.slice(0, 2).map(plan), false)).toEqual(Array(2).fill('This section is to explain the basics of the activity'))
  })

  it('skips scraped navigation and bare links, and prefers the front matter’s description, addresses masked', () => {
    const html = '<p>Skip to main content Malaysia, Singapore WHO WE ARE WHAT WE DO OUR IMPACT GET INVOLVED</p><p>https://www.linkedin.com/in/someone-1234567/?originalSubdomain=ar @gmail.com</p><p>Cooling homes without power: a passive system for hot, humid cities.</p>'
    expect(recordSummaries([{ record: { frontMatter: {} }, html }], false)).toEqual(['Cooling homes without power: a passive system for hot, humid cities.'])
    const own = { record: { frontMatter: { description: 'Written by ana.perez@undp.org for the lab.' } }, html }
    expect(recordSummaries([own], false)).toEqual(['Written by @undp.org for the lab.'])
    expect(recordSummaries([own], true)).toEqual(['Written by ana.perez@undp.org for the lab.'])
    expect(recordSummaries([{ record: { frontMatter: {} }, html: '<p>Hi.</p>' }], false)).toEqual([null])
  })
})
