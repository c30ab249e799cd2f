import type { Transaction } from 'kysely'
import type { Db } from '../../db/client'
import type { DB } from '../../db/schema'
import { osloDate } from '~/domain/dates'
import { now as clockNow } from '~/utils/clock.server'

// What every model shares: the connection or the transaction it runs in, and the clock.

export type DbOrTrx = Db | Transaction<DB>

/** The server clock (tests can move it) and the Norwegian calendar date the approval rules use. */
export function clock(at?: Date) {
  const instant = at ?? clockNow()
  return { instant, iso: instant.toISOString(), today: osloDate(instant) }
}
