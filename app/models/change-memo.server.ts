import { databaseChangeToken } from '../../db/client'

// Derived reads that grow with the data (a product's live benefit medians read every counted measurement of the
// product) are kept in memory until the database changes, so a page read again and again between writes pays for
// them once. Exact, not a time-to-live cache: the token moves on every write of this process and every commit of
// another (databaseChangeToken), and the whole memo is dropped when it does. Only reads through the shared connection
// (getDb()) may use it: inside a transaction the caller sees its own uncommitted writes.

export class ChangeMemo<V> {
  #token: string | undefined
  #entries = new Map<string, V>()
  constructor(readonly maxEntries: number) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const before = databaseChangeToken()
    if (before !== this.#token) {
      this.#entries.clear()
      this.#token = before
    }
    const hit = this.#entries.get(key)
    if (hit !== undefined) return hit
    const value = await load()
    // Stored only if nothing changed while it was read, so a value never outlives the write it raced.
    if (databaseChangeToken() === before && this.#token === before) {
      if (this.#entries.size >= this.maxEntries) this.#entries.clear()
      this.#entries.set(key, value)
    }
    return value
  }
}
