import { getDb } from '../../db/client'
import { PUBLIC_DECISION_OUTCOMES } from '~/domain/approval-workflow'
import { currentApprovalExists } from '~/models/register-access.server'
import { clock } from '~/models/db.server'

/** Public figures about the register: approved products per category and published decisions per outcome. */
export async function registerOverview() {
  const db = getDb()
  const { today } = clock()
  const [perCategory, perOutcome] = await Promise.all([
    db
      .selectFrom('category as c')
      .leftJoin('product as p', (join) =>
        join.onRef('p.category_id', '=', 'c.id').on(currentApprovalExists('p.id', today)),
      )
      .select(['c.slug', 'c.name_nb', 'c.name_en', (eb) => eb.fn.count<number>('p.id').as('approved')])
      .groupBy('c.id')
      .orderBy('c.sort_order')
      .execute(),
    db
      .selectFrom('version_decision')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .where('outcome', 'in', PUBLIC_DECISION_OUTCOMES)
      .groupBy('outcome')
      .execute(),
  ])
  return {
    perCategory: perCategory.map((r) => ({
      slug: r.slug,
      nameNb: r.name_nb,
      nameEn: r.name_en,
      approved: Number(r.approved),
    })),
    perOutcome: Object.fromEntries(perOutcome.map((r) => [r.outcome, Number(r.n)])) as Partial<
      Record<(typeof PUBLIC_DECISION_OUTCOMES)[number], number>
    >,
  }
}
