import { getDb } from '../../db/client'
import type { PUBLIC_DECISION_OUTCOMES } from '~/domain/assessment'
import { currentlyApprovedWhere, publishedDecisionsWhere } from '~/policy/register'
import { clock } from '~/models/db.server'
import { ChangeMemo } from '~/models/change-memo.server'

// The same for everyone, and about 10 ms of SQL at ten times national scale (every approved product, every published
// decision): kept per day (approvals end on their date) until the content changes. Visitors get /innsikt from the
// page cache; signed-in viewers render it each time.
const overviews = new ChangeMemo<Awaited<ReturnType<typeof readRegisterOverview>>>(10)

/** Public figures about the register: approved products per category and published decisions per outcome. */
export function registerOverview() {
  const { today } = clock()
  return overviews.get(today, () => readRegisterOverview(today))
}

async function readRegisterOverview(today: string) {
  const db = getDb()
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
