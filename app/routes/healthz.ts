import { sql } from 'kysely'
import { getDb } from '../../db/client'

export async function loader() {
  try {
    await sql`select 1`.execute(getDb())
    return Response.json({ status: 'ok' }, { headers: { 'Cache-Control': 'no-store' } })
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503, headers: { 'Cache-Control': 'no-store' } })
  }
}
