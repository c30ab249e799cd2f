import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  addAttachment,
  addAttachmentFile,
  deleteAttachment,
  deleteDossierSection,
  openAttachment,
  saveDossierSection,
} from '../../app/models/dossier.server'
import { DossierSectionSchema } from '../../app/forms/register'
import { attachmentsDir } from '../../app/utils/attachment-storage.server'
import { MAX_ATTACHMENT_BYTES, isPdf, safePdfFilename } from '../../app/utils/pdf.server'
import { refusalStatus } from '../../app/utils/refusal.server'
import { testDb } from '../helpers/db'
import {
  categoryId,
  createBuyer,
  createCoordinator,
  createSupplier,
  dossierOf,
  moveVersionTo,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

let owner: Awaited<ReturnType<typeof createSupplier>>
let other: Actor
let coordinator: Actor
let buyer: Actor
let draft: { productId: number; versionId: number }

const pdf = (text: string) =>
  new TextEncoder().encode(`%PDF-1.7\n%\u00e2\u00e3\n1 0 obj <<>> endobj\n% ${text}\ntrailer <<>>\n%%EOF\n`)
const storedFiles = () => (existsSync(attachmentsDir()) ? readdirSync(attachmentsDir()) : [])
const filesWithContent = (bytes: Uint8Array) =>
  storedFiles().filter((name) => Buffer.compare(readFileSync(join(attachmentsDir(), name)), Buffer.from(bytes)) === 0)

async function readAll(stream: ReadableStream<Uint8Array>) {
  return Buffer.from(await new Response(stream).arrayBuffer())
}

beforeAll(async () => {
  owner = await createSupplier('Dossier Velferd AS')
  other = await createSupplier('Nysgjerrig Konkurrent AS')
  coordinator = await createCoordinator()
  buyer = await createBuyer('1103')
  draft = await productInState(
    owner,
    coordinator,
    productInput({ name: 'Dossierprodukt', categoryId: await categoryId('digitalt-tilsyn') }),
    'draft',
  )
})

describe('PDF sniffing', () => {
  it('goes by the bytes, not the name', () => {
    expect(isPdf(pdf('ok'))).toBe(true)
    expect(isPdf(new TextEncoder().encode('<html><script>alert(1)</script></html>'))).toBe(false)
    expect(isPdf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false) // PNG
    expect(isPdf(new TextEncoder().encode(' %PDF-1.7'))).toBe(false) // junk before the header: polyglot trick
    expect(isPdf(new TextEncoder().encode('%PDF'))).toBe(false)
    expect(isPdf(new TextEncoder().encode('%PDF-x'))).toBe(false)
  })

  it('keeps only a safe display name', () => {
    expect(safePdfFilename('../../etc/passwd')).toBe('passwd.pdf')
    expect(safePdfFilename('C:\\Users\\x\\ROS-analyse 2026.PDF')).toBe('ROS-analyse 2026.pdf')
    expect(safePdfFilename('rapport"; filename=evil.html')).toBe('rapport filename=evil.html.pdf')
    expect(safePdfFilename('')).toBe('dokument.pdf')
    expect(safePdfFilename('Prisoversikt for Bærum og Åsnes.pdf')).toBe('Prisoversikt for Bærum og Åsnes.pdf')
  })
})

describe('dossier attachments', () => {
  it('stores a real PDF outside public/ under a random name, and serves it back to those allowed', async () => {
    const bytes = pdf('sikkerhetsdokumentasjon')
    const result = await addAttachment(owner.viewer, draft.versionId, { filename: 'ROS-analyse.pdf', bytes })
    expect(result.ok).toBe(true)
    const id = (result as { value: { attachmentId: number } }).value.attachmentId

    const row = await testDb()
      .selectFrom('dossier_attachment')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      original_filename: 'ROS-analyse.pdf',
      size_bytes: bytes.length,
      uploaded_by: owner.userId,
    })
    expect(row.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(row.stored_name).toMatch(/^[0-9a-f]{32}$/)
    expect(attachmentsDir()).toBe(join(dirname(resolve(process.env.DATABASE_PATH!)), 'attachments'))
    expect(attachmentsDir().startsWith(resolve('public'))).toBe(false)
    expect(readFileSync(join(attachmentsDir(), row.stored_name))).toEqual(Buffer.from(bytes))

    for (const actor of [owner, coordinator]) {
      const download = await openAttachment(actor.viewer, id)
      if (!download.ok) throw new Error(download.code)
      expect(await readAll(download.value.stream())).toEqual(Buffer.from(bytes))
      expect(download.value.headers.get('Content-Type')).toBe('application/pdf')
      expect(download.value.headers.get('Content-Disposition')).toMatch(/^attachment; filename="ROS-analyse.pdf"/)
      expect(download.value.headers.get('X-Content-Type-Options')).toBe('nosniff')
    }
    for (const viewer of [null, buyer.viewer, other.viewer]) {
      expect(await openAttachment(viewer, id)).toMatchObject({ ok: false, code: 'forbidden' })
    }
    expect(await openAttachment(owner.viewer, 987_654)).toMatchObject({ ok: false, code: 'not_found' })
    const audit = await testDb()
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'register.attachment_downloaded')
      .where('target_id', '=', String(id))
      .execute()
    expect(audit.map((a) => a.actor_user_id).sort()).toEqual([owner.userId, coordinator.userId].sort())
  })

  it('refuses a non-PDF renamed to .pdf and writes no file', async () => {
    const html = new TextEncoder().encode('<!doctype html><script>document.location="https://evil.example"</script>')
    const result = await addAttachment(owner.viewer, draft.versionId, { filename: 'tilbud.pdf', bytes: html })
    expect(result).toMatchObject({ ok: false, code: 'not_pdf', fieldErrors: { file: 'dossier.error.notPdf' } })
    if (!result.ok) expect(refusalStatus(result)).toBe(415)
    expect(filesWithContent(html)).toEqual([])
    const file = new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])], 'bilde.pdf', {
      type: 'application/pdf',
    })
    expect(await addAttachmentFile(owner.viewer, draft.versionId, file)).toMatchObject({ ok: false, code: 'not_pdf' })
    const rows = await testDb()
      .selectFrom('dossier_attachment')
      .select('original_filename')
      .where('version_id', '=', draft.versionId)
      .execute()
    expect(rows.map((r) => r.original_filename)).not.toContain('tilbud.pdf')
    expect(rows.map((r) => r.original_filename)).not.toContain('bilde.pdf')
  })

  it('refuses empty files and files over 10 MB', async () => {
    expect(
      await addAttachment(owner.viewer, draft.versionId, { filename: 'tom.pdf', bytes: new Uint8Array() }),
    ).toMatchObject({
      ok: false,
      code: 'empty_file',
    })
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1)
    big.set(pdf('stor'))
    expect(await addAttachment(owner.viewer, draft.versionId, { filename: 'stor.pdf', bytes: big })).toMatchObject({
      ok: false,
      code: 'file_too_large',
    })
    expect(await addAttachmentFile(owner.viewer, draft.versionId, new File([big], 'stor.pdf'))).toMatchObject({
      ok: false,
      code: 'file_too_large',
    })
  })

  it('lets only the owning supplier upload, and only while the dossier is open', async () => {
    const bytes = pdf('uautorisert')
    expect(await addAttachment(other.viewer, draft.versionId, { filename: 'x.pdf', bytes })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await addAttachment(buyer.viewer, draft.versionId, { filename: 'x.pdf', bytes })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await addAttachment(null, draft.versionId, { filename: 'x.pdf', bytes })).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    expect(await addAttachment(coordinator.viewer, draft.versionId, { filename: 'x.pdf', bytes })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(filesWithContent(bytes)).toEqual([])

    const submitted = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Innsendt dossier', categoryId: await categoryId('digitalt-tilsyn') }),
      'submitted',
    )
    expect(await addAttachment(owner.viewer, submitted.versionId, { filename: 'sent.pdf', bytes })).toMatchObject({
      ok: false,
      code: 'not_editable',
    })
    expect(filesWithContent(bytes)).toEqual([])
  })

  it('deletes the file with the row', async () => {
    const bytes = pdf('slettes')
    const result = await addAttachment(owner.viewer, draft.versionId, { filename: 'slett.pdf', bytes })
    const id = (result as { value: { attachmentId: number } }).value.attachmentId
    expect(filesWithContent(bytes)).toHaveLength(1)
    expect(await deleteAttachment(other.viewer, id)).toMatchObject({ ok: false, code: 'not_found' })
    expect(await deleteAttachment(owner.viewer, id)).toEqual({ ok: true, value: null })
    expect(filesWithContent(bytes)).toEqual([])
    expect(await openAttachment(owner.viewer, id)).toMatchObject({ ok: false, code: 'not_found' })
  })
})

