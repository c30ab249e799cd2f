import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { createExperience } from '../../app/models/experiences.server'
import { decideFlags, flagContent } from '../../app/models/moderation.server'
import { enqueueFollowUpDigests, enqueueProcurementInvitation } from '../../app/models/notifications.server'
import { createProcurement } from '../../app/models/procurements.server'
import { createReply } from '../../app/models/replies.server'
import { verificationQueue } from '../../app/models/verification.server'
import { advanceClock, resetClock } from '../../app/utils/clock.server'
import { resetEnvCache } from '../../app/utils/env.server'
import { deliverDueEmails } from '../../app/utils/mail.server'
import { appRequest, dataUrl } from '../helpers/app'
import { cookieFrom, createUser, sessionFor, TEST_PASSWORD } from '../helpers/accounts'
import {
  experienceInput,
  must,
  procurementAccess,
  procurementInput,
  renameUser,
  supplierWithProduct,
} from '../helpers/experience-fixtures'
import { createBuyer, createCoordinator, type Actor } from '../helpers/register-fixtures'
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp'

// E-mail through a real SMTP server in this process (docs/domain.md, "E-mail and notifications"): what the app queues
// is sent by the same worker the server runs, and the tests read what arrived.

let smtp: TestSmtp

beforeAll(async () => {
  smtp = await startTestSmtp()
  process.env.SMTP_URL = smtp.url
  process.env.MAIL_FROM = 'Erfaringsbanken <ikke-svar@test.example>'
  resetEnvCache()
})

afterAll(async () => {
  delete process.env.SMTP_URL
  delete process.env.MAIL_FROM
  resetEnvCache()
  await smtp.close()
})

beforeEach(() => {
  smtp.setFailing(false)
  resetClock()
})

const NEW_PASSWORD = 'nytt og langt passord her'

async function deliver() {
  await deliverDueEmails()
}

describe('password reset by e-mail', () => {
  it('sends a single-use link that sets a new password, ends every session and does not work twice', async () => {
    const user = await createUser({ role: 'buyer', municipalityNumber: '3909' })
    const oldSession = await sessionFor(user.id)
    expect((await appRequest('/konto', { cookie: oldSession })).status).toBe(200)

    const asked = await appRequest('/logg-inn/glemt', { form: { email: user.email.toUpperCase() }, ip: '10.9.0.1' })
    expect(asked.status).toBe(302)
    expect(asked.headers.get('location')).toBe('/logg-inn')
    await deliver()
    const mail = await smtp.waitFor(user.email, /Nytt passord/)
    expect(mail.from).toBe('ikke-svar@test.example')
    expect(mail.text).toContain('Hei Test buyer,')
    expect(mail.html).toContain('<a href="http://localhost:3000/logg-inn/nytt-passord?token=')
    const link = linkIn(mail, '/logg-inn/nytt-passord')
    const token = link.searchParams.get('token') ?? ''

    // Only the hash is stored; the sent message no longer holds the link.
    const stored = await getDb().selectFrom('email_token').select('token_hash').where('user_id', '=', user.id).execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.token_hash).not.toContain(token)
    const queued = await getDb()
      .selectFrom('outbound_email')
      .select('text_body')
      .where('user_id', '=', user.id)
      .execute()
    expect(queued.map((q) => q.text_body).join()).not.toContain(token)

    const page = await appRequest(link.pathname + link.search)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('Nytt passord')
    // A page with a secret link is never kept by a shared cache (the public page cache stores no private answer).
    expect(page.headers.get('cache-control')).toBe('private, no-store')

    const weak = await appRequest('/logg-inn/nytt-passord', {
      form: { token, password: 'kort', confirmPassword: 'kort' },
    })
    expect(weak.status).toBe(400)

    const reset = await appRequest('/logg-inn/nytt-passord', {
      form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD },
    })
    expect(reset.status).toBe(302)
    expect(reset.headers.get('location')).toBe('/logg-inn')
    // The session from before is gone.
    const after = await appRequest('/konto', { cookie: oldSession })
    expect(after.status).toBe(302)
    expect(after.headers.get('location')).toMatch(/^\/logg-inn/)
    const sessions = await getDb().selectFrom('session').select('id').where('user_id', '=', user.id).execute()
    expect(sessions).toEqual([])

    // The same link a second time changes nothing.
    const again = await appRequest('/logg-inn/nytt-passord', {
      form: { token, password: 'et helt annet passord', confirmPassword: 'et helt annet passord' },
    })
    expect(again.status).toBe(400)
    expect(await again.text()).toContain('Lenken er ugyldig, utløpt eller allerede brukt.')
    expect((await appRequest(link.pathname + link.search)).status).toBe(200)

    const signIn = await appRequest('/logg-inn', {
      form: { email: user.email, password: NEW_PASSWORD },
      ip: '10.9.0.2',
    })
    expect(signIn.status).toBe(302)
    expect(cookieFrom(signIn)).toBeTruthy()
    const oldPassword = await appRequest('/logg-inn', {
      form: { email: user.email, password: TEST_PASSWORD },
      ip: '10.9.0.3',
    })
    expect(oldPassword.status).toBe(400)
  })

  it('gives the same answer for an unknown address, and sends nothing', async () => {
    const before = smtp.messages.length
    const known = await createUser({ role: 'supplier' })
    const forKnown = await appRequest('/logg-inn/glemt', { form: { email: known.email }, ip: '10.9.1.1' })
    const forUnknown = await appRequest('/logg-inn/glemt', {
      form: { email: 'finnes.ikke@test.example' },
      ip: '10.9.1.2',
    })
    expect(forUnknown.status).toBe(forKnown.status)
    expect(forUnknown.headers.get('location')).toBe(forKnown.headers.get('location'))
    expect(forUnknown.headers.get('set-cookie')).toBe(forKnown.headers.get('set-cookie'))
    await deliver()
    await smtp.waitFor(known.email)
    expect(smtp.messages.slice(before).flatMap((m) => m.to)).toEqual([known.email])
  })

  it('a link expires after one hour, and a newer link replaces an older one', async () => {
    const user = await createUser({ role: 'buyer', municipalityNumber: '3909' })
    await appRequest('/logg-inn/glemt', { form: { email: user.email }, ip: '10.9.2.1' })
    await appRequest('/logg-inn/glemt', { form: { email: user.email }, ip: '10.9.2.1' })
    await deliver()
    const mails = smtp.messages.filter((m) => m.to.includes(user.email))
    expect(mails).toHaveLength(2)
    const [first, second] = mails.map((m) => linkIn(m, '/logg-inn/nytt-passord').searchParams.get('token') ?? '')
    const post = (token: string) =>
      appRequest('/logg-inn/nytt-passord', { form: { token, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } })
    expect((await post(first ?? '')).status).toBe(400)
    advanceClock(61 * 60_000)
    expect((await post(second ?? '')).status).toBe(400)
  })

  it('is rate-limited per typed address, whether or not it exists', async () => {
    for (const email of ['grense@test.example', (await createUser({ role: 'buyer' })).email]) {
      for (let i = 0; i < 3; i++) {
        const res = await appRequest('/logg-inn/glemt', { form: { email }, ip: `10.9.3.${i}` })
        expect(res.status).toBe(302)
      }
      const fourth = await appRequest('/logg-inn/glemt', { form: { email }, ip: '10.9.3.9' })
      expect(fourth.status).toBe(429)
    }
  })
})

