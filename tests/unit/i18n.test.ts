import { describe, expect, it } from 'vitest'
import { messagesFor, translator } from '../../app/i18n'
import { resolveLocale } from '../../app/i18n/locale.server'

describe('i18n', () => {
  it('has every bokmål message translated to English and none left empty', () => {
    const nb = messagesFor('nb')
    const en = messagesFor('en')
    expect(Object.keys(en).sort()).toEqual(Object.keys(nb).sort())
    for (const [key, text] of Object.entries(en)) expect(text.trim(), key).not.toBe('')
  })

  it('keeps the same placeholders in both languages', () => {
    const nb = messagesFor('nb')
    const en = messagesFor('en')
    const vars = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) expect(vars(en[key]), key).toEqual(vars(nb[key]))
  })

  it('formats numbers in the locale', () => {
    expect(translator('nb')('home.facts.municipalities', { count: 1234 })).toBe('1\u00a0234 kommuner')
    expect(translator('en')('home.facts.municipalities', { count: 1234 })).toBe('1,234 municipalities')
  })

  it('writes every count with plural rules: no «1 løsninger», «1 brukere» or «1 rapporter fra 1 kommuner»', () => {
    const nb = translator('nb')
    const en = translator('en')
    expect(nb('register.results', { count: 1 })).toBe('1 løsning')
    expect(nb('register.results', { count: 2 })).toBe('2 løsninger')
    expect(nb('register.results', { count: 0 })).toBe('0 løsninger')
    expect(nb('admin.total', { count: 1 })).toBe('1 bruker')
    expect(nb('experience.basis', { reports: 1, municipalities: 1 })).toContain('1 rapport fra 1 kommune.')
    expect(en('register.results', { count: 1 })).toBe('1 solution')
    expect(en('admin.total', { count: 1_104 })).toBe('1,104 users')
    expect(nb('admin.total', { count: 1_104 })).toBe('1\u00a0104 brukere')
    // Every message with a count, rendered with 1, never reads «1 <plural>» for the nouns the UI counts.
    const pluralNouns =
      /\b1 (løsninger|brukere|rapporter|kommuner|hendelser|anskaffelser|fylker|kategorier|dager|minutter|måneder|erfaringer|solutions|users|reports|municipalities|events|procurements|counties|categories|days|minutes|months|years)\b/
    for (const locale of ['nb', 'en'] as const) {
      const t = translator(locale)
      const messages = messagesFor(locale)
      for (const key of Object.keys(messages) as Array<keyof typeof messages>) {
        const ones = Object.fromEntries(
          // {band} is a range of municipalities («3–9»), never one.
          [...messages[key].matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => [m[1] ?? '', m[1] === 'band' ? '3–9' : 1]),
        )
        expect(t(key, ones), `${locale} ${key}`).not.toMatch(pluralNouns)
      }
    }
  })

  it('takes ?lang first, then the cookie, then bokmål', () => {
    expect(resolveLocale(new Request('http://x/?lang=en'))).toMatchObject({
      locale: 'en',
      setCookie: expect.stringContaining('lang=en'),
    })
    expect(resolveLocale(new Request('http://x/', { headers: { cookie: 'a=1; lang=en' } })).locale).toBe('en')
    expect(resolveLocale(new Request('http://x/?lang=xx', { headers: { cookie: 'lang=fr' } }))).toEqual({
      locale: 'nb',
    })
  })
})
