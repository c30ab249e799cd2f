import { sql } from 'kysely'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { testDb } from '../helpers/db'

// db/schema.ts is hand-written; this keeps it honest against what the migrations really created.
type Field = { name: string; tsType: string }

function parseSchema(source: string) {
  const interfaces = new Map<string, Field[]>()
  for (const m of source.matchAll(/export interface (\w+) \{([^}]*)\}/g)) {
    const fields = [...m[2]!.matchAll(/^\s*(\w+)\??:\s*(.+)$/gm)].map((f) => ({ name: f[1]!, tsType: f[2]!.trim() }))
    interfaces.set(m[1]!, fields)
  }
  const tables = new Map<string, Field[]>()
  for (const { name, tsType } of interfaces.get('DB') ?? []) tables.set(name, interfaces.get(tsType) ?? [])
  return tables
}

function expectedSqlType(tsType: string) {
  const base = tsType.replace(/Generated<(.+)>/, '$1').replace(/\s*\|\s*null/, '')
  if (base === 'number') return ['INTEGER', 'REAL']
  if (base === 'Buffer') return ['BLOB']
  return ['TEXT']
}

describe('db/schema.ts', () => {
  it('matches every table and column the migrations create', async () => {
    const db = testDb()
    const declared = parseSchema(readFileSync(new URL('../../db/schema.ts', import.meta.url), 'utf8'))
    const actualTables = await sql<{ name: string }>`
      select name from sqlite_master
      where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%' and name not like '%_fts%'
        and name not like 'product_search%'`.execute(db)
    expect([...declared.keys()].sort()).toEqual(actualTables.rows.map((r) => r.name).sort())

    for (const [table, fields] of declared) {
      const columns = await sql<{ name: string; type: string; notnull: number; pk: number; dflt_value: unknown }>`
        select * from pragma_table_xinfo(${table}) where hidden <> 1`.execute(db)
      expect(fields.map((f) => f.name).sort(), table).toEqual(columns.rows.map((c) => c.name).sort())
      for (const column of columns.rows) {
        const field = fields.find((f) => f.name === column.name)!
        const nullableInTs = /\|\s*null/.test(field.tsType)
        const nullableInDb = column.notnull === 0 && column.pk === 0
        expect(nullableInTs, `${table}.${column.name} nullability`).toBe(nullableInDb)
        expect(expectedSqlType(field.tsType), `${table}.${column.name} type`).toContain(column.type.toUpperCase())
      }
    }
  })
})
