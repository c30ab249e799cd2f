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

// The national register (migrations/2026-11-23-0300_register.ts). The code lists are repeated as const arrays in
// app/domain/approval-workflow.ts, which checks at compile time that both agree.
export type MdrClass = 'none' | 'I' | 'IIa' | 'IIb' | 'III'
export type IntendedUse = 'professional' | 'home' | 'both'
export type CareSettingCode = 'home_care' | 'nursing_home' | 'sheltered_housing' | 'hospital'
export type IntegrationCode = 'hl7_fhir' | 'welfare_tech_hub' | 'epj' | 'scaip' | 'open_api' | 'other'
export type VersionState =
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'changes_requested'
  | 'approved'
  | 'provisionally_approved'
  | 'rejected'
  | 'withdrawn'
  | 'expired'
export type DecisionOutcome = 'approved' | 'provisionally_approved' | 'changes_requested' | 'rejected' | 'withdrawn'
export type CriterionResult = 'met' | 'not_met' | 'not_applicable'
export type DossierSectionKind =
  | 'security_documentation'
  | 'test_reports'
  | 'customer_references'
  | 'prices_offered'
  | 'other'

export interface ProductTable {
  id: Generated<number>
  supplier_organisation_id: number
  name: string
  category_id: number
  short_description: string
  description: Generated<string>
  intended_users: string | null
  website: string | null
  ce_marked: Generated<number>
  intended_use: IntendedUse | null
  mdr_class: Generated<MdrClass>
  data_storage_location: string | null
  dpia_template_available: Generated<number>
  dpa_available: Generated<number>
  universal_design: string | null
  price_model: string | null
  standards: string | null
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface ProductCareSettingTable {
  product_id: number
  code: CareSettingCode
}

export interface ProductIntegrationTable {
  product_id: number
  code: IntegrationCode
}

export interface ProductVersionTable {
  id: Generated<number>
  product_id: number
  version_label: string
  release_notes: string | null
  state: Generated<VersionState>
  submitted_at: string | null
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface DossierSectionTable {
  id: Generated<number>
  version_id: number
  kind: DossierSectionKind
  heading: string
  body: string
  updated_by: number | null
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface DossierAttachmentTable {
  id: Generated<number>
  version_id: number
  original_filename: string
  stored_name: string
  size_bytes: number
  sha256: string
  uploaded_by: number
  uploaded_at: Generated<string>
}

export interface AssessmentCriterionTable {
  code: string
  name_nb: string
  name_en: string
  description_nb: string
  description_en: string
  mandatory: number
  not_applicable_allowed: Generated<number>
  sort_order: number
}

export interface VersionDecisionTable {
  id: Generated<number>
  version_id: number
  coordinator_user_id: number
  decided_at: string
  outcome: DecisionOutcome
  rationale: string
  valid_until: string | null
}

export interface DecisionCriterionResultTable {
  decision_id: number
  criterion_code: string
  result: CriterionResult
  comment: string | null
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
  product: ProductTable
  product_care_setting: ProductCareSettingTable
  product_integration: ProductIntegrationTable
  product_version: ProductVersionTable
  dossier_section: DossierSectionTable
  dossier_attachment: DossierAttachmentTable
  assessment_criterion: AssessmentCriterionTable
  version_decision: VersionDecisionTable
  decision_criterion_result: DecisionCriterionResultTable
}

export type County = Selectable<CountyTable>
export type Municipality = Selectable<MunicipalityTable>
export type Category = Selectable<CategoryTable>
export type Organisation = Selectable<OrganisationTable>
export type User = Selectable<UserTable>
export type Session = Selectable<SessionTable>
export type AuditLogEntry = Selectable<AuditLogTable>
export type Product = Selectable<ProductTable>
export type ProductVersion = Selectable<ProductVersionTable>
export type DossierSection = Selectable<DossierSectionTable>
export type DossierAttachment = Selectable<DossierAttachmentTable>
export type AssessmentCriterion = Selectable<AssessmentCriterionTable>
export type VersionDecision = Selectable<VersionDecisionTable>
export type DecisionCriterionResultRow = Selectable<DecisionCriterionResultTable>
