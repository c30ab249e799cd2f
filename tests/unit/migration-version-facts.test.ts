import { Migrator, sql, type Migration } from 'kysely'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/client'

// migrations/2026-12-02-1620_version-approval-facts.ts: every version that existed before gets its product's facts,
// so no approval loses what it rested on when the facts move to the version.

describe('the version-approval-facts migration', () => {
  it('copies the product’s facts and integrations to each existing version', async () => {
    const db = openDatabase(':memory:')
    // The migration files through Vite (the test runner), not Node's own loader.
    const modules = import.meta.glob<Migration>('../../migrations/*.ts', { eager: true })
    const migrations = Object.fromEntries(
      Object.entries(modules).map(([file, m]) => [file.split('/').pop()!.replace(/\.ts$/, ''), m]),
    )
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    const before = await migrator.migrateTo('2026-12-02-1441_criterion-requirements')
    expect(before.error).toBeUndefined()
    await sql`insert into organisation (kind, name, org_number, status) values ('supplier', 'Flytt AS', '974760673', 'verified')`.execute(
      db,
    )
    await sql`insert into product (supplier_organisation_id, name, category_id, short_description, ce_marked,
                intended_use, mdr_class, data_storage_location, dpia_template_available, dpa_available, universal_design,
                standards)
              values ((select id from organisation where name = 'Flytt AS'), 'Flyttalarmen', (select min(id) from category),
                'Kort.', 1, 'home', 'IIa', 'Norge', 1, 0, 'WCAG 2.1 AA', 'EN 50134')`.execute(db)
    await sql`insert into product_integration (product_id, code) values (1, 'scaip'), (1, 'epj')`.execute(db)
    await sql`insert into product_version (product_id, version_label, state) values (1, '1.0', 'approved'), (1, '2.0', 'draft')`.execute(
      db,
    )
    const after = await migrator.migrateTo('2026-12-02-1620_version-approval-facts')
    expect(after.error).toBeUndefined()
    const versions = await sql<Record<string, unknown>>`
      select id, ce_marked, intended_use, mdr_class, data_storage_location, dpia_template_available, dpa_available,
             universal_design, standards from product_version order by id`.execute(db)
    for (const v of versions.rows)
      expect(v).toMatchObject({
        ce_marked: 1,
        intended_use: 'home',
        mdr_class: 'IIa',
        data_storage_location: 'Norge',
        dpia_template_available: 1,
        dpa_available: 0,
        universal_design: 'WCAG 2.1 AA',
        standards: 'EN 50134',
      })
    const integrations = await sql<{ version_id: number; code: string }>`
      select version_id, code from version_integration order by version_id, code`.execute(db)
    expect(integrations.rows).toEqual([
      { version_id: 1, code: 'epj' },
      { version_id: 1, code: 'scaip' },
      { version_id: 2, code: 'epj' },
      { version_id: 2, code: 'scaip' },
    ])
    await db.destroy()
  })
})
