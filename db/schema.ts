import type { Generated, Selectable } from 'kysely'

// Hand-written types of SQLite's runtime values (booleans 0/1, timestamps ISO text).
// tests/unit/schema-types.test.ts compares them with PRAGMA table_info so they cannot drift.

export interface CountyTable {
  number: string
  name: string
  population: number
}

export interface MunicipalityTable {
  number: string
  name: string
  county_number: string
  population: number
  area_km2: number
  administrative_centre: string
  language_form: string
  website: string
}

export interface CategoryTable {
  id: Generated<number>
  slug: string
  name_nb: string
  name_en: string
  sort_order: number
}

export type OrganisationKind = 'municipality' | 'supplier' | 'coordinating_body'
export type VerificationStatus = 'pending' | 'verified' | 'rejected'
export type UserRole = 'buyer' | 'supplier' | 'coordinator' | 'admin'

export interface OrganisationTable {
  id: Generated<number>
  kind: OrganisationKind
  name: string
  municipality_number: string | null
  org_number: string | null
  status: Generated<VerificationStatus>
  decision_reason: string | null
  decided_at: string | null
  decided_by: number | null
  created_at: Generated<string>
}

export interface UserTable {
  id: Generated<number>
  organisation_id: number
  email: string
  name: string
  password_hash: string
  role: UserRole
  status: Generated<VerificationStatus>
  decision_reason: string | null
  decided_at: string | null
  decided_by: number | null
  totp_key: Buffer | null
  totp_enabled_at: string | null
  totp_last_step: number | null
  password_changed_at: Generated<string>
  created_at: Generated<string>
}

export interface RecoveryCodeTable {
  id: Generated<number>
  user_id: number
  code_hash: string
  used_at: string | null
}

export interface SessionTable {
  id: string
  user_id: number
  created_at: string
  last_seen_at: string
  idle_expires_at: string
  absolute_expires_at: string
  two_factor_verified: Generated<number>
  ip: string
  user_agent: string
}

export interface RateLimitEventTable {
  id: Generated<number>
  key: string
  created_at: string
}

export interface AuditLogTable {
  id: Generated<number>
  at: Generated<string>
  actor_user_id: number | null
  action: string
  target_type: string | null
  target_id: string | null
  details: Generated<string>
  ip: string | null
}

export interface DB {
  county: CountyTable
  municipality: MunicipalityTable
  category: CategoryTable
  organisation: OrganisationTable
  user: UserTable
  recovery_code: RecoveryCodeTable
  session: SessionTable
  rate_limit_event: RateLimitEventTable
  audit_log: AuditLogTable
}

export type County = Selectable<CountyTable>
export type Municipality = Selectable<MunicipalityTable>
export type Category = Selectable<CategoryTable>
export type Organisation = Selectable<OrganisationTable>
export type User = Selectable<UserTable>
export type Session = Selectable<SessionTable>
export type AuditLogEntry = Selectable<AuditLogTable>
