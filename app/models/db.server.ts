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

/**
 * A write refused by a UNIQUE constraint or index (better-sqlite3's SQLITE_CONSTRAINT_UNIQUE) on `table.column`, or
 * on any when no column is named. A pre-check ("is the address taken?") can race a parallel request; the constraint
 * decides, and the loser gets the same refusal as the pre-check, never a 500.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  if (!(error instanceof Error) || (error as Error & { code?: unknown }).code !== 'SQLITE_CONSTRAINT_UNIQUE')
    return false
  return column === undefined || error.message.includes(column)
}