describe('dossier sections', () => {
  it('creates, updates and deletes sections while the version is a draft, then locks them', async () => {
    const created = await saveDossierSection(owner.viewer, draft.versionId, {
      kind: 'security_documentation',
      heading: 'ROS-analyse',
      body: 'Oppdatert i år.',
    })
    expect(created.ok).toBe(true)
    const sectionId = (created as { value: { sectionId: number } }).value.sectionId
    expect(
      await saveDossierSection(
        owner.viewer,
        draft.versionId,
        { kind: 'security_documentation', heading: 'ROS-analyse 2026', body: 'Revidert.' },
        sectionId,
      ),
    ).toEqual({
      ok: true,
      value: { sectionId },
    })
    expect(
      DossierSectionSchema.safeParse({ kind: 'other', heading: ' ', body: 'x' }).error?.issues.map((i) => [
        i.path,
        i.message,
      ]),
    ).toEqual([[['heading'], 'dossier.error.heading']])
    expect(
      await saveDossierSection(other.viewer, draft.versionId, { kind: 'other', heading: 'Spion', body: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'not_found',
    })
    const dossier = await dossierOf(owner.viewer, draft.versionId)
    expect(dossier!.sections.find((s) => s.id === sectionId)).toMatchObject({
      heading: 'ROS-analyse 2026',
      body: 'Revidert.',
    })
    expect(dossier!.attachments.map((a) => a.filename)).toContain('ROS-analyse.pdf')
    expect(dossier!.viewerCan.edit).toBe(true)

    const extra = await saveDossierSection(owner.viewer, draft.versionId, {
      kind: 'prices_offered',
      heading: 'Priser',
      body: '289 kr.',
    })
    const extraId = (extra as { value: { sectionId: number } }).value.sectionId
    expect(await deleteDossierSection(other.viewer, extraId)).toMatchObject({ ok: false, code: 'not_found' })
    expect(await deleteDossierSection(owner.viewer, extraId)).toEqual({ ok: true, value: null })

    await moveVersionTo(draft.versionId, 'in_review', owner, coordinator)
    expect(
      await saveDossierSection(owner.viewer, draft.versionId, { kind: 'other', heading: 'Sent', body: 'x' }),
    ).toMatchObject({
      ok: false,
      code: 'not_editable',
    })
    expect(await deleteDossierSection(owner.viewer, sectionId)).toMatchObject({ ok: false, code: 'not_editable' })
    expect((await dossierOf(coordinator.viewer, draft.versionId))!.sections.map((s) => s.heading)).toEqual([
      'ROS-analyse 2026',
    ])
  })

  it('reopens the dossier while a provisional approval waits for the evidence of benefit', async () => {
    const provisional = await productInState(
      owner,
      coordinator,
      productInput({ name: 'Foreløpig dossier', categoryId: await categoryId('digitalt-tilsyn') }),
      'provisionally_approved',
    )
    const added = await addAttachment(owner.viewer, provisional.versionId, {
      filename: 'gevinstrapport.pdf',
      bytes: pdf('gevinst'),
    })
    expect(added.ok).toBe(true)
  })
})
