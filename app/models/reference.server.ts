import { getDb } from '../../db/client'
import type { Locale } from '~/i18n'

export async function referenceCounts() {
  const db = getDb()
  const [municipalities, counties, categories] = await Promise.all([
    db
      .selectFrom('municipality')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('county')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('category')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ])
  return { municipalities: municipalities.n, counties: counties.n, categories: categories.n }
}

export async function listCategories(locale: Locale) {
  const rows = await getDb()
    .selectFrom('category')
    .select(['id', 'slug', 'name_nb', 'name_en'])
    .orderBy('sort_order')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: locale === 'en' ? r.name_en : r.name_nb }))
}

/** The categories with both names (the open-data API), in their order. */
export async function listCategoryNames() {
  const rows = await getDb()
    .selectFrom('category')
    .select(['slug', 'name_nb', 'name_en'])
    .orderBy('sort_order')
    .execute()
  return rows.map((r) => ({ slug: r.slug, nameNb: r.name_nb, nameEn: r.name_en }))
}

/** Every category with both names and its order, for the coordinators' criteria page. */
export async function listCategoriesForEditing() {
  const rows = await getDb()
    .selectFrom('category')
    .select(['id', 'slug', 'name_nb', 'name_en', 'sort_order'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute()
  return rows.map((r) => ({ id: r.id, slug: r.slug, nameNb: r.name_nb, nameEn: r.name_en, sortOrder: r.sort_order }))
}
