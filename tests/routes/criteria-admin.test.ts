import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '../../db/client'
import { appRequest } from '../helpers/app'
import { sessionFor } from '../helpers/accounts'
import {
  categoryId,
  createCoordinator,
  createSupplier,
  productInState,
  productInput,
  type Actor,
} from '../helpers/register-fixtures'

// Coordinators manage the criteria (versioned, audited) and categories; every decision records the criteria version
// it was made under, shown on the decision (issue 10, deliverable 4; docs/domain.md, "Criteria").

let coordinator: Actor
const criterionForm = (overrides: Record<string, string> = {}) => ({
  intent: 'saveCriterion',
  code: 'universal_design',
  nameNb: 'Universell utforming',
  nameEn: 'Universal design',
  descriptionNb: 'Brukergrensesnitt for innbyggere og ansatte oppfyller kravene til universell utforming (endret).',
  descriptionEn: 'User interfaces meet the requirements for universal design (changed).',
  requirementNb: '',
  requirementEn: '',
  evidenceNb: '',
  evidenceEn: '',
  notApplicableAllowed: 'on',
  sortOrder: '60',
  ...overrides,
})
const currentVersion = async () =>
  (
    await getDb()
      .selectFrom('criteria_version')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirstOrThrow()
  ).id

beforeAll(async () => {
  coordinator = await createCoordinator()
})

describe('managing criteria', () => {
  it('an edit makes a new criteria version, audited with before and after; decisions record it and show it', async () => {
    const before = await currentVersion()
    const res = await appRequest('/koordinator/kriterier', {
      cookie: await sessionFor(coordinator.userId),
      form: criterionForm(),
    })
    expect(res.status).toBe(302)
    const after = await currentVersion()
    expect(after).toBe(before + 1)
    const snapshot = await getDb()
      .selectFrom('criteria_version_criterion')
      .select('description_nb')
      .where('criteria_version_id', '=', after)
      .where('code', '=', 'universal_design')
      .executeTakeFirstOrThrow()
    expect(snapshot.description_nb).toContain('(endret)')
    const [entry] = await getDb()
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'criteria.criterion_updated')
      .execute()
    expect(JSON.parse(entry!.details).criteriaVersion).toBe(after)
    expect(JSON.stringify(JSON.parse(entry!.details).changes)).toContain('description_nb')
    // The published page shows the new text.
    expect(await (await appRequest('/kriterier')).text()).toContain('(endret)')

    // The same form again changes nothing, and makes no version.
    await appRequest('/koordinator/kriterier', { cookie: await sessionFor(coordinator.userId), form: criterionForm() })
    expect(await currentVersion()).toBe(after)

    const supplier = await createSupplier('Kriterieversjon AS')
    const { productId, versionId } = await productInState(
      supplier,
      coordinator,
      productInput({ name: 'Versjonsalarmen', categoryId: await categoryId('digitalt-tilsyn') }),
      'approved',
    )
    const decision = await getDb()
      .selectFrom('version_decision')
      .select('criteria_version_id')
      .where('version_id', '=', versionId)
      .executeTakeFirstOrThrow()
    expect(decision.criteria_version_id).toBe(after)
    expect(await (await appRequest(`/register/${productId}`)).text()).toContain(`etter kriterieversjon ${after}`)
  })

  it('adds a category, and refuses a slug already taken with a field message', async () => {
    const cookie = await sessionFor(coordinator.userId)
    const add = await appRequest('/koordinator/kriterier', {
      cookie,
      form: {
        intent: 'saveCategory',
        slug: 'sosial-robotikk',
        nameNb: 'Sosial robotikk',
        nameEn: 'Social robotics',
        sortOrder: '110',
      },
    })
    expect(add.status).toBe(302)
    const taken = await appRequest('/koordinator/kriterier', {
      cookie,
      form: { intent: 'saveCategory', slug: 'digitalt-tilsyn', nameNb: 'Dobbel', nameEn: 'Double', sortOrder: '120' },
    })
    expect(taken.status).toBe(400)
    expect(await taken.text()).toContain('En annen kategori har denne adressen.')
    const audit = await getDb()
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'criteria.category%')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['criteria.category_created'])
  })
})
