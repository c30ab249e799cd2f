import type Database from 'better-sqlite3'
import type { PhaseCode } from '../schema'
import type { Random } from './random'

// What the generator's steps share. Each step fills one area's tables and leaves the facts later steps need here
// (ids, which products are public, who may write for which municipality); a step never re-reads another step's rows
// through SQL, so the steps stay fast and their order is the only coupling.

export interface GeneratedMunicipality {
  number: string
  countyNumber: string
  population: number
  name: string
  organisationId: number
  buyerUserIds: number[]
}

export interface GeneratedSupplier {
  organisationId: number
  name: string
  userIds: number[]
}

export interface GeneratedProduct {
  id: number
  supplierOrganisationId: number
  /** On the public register (approved, provisionally approved, withdrawn or expired): may be named in a procurement. */
  everPublic: boolean
  /** The product's typical rating, so that reports about it agree with each other. */
  quality: number
  /** Its category's slug (which benefit indicators a municipality measures for it). */
  categorySlug: string
}

export interface GeneratedParticipation {
  procurementId: number
  municipalityNumber: string
  participantId: number
  phase: PhaseCode
  goLiveDate: string | null
  /** The supplier organisations of the register products in the procurement (who may reply to its reports). */
  supplierOrganisationIds: number[]
  /** The register product its reports are about (the first the lead listed; null when none is in the register). */
  reportProductId: number | null
  quality: number
}

export interface GeneratorFacts {
  municipalities: GeneratedMunicipality[]
  coordinatorUserIds: number[]
  adminUserIds: number[]
  suppliers: GeneratedSupplier[]
  categories: Array<{ id: number; slug: string }>
  products: GeneratedProduct[]
  participations: GeneratedParticipation[]
  publishedReports: Array<{ id: number; procurementId: number; municipalityNumber: string; supplierIds: number[] }>
}

export interface GeneratorContext {
  sqlite: Database.Database
  /** This step's own random source (seeded from the seed and the step's name: adding a step changes no other). */
  random: Random
  scale: number
  /** The generator's "today" (YYYY-MM-DD); every date is relative to it. */
  today: string
  passwordHash: string
  attachmentsDir: string
  facts: GeneratorFacts
}

export interface GeneratorStep {
  name: string
  /** The tables it writes, for the summary. */
  tables: string[]
  run(ctx: GeneratorContext): void | Promise<void>
}

/** A prepared INSERT for the given columns; returns the new rowid. */
export function inserter(sqlite: Database.Database, table: string, columns: readonly string[]) {
  const statement = sqlite.prepare(
    `insert into "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
  )
  return (...values: unknown[]): number => Number(statement.run(...values).lastInsertRowid)
}

/** Rounds a scaled count, never below `min`. */
export const scaled = (ctx: GeneratorContext, perScale: number, min = 1) =>
  Math.max(min, Math.round(perScale * ctx.scale))
