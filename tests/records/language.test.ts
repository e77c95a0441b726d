import { describe, expect, it } from 'vitest'
import { detectLanguages, detectText, looksEnglish } from '../../src/records/language.ts'

const english =
  'The lab worked with the municipality and the community to map the informal waste pickers of the city, and it is now testing a route that they can use for the collection of plastic.'
const spanish =
  'El laboratorio trabajó con el municipio y la comunidad para mapear a los recicladores informales de la ciudad, y ahora prueba una ruta que pueden usar para la recolección de plástico.'
const french =
  "Le laboratoire a travaillé avec la municipalité et la communauté pour cartographier les récupérateurs informels de la ville, et il teste maintenant un itinéraire pour la collecte du plastique."

describe('language detection', () => {
  it('answers plain English prose without franc, and the same as franc would', () => {
    expect(looksEnglish(english)).toBe(true)
    expect(detectText(english)).toBe('en')
  })

  it('leaves other languages to franc', () => {
    expect(looksEnglish(spanish)).toBe(false)
    expect(looksEnglish(french)).toBe(false)
    expect(detectText(spanish)).toBe('es')
    expect(detectText(french)).toBe('fr')
  })

  it('does not take a short English prompt before a Spanish answer for English', () => {
    const mixed = `Is this solution accessible? ${spanish}`
    expect(looksEnglish(mixed)).toBe(false)
    expect(detectText(mixed)).toBe('es')
  })

  it('needs enough words: a short list of English function words is not a sample', () => {
    expect(looksEnglish('the and of to in is')).toBe(false)
  })

  it('keeps a bilingual body bilingual', () => {
    const blocks = [english, english, spanish, spanish].map((text) => ({ length: text.length * 5, text: () => text }))
    const found = detectLanguages(blocks)
    expect(found.languages).toEqual(['en', 'es'])
  })
})