describe('e-mail address confirmation at sign-up', () => {
  it('a sign-up reaches the verification queue only after confirming its address', async () => {
    const email = `kari.${Date.now()}@bodo.kommune.no`
    const signUp = await appRequest('/registrer', {
      form: {
        kind: 'municipality',
        municipalityNumber: '1804',
        name: 'Kari Bekreft',
        email,
        password: 'et langt nok passord',
        confirmPassword: 'et langt nok passord',
      },
      ip: '10.9.4.1',
      headers: { Cookie: 'lang=en' },
    })
    expect(signUp.status).toBe(302)
    const coordinator = await createCoordinator()
    const user = await getDb().selectFrom('user').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const queued = async () => {
      const queue = await verificationQueue(coordinator.viewer)
      return [...queue.members, ...queue.organisations.flatMap((o) => o.members)].some((m) => m.id === user.id)
    }
    expect(await queued()).toBe(false)
    // Not even by id: the decision is refused too.
    const decide = await appRequest('/koordinator', {
      cookie: await sessionFor(coordinator.userId),
      form: { intent: 'verifyUser', userId: String(user.id) },
    })
    expect(decide.status).not.toBe(302)
    expect(
      (await getDb().selectFrom('user').select('status').where('id', '=', user.id).executeTakeFirstOrThrow()).status,
    ).toBe('pending')

    await deliver()
    // Signed up with the English interface: the message is in English.
    const mail = await smtp.waitFor(email, /Confirm your e-mail address/)
    expect(mail.text).toContain('Hello Kari Bekreft,')
    const link = linkIn(mail, '/registrer/bekreft')
    // Opening the link does not confirm (mail scanners open links); the button does. Never kept by a shared cache.
    const opened = await appRequest(link.pathname + link.search)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('cache-control')).toBe('private, no-store')
    expect(await queued()).toBe(false)
    const confirm = await appRequest('/registrer/bekreft', { form: { token: link.searchParams.get('token') ?? '' } })
    expect(confirm.status).toBe(302)
    expect(await queued()).toBe(true)
    const twice = await appRequest('/registrer/bekreft', { form: { token: link.searchParams.get('token') ?? '' } })
    expect(twice.status).toBe(400)
  })
})

