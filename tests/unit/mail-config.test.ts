import { describe, expect, it } from 'vitest'
import { assertMailConfigured, EnvError, parseEnv } from '../../app/utils/env.server'
import { composeEmail } from '../../app/utils/mail.server'

describe('mail configuration', () => {
  it('takes an smtp:// or smtps:// URL and a sender address, and names the variable that is wrong', () => {
    expect(parseEnv({ SMTP_URL: 'smtps://u:p@smtp.example.no:465' }).SMTP_URL).toBe('smtps://u:p@smtp.example.no:465')
    expect(() => parseEnv({ SMTP_URL: 'http://smtp.example.no' })).toThrow(/SMTP_URL/)
    expect(() => parseEnv({ SMTP_URL: 'not a url' })).toThrow(/SMTP_URL/)
    expect(parseEnv({ MAIL_FROM: 'Erfaringsbanken <ikke-svar@example.no>' }).MAIL_FROM).toBe(
      'Erfaringsbanken <ikke-svar@example.no>',
    )
    expect(() => parseEnv({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/)
    expect(() => parseEnv({ MAIL_FROM: 'a@b.no\r\nBcc: x@y.no' })).toThrow(/MAIL_FROM/)
  })

  it('refuses to start outside demo mode without a mail server; demo mode may use the outbox', () => {
    expect(() => assertMailConfigured(parseEnv({ NODE_ENV: 'production' }))).toThrow(EnvError)
    expect(() => assertMailConfigured(parseEnv({ NODE_ENV: 'production' }))).toThrow(/SMTP_URL/)
    expect(() =>
      assertMailConfigured(parseEnv({ NODE_ENV: 'production', SMTP_URL: 'smtp://localhost:25' })),
    ).not.toThrow()
    expect(() => assertMailConfigured(parseEnv({ NODE_ENV: 'production', DEMO: '1' }))).not.toThrow()
  })
})

describe('composeEmail', () => {
  it('writes the recipient language, plain text and HTML, escaping every value in the HTML', () => {
    const parts = {
      subject: { key: 'mail.reply.subject' as const },
      name: '<b>Ola</b>',
      paragraphs: [{ key: 'mail.reply.body' as const, vars: { company: 'A & B <AS>', procurement: 'Tilsyn' } }],
      action: { label: 'mail.reply.action' as const, url: 'https://eb.example/anskaffelser/1?a=1&b=2' },
      footer: { literal: 'Bunntekst' },
    }
    const nb = composeEmail('nb', parts)
    const en = composeEmail('en', parts)
    expect(nb.subject).toBe('Leverandøren har svart på erfaringsrapporten din')
    expect(en.subject).toBe('The supplier has replied to your experience report')
    expect(nb.text).toContain('Hei <b>Ola</b>,')
    expect(nb.text).toContain('https://eb.example/anskaffelser/1?a=1&b=2')
    expect(nb.html).not.toContain('<b>Ola</b>')
    expect(nb.html).toContain('&lt;b&gt;Ola&lt;/b&gt;')
    expect(nb.html).toContain('A &amp; B &lt;AS&gt;')
    expect(nb.html).toContain('href="https://eb.example/anskaffelser/1?a=1&amp;b=2"')
    expect(en.html).toContain('<html lang="en">')
  })
})
