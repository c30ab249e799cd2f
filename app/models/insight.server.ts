import { getDb } from '../../db/client'
import type { PUBLIC_DECISION_OUTCOMES } from '~/domain/assessment'
import { currentlyApprovedWhere, publishedDecisionsWhere } from '~/policy/register'
import { clock } from '~/models/db.server'

/** Public figures about the register: approved products per category and published decisions per outcome. */
export async function registerOverview() {
  const db = getDb()
  const { today } = clock()
  const [perCategory, perOutcome] = await Promise.all([
    db
      .selectFrom('category as c')
      .leftJoin('product', (join) => join.onRef('product.category_id', '=', 'c.id').on(currentlyApprovedWhere(today)))
      .select(['c.slug', 'c.name_nb', 'c.name_en', (eb) => eb.fn.count<number>('product.id').as('approved')])
      .groupBy('c.id')
      .orderBy('c.sort_order')
      .execute(),
    db
      .selectFrom('version_decision')
      .select(['outcome', (eb) => eb.fn.countAll<number>().as('n')])
      .where(publishedDecisionsWhere)
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