describe('notifications', () => {
  let coordinator: Actor
  let author: Actor
  let otherBuyer: Actor
  let supplier: Actor
  let experienceId: number
  let procurementId: number

  beforeAll(async () => {
    coordinator = await createCoordinator()
    let productId: number
    ;({ supplier, productId } = await supplierWithProduct('Varsel Leverandør AS', 'Varselsensor', coordinator))
    author = await createBuyer('3907')
    await renameUser(author.userId, 'Hemmelig Forfattersen')
    otherBuyer = await createBuyer('4601')
    ;({ procurementId } = must(
      await createProcurement(
        author.viewer,
        procurementInput({
          title: 'Varslingsanskaffelsen',
          productIds: [String(productId)],
          internalNotes: 'INTERNNOTAT-SKAL-IKKE-UT',
          contractValueNok: '4 242 424',
        }),
      ),
    ))
    ;({ experienceId } = must(
      await createExperience(author.viewer, await procurementAccess(procurementId), experienceInput()),
    ))
  })

  it('a supplier never reads an internal note, a contract value or an author name; a buyer who flagged sees the name', async () => {
    must(
      await flagContent(supplier.viewer, { targetType: 'experience', targetId: experienceId, reason: 'Feil om oss.' }),
    )
    must(await flagContent(otherBuyer.viewer, { targetType: 'experience', targetId: experienceId, reason: 'Usaklig.' }))
    must(
      await decideFlags(coordinator.viewer, {
        targetType: 'experience',
        targetId: experienceId,
        decision: 'keep',
        reason: 'Innenfor retningslinjene.',
      }),
    )
    await deliver()
    const toSupplier = await smtp.waitFor(supplier.viewer.email, /behandlet/)
    const toBuyer = await smtp.waitFor(otherBuyer.viewer.email, /behandlet/)
    const toAuthor = await smtp.waitFor(author.viewer.email, /behandlet/)
    for (const secret of ['INTERNNOTAT', '4 242 424', '4242424', 'Hemmelig Forfattersen', 'Innenfor retningslinjene']) {
      expect(toSupplier.raw).not.toContain(secret)
      expect(toSupplier.text).not.toContain(secret)
      expect(toSupplier.html).not.toContain(secret)
    }
    expect(toSupplier.text).toContain('Varslingsanskaffelsen')
    expect(toSupplier.text).toContain('innholdet får stå')
    // The policy decides, not the template: a buyer may see the author's name.
    expect(toBuyer.text).toContain('Hemmelig Forfattersen')
    expect(toBuyer.text).not.toContain('Innenfor retningslinjene')
    // The author sees the outcome of their own report.
    expect(toAuthor.text).toContain('latt innholdet stå')
  })

  it('the author hears that a supplier replied, unless turned off on /konto/varsler', async () => {
    must(await createReply(supplier.viewer, experienceId, { body: 'Takk for rapporten.' }))
    await deliver()
    const mail = await smtp.waitFor(author.viewer.email, /svart på erfaringsrapporten/)
    expect(mail.text).toContain('Varsel Leverandør AS har svart')
    expect(mail.text).toContain(`/anskaffelser/${procurementId}`)

    const cookie = await sessionFor(author.userId)
    const saved = await appRequest('/konto/varsler', {
      cookie,
      form: { enabled: ['moderation_outcome', 'version_decision'], locale: 'en' },
    })
    expect(saved.status).toBe(302)
    const before = smtp.messages.length
    const { experienceId: later } = must(
      await createExperience(
        author.viewer,
        await procurementAccess(procurementId),
        experienceInput({ reportDate: '2025-09-01' }),
      ),
    )
    must(await createReply(supplier.viewer, later, { body: 'Vi svarer igjen.' }))
    await deliver()
    expect(smtp.messages.slice(before).filter((m) => m.to.includes(author.viewer.email))).toEqual([])
    const settings = await appRequest(dataUrl('/konto/varsler'), { cookie })
    expect(settings.status).toBe(200)
  })

  it('a decision on a version reaches the supplier, with its rationale and a link to the version', async () => {
    await deliver()
    const mail = await smtp.waitFor(supplier.viewer.email, /Vedtak om Varselsensor/)
    expect(mail.text).toContain('godkjent')
    expect(mail.text).toContain('/leverandor/versjoner/')
  })

  it('in demo mode without SMTP, messages stay in the outbox, where an admin can follow the link', async () => {
    delete process.env.SMTP_URL
    resetEnvCache()
    try {
      const user = await createUser({ role: 'buyer' })
      await appRequest('/logg-inn/glemt', { form: { email: user.email }, ip: '10.9.6.1' })
      await deliver()
      const row = await getDb()
        .selectFrom('outbound_email')
        .select(['status'])
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
      expect(row.status).toBe('outbox')
      const admin = await createCoordinator('admin')
      const html = await (await appRequest('/admin/utboks', { cookie: await sessionFor(admin.userId) })).text()
      expect(html).toContain(user.email)
      expect(html).toMatch(/href="\/logg-inn\/nytt-passord\?token=[a-z2-7]{40}"/)
    } finally {
      process.env.SMTP_URL = smtp.url
      resetEnvCache()
    }
  })

  it('an invitation reaches the verified buyers of the invited municipality, without notes or values', async () => {
    const invited = await createBuyer('5001')
    await getDb()
      .transaction()
      .execute((trx) => enqueueProcurementInvitation(trx, { procurementId, invitedMunicipalityNumber: '5001' }))
    await deliver()
    const mail = await smtp.waitFor(invited.viewer.email, /Invitasjon/)
    expect(mail.text).toContain('Varslingsanskaffelsen')
    expect(mail.raw).not.toContain('INTERNNOTAT')
    expect(mail.raw).not.toContain('4 242 424')
  })

  it('the monthly digest lists what is due and links to the due view of "Min kommune", for each municipality its own', async () => {
    const buyer = await createBuyer('5501')
    const elsewhere = await createBuyer('5503')
    const title = 'Sensorer i omsorgsboliger (oppfølging)'
    const otherTitle = 'Medisindispensere i Harstad (oppfølging)'
    const notDue = 'Nytt tilsyn, ikke i drift ennå'
    // In operation since long ago, nothing reported: due for follow-up. A pilot without go-live is not.
    const due = { phase: 'in_operation', goLiveDate: '2022-01-10' }
    must(await createProcurement(buyer.viewer, procurementInput({ title, ...due })))
    must(await createProcurement(buyer.viewer, procurementInput({ title: notDue })))
    must(await createProcurement(elsewhere.viewer, procurementInput({ title: otherTitle, ...due })))
    expect(await enqueueFollowUpDigests()).toBeGreaterThanOrEqual(2)
    await deliver()
    const mail = await smtp.waitFor(buyer.viewer.email, /Oppfølging som venter/)
    expect(mail.text).toContain(title)
    expect(mail.text).not.toContain(otherTitle)
    expect(mail.text).not.toContain(notDue)
    expect(linkIn(mail, '/min-kommune').search).toBe('?forfall=1')
    expect((await smtp.waitFor(elsewhere.viewer.email, /Oppfølging som venter/)).text).not.toContain(title)
    // The link leads to the due view itself, as the buyer sees it.
    const page = await appRequest('/min-kommune?forfall=1', { cookie: await sessionFor(buyer.viewer.userId) })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(title)
    expect(html).not.toContain(notDue)
  })

  it('a failing mail server never fails the cause; the message is retried with backoff and shown to admins', async () => {
    smtp.setFailing(true)
    const user = await createUser({ role: 'buyer' })
    const asked = await appRequest('/logg-inn/glemt', { form: { email: user.email }, ip: '10.9.5.1' })
    expect(asked.status).toBe(302)
    await deliver()
    const row = async () =>
      getDb()
        .selectFrom('outbound_email')
        .select(['status', 'attempts', 'last_error', 'next_attempt_at', 'id'])
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow()
    let message = await row()
    expect(message).toMatchObject({ status: 'queued', attempts: 1 })
    expect(message.last_error).toMatch(/Mailbox unavailable/)
    expect(Date.parse(message.next_attempt_at)).toBeGreaterThan(Date.now())
    for (let i = 0; i < 6; i++) {
      advanceClock(13 * 3_600_000)
      await deliver()
    }
    message = await row()
    expect(message).toMatchObject({ status: 'failed', attempts: 6 })

    const admin = await createCoordinator('admin')
    const page = await appRequest('/admin/utboks?vis=feilet', { cookie: await sessionFor(admin.userId) })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain(user.email)
    expect(html).toContain('Feilet')
    // Not demo mode? The test runs in demo mode (NODE_ENV=test), where reset links show; see the outbox test below.
    smtp.setFailing(false)
    const retried = await appRequest('/admin/utboks', {
      cookie: await sessionFor(admin.userId),
      form: { intent: 'retry', id: String(message.id) },
    })
    expect(retried.status).toBe(302)
    await deliver()
    expect((await row()).status).toBe('sent')
    await smtp.waitFor(user.email)
  })
})
