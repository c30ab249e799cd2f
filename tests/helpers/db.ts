import { getDb } from '../../db/client'

/** The current test file's own database (a copy of the migrated template). */
export const testDb = () => getDb()
