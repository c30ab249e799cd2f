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
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(nb) as (keyof typeof nb)[]) expect(vars(en[key]), key).toEqual(vars(nb[key]))
  })

  it('formats numbers in the locale', () => {
    expect(translator('nb')('home.facts.municipalities', { count: 1234 })).toBe('1\u00a0234 kommuner')
    expect(translator('en')('home.facts.municipalities', { count: 1234 })).toBe('1,234 municipalities')
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
