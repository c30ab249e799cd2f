import { contentChangeToken, databaseChangeToken, getDb } from '../../db/client'
import type { DbOrTrx } from '~/models/db.server'

// Derived reads that grow with the data (a product's live benefit medians read every counted measurement of the
// product) are kept in memory until the data changes, so a page read again and again between writes pays for them
// once. Exact, not a time-to-live cache: the whole memo is dropped when its token moves. Only reads through the shared
// connection (getDb()) may use it: inside a transaction the caller sees its own uncommitted writes.
//
// Token 'content' (the default): the content version (contentChangeToken), moved by every write of any process to the
// tables content is read from, but not by a session's touch, a sign-in, the audit log or the e-mail queue
// (TABLES_NO_PUBLIC_PAGE_READS in db/public-data-version.ts): with many users signed in, those write every few seconds
// and would otherwise keep every memo empty. A memo whose load reads one of those tables, or `user`'s password and
// two-factor columns, must take token 'any' (databaseChangeToken: any commit of any process).

export class ChangeMemo<V> {
  #token: string | undefined
  #entries = new Map<string, V>()
  // Loads under way: callers that ask for the same key meanwhile (the loaders of one request run in parallel) share
  // the one read instead of each starting its own.
  #pending = new Map<string, Promise<V>>()
  readonly #readToken: () => string | null
  constructor(
    readonly maxEntries: number,
    token: 'content' | 'any' = 'content',
  ) {
    this.#readToken = token === 'content' ? contentChangeToken : databaseChangeToken
  }

  /** `through`: the connection the load reads with, when the caller passes one in. Anything but the shared connection
   * (a transaction, which sees its own uncommitted writes, or another database) bypasses the memo. */
  async get(key: string, load: () => Promise<V>, through?: DbOrTrx): Promise<V> {
    if (through !== undefined && through !== getDb()) return load()
    const before = this.#readToken()
    // The shared connection is inside another request's transaction: its version is not a committed state yet.
    if (before === null) return load()
    if (before !== this.#token) {
      this.#entries.clear()
      this.#pending.clear()
      this.#token = before
    }
    const hit = this.#entries.get(key)
    if (hit !== undefined) return hit
    const inFlight = this.#pending.get(key)
    if (inFlight) return inFlight
    const pending = load()
    this.#pending.set(key, pending)
    try {
      const value = await pending
      // Stored only if nothing changed while it was read, so a value never outlives the write it raced.
      if (this.#readToken() === before && this.#token === before) {
        if (this.#entries.size >= this.maxEntries) this.#entries.clear()
        this.#entries.set(key, value)
      }
      return value
    } finally {
      if (this.#pending.get(key) === pending) this.#pending.delete(key)
    }
  }
}
