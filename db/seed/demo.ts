import type { Db } from '../client'

/** Loads the fictional demo data when the database has no organisations yet. Returns whether it did. */
export async function seedDemoIfEmpty(_db: Db): Promise<boolean> {
  return false
}

export function demoAccountsText(): string {
  return 'Demo accounts: none yet.'
}
