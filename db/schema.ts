import type { Generated, GeneratedAlways, Selectable } from 'kysely'

// Hand-written types of SQLite's runtime values (booleans 0/1, timestamps ISO text).
// tests/unit/schema-types.test.ts compares them with PRAGMA table_info so they cannot drift.

export interface CountyTable {
  number: string
  name: string
  population: number
  /** Norwegian sort key of the name, computed by SQLite (migration 2026-12-02-1651). */
  name_sort: GeneratedAlways<string | null>
}

/** Every official name form of a municipality, in the official order (migration 2026-12-02-1651, from SSB). */
export interface MunicipalityNameTable {
  municipality_number: string
  position: number
  name: string
  /** ISO 639-3: nob Norwegian, sme North Sami, smj Lule Sami, sma South Sami, fkv Kven. */
  language: string
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
  /** Norwegian sort key of the name, computed by SQLite (migration 2026-12-02-1651). */
  name_sort: GeneratedAlways<string | null>
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
  /** Norwegian sort key of the name, computed by SQLite (migration 2026-12-02-1650). */
  name_sort: GeneratedAlways<string | null>
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
  // migrations/2026-12-02-1630_mail-and-notifications.ts
  locale: Generated<UserLocale>
  /** 0 for a self sign-up until the address is confirmed by the link sent to it. */
  email_confirmed: Generated<number>
  /** Norwegian sort key of the name, computed by SQLite (migration 2026-12-02-1650). */
  name_sort: GeneratedAlways<string | null>
  /** Set while an admin or coordinator has deactivated the account: no sign-in, no session. */
  deactivated_at: string | null
  deactivated_by: number | null
}

export type UserLocale = 'nb' | 'en'
export type EmailTokenPurpose = 'password_reset' | 'email_confirmation'
export type OutboundEmailStatus = 'queued' | 'sent' | 'outbox' | 'failed'

/** Single-use links sent by e-mail; only the SHA-256 hash of the token is stored. */
export interface EmailTokenTable {
  id: Generated<number>
  user_id: number
  purpose: EmailTokenPurpose
  token_hash: string
  email: string
  created_at: Generated<string>
  expires_at: string
  used_at: string | null
}

/** The outgoing mail queue; in demo mode without SMTP also the outbox admins read. */
export interface OutboundEmailTable {
  id: Generated<number>
  user_id: number | null
  to_address: string
  locale: UserLocale
  kind: string
  subject: string
  text_body: string
  html_body: string
  dedupe_key: string | null
  status: Generated<OutboundEmailStatus>
  attempts: Generated<number>
  next_attempt_at: Generated<string>
  last_error: string | null
  created_at: Generated<string>
  sent_at: string | null
}

export interface NotificationOptOutTable {
  user_id: number
  kind: string
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
  /** When the password (or a second factor) was last proved on this session: step-up (issue 11). */
  reauthenticated_at: string | null
}

export interface RateLimitEventTable {
  id: Generated<number>
  key: string
  created_at: string
}

/** One row while the retention sweep prunes the audit log (migrations/2026-12-02-1641_audit-log-retention.ts). */
export interface AuditLogPrunePermitTable {
  id: number
  granted_at: string
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
// app/domain (register-codes.ts, approval-workflow.ts, assessment.ts), which check at compile time that both agree.
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
  'security_documentation' | 'test_reports' | 'customer_references' | 'prices_offered' | 'other'

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
  /** Norwegian sort key of the name, computed by SQLite (migration 2026-12-02-1650). */
  name_sort: GeneratedAlways<string | null>
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
  // The facts the version's assessment rests on (migrations/2026-12-02-1620_version-approval-facts.ts).
  ce_marked: Generated<number>
  intended_use: IntendedUse | null
  mdr_class: Generated<MdrClass>
  data_storage_location: string | null
  dpia_template_available: Generated<number>
  dpa_available: Generated<number>
  universal_design: string | null
  standards: string | null
}

export interface VersionIntegrationTable {
  version_id: number
  code: IntegrationCode
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
  // What the criterion requires and the evidence expected (migrations/2026-12-02-1441_criterion-requirements.ts).
  requirement_nb: Generated<string>
  requirement_en: Generated<string>
  evidence_nb: Generated<string>
  evidence_en: Generated<string>
}

// Versions of the criteria set (migrations/2026-12-02-1622_criteria-versions.ts).
export interface CriteriaVersionTable {
  id: Generated<number>
  created_at: Generated<string>
  created_by: number | null
}

export interface CriteriaVersionCriterionTable {
  criteria_version_id: number
  code: string
  name_nb: string
  name_en: string
  description_nb: string
  description_en: string
  requirement_nb: string
  requirement_en: string
  evidence_nb: string
  evidence_en: string
  mandatory: number
  not_applicable_allowed: number
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
  /** The criteria version the decision was made under (null only before migrations/2026-12-02-1622 filled it). */
  criteria_version_id: number | null
}

export interface DecisionCriterionResultTable {
  decision_id: number
  criterion_code: string
  result: CriterionResult
  comment: string | null
}

// Procurements and experience (migrations/2026-11-23-0400_procurements.ts). The code lists are repeated as const
// arrays in app/domain/procurement-rules.ts, which checks at compile time that both agree.
export type ProcedureCode =
  | 'open_tender'
  | 'restricted_tender'
  | 'competition_with_negotiation'
  | 'innovation_partnership'
  | 'innovation_contract'
  | 'direct_award'
  | 'framework_call_off'
  | 'dynamic_purchasing_system'
  | 'below_threshold'
export type PhaseCode = 'planning' | 'tendering' | 'pilot' | 'implementation' | 'in_operation' | 'ended'
export type CommercialTermsVisibility = 'public' | 'municipalities'
export type ParticipantRole = 'lead' | 'participant'
/** A municipality's consent to a procurement (docs/domain.md, "Procurements"): invited by the lead, accepted,
 * declined, or left after taking part. Only accepted participations are listed and counted. */
export type ParticipationStatus = 'invited' | 'accepted' | 'declined' | 'left'
export type ExperienceStatus = 'draft' | 'published'
export type Recommendation = 'yes' | 'with_reservations' | 'no'
export type EndingReason =
  | 'contract_expired'
  | 'terminated_by_municipality'
  | 'terminated_by_supplier'
  | 'switched_supplier'
  | 'product_discontinued'
  | 'needs_changed'
  | 'other'
export type DataExported = 'yes' | 'partly' | 'no'
export type FlagTargetType = 'experience' | 'reply'
export type FlagStatus = 'open' | 'kept' | 'hidden'

export interface ProcurementTable {
  id: Generated<number>
  lead_municipality_number: string
  title: string
  need: string
  replaces_practice: string | null
  supplier_organisation_id: number | null
  supplier_name: string | null
  procedure: ProcedureCode
  doffin_reference: string | null
  contract_value_nok: number | null
  price_terms: string | null
  contract_start: string | null
  contract_end: string | null
  commercial_terms_visibility: Generated<CommercialTermsVisibility>
  open_for_joining: Generated<number>
  internal_notes: string | null
  created_by: number
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface ProcurementCareSettingTable {
  procurement_id: number
  code: CareSettingCode
}

export interface ProcurementProductTable {
  id: Generated<number>
  procurement_id: number
  product_id: number | null
  product_name: string | null
}

export interface ProcurementParticipantTable {
  id: Generated<number>
  procurement_id: number
  municipality_number: string
  role: ParticipantRole
  users_count: number | null
  units_count: number | null
  sites_count: number | null
  go_live_date: string | null
  phase: Generated<PhaseCode>
  internal_notes: string | null
  created_at: Generated<string>
  updated_at: Generated<string>
  /** Defaults to 'invited'; the lead's row is always 'accepted' (a trigger holds it). */
  status: Generated<ParticipationStatus>
  /** When the municipality last accepted, declined or left. */
  responded_at: string | null
  /** The follow-up rule's dueFrom (app/domain/procurement-rules.ts), kept up to date by every write that changes its
   * inputs (app/models/follow-up-due.server.ts); null outside pilot and operation. */
  follow_up_due_from: string | null
}

export interface ExperienceReportTable {
  id: Generated<number>
  procurement_id: number
  municipality_number: string
  author_user_id: number
  report_date: string
  status: Generated<ExperienceStatus>
  rating_overall: number
  rating_supplier_cooperation: number | null
  rating_delivery_as_agreed: number | null
  rating_product_quality: number | null
  rating_integration: number | null
  rating_training_support: number | null
  rating_staff_satisfaction: number | null
  rating_resident_satisfaction: number | null
  rating_value_for_money: number | null
  recommendation: Recommendation
  worked_well: string | null
  was_hard: string | null
  advice: string | null
  ended: Generated<number>
  ending_reason: EndingReason | null
  ending_details: string | null
  switching_cost_nok: number | null
  data_exported: DataExported | null
  hidden: Generated<number>
  hidden_at: string | null
  hidden_reason: string | null
  created_at: Generated<string>
  updated_at: Generated<string>
  published_at: string | null
  /** The register product the report is about (one of its procurement's products; null when the procurement names
   * its products in free text only). A product with reports stays in the procurement. */
  product_id: number | null
}

/** One reply per supplier per report: unique (experience_report_id, supplier_organisation_id). */
export interface SupplierReplyTable {
  id: Generated<number>
  experience_report_id: number
  supplier_organisation_id: number
  author_user_id: number
  body: string
  created_at: Generated<string>
  updated_at: Generated<string>
  hidden: Generated<number>
  hidden_at: string | null
  hidden_reason: string | null
}

export interface ContentFlagTable {
  id: Generated<number>
  target_type: FlagTargetType
  target_id: number
  flagged_by: number
  reason: string
  created_at: Generated<string>
  status: Generated<FlagStatus>
  decided_by: number | null
  decided_at: string | null
  decision_reason: string | null
}

// Restorations of hidden content (migrations/2026-12-02-1621_moderation-restoration.ts).
export interface ModerationRestorationTable {
  id: Generated<number>
  target_type: FlagTargetType
  target_id: number
  restored_by: number
  restored_at: string
  reason: string
}

// Public aggregates in published steps (migrations/2026-12-02-1404_public-aggregate-steps.ts). The figure codes are
// repeated as a const array in app/domain/experience-aggregates.ts, which checks at compile time that both agree.
export type PublicFigureCode =
  | 'overall'
  | 'supplier_cooperation'
  | 'delivery_as_agreed'
  | 'product_quality'
  | 'integration'
  | 'training_support'
  | 'staff_satisfaction'
  | 'resident_satisfaction'
  | 'value_for_money'
  | 'recommendation_yes'
  | 'recommendation_with_reservations'
  | 'recommendation_no'

export interface PublicAggregateFigureTable {
  id: Generated<number>
  product_id: number
  figure: PublicFigureCode
  value: number
  municipality_count: number
  published_at: string
}

export interface PublicAggregateContributorTable {
  figure_id: number
  experience_report_id: number
  municipality_number: string
}

export type BenefitCategory = 'efficiency' | 'quality'
export type BenefitBeneficiary = 'residents' | 'staff' | 'municipality' | 'hospital' | 'relatives'
export type BenefitIndicator =
  | 'hours_per_month'
  | 'home_visits_per_month'
  | 'night_watches_per_night'
  | 'driving_minutes_per_month'
  | 'admissions_per_year'
  | 'falls_per_month'
  | 'waiting_list'
  | 'nok_per_year'
  | 'share_feeling_safer'
  | 'custom'
export type MeasurementMethod =
  'system_data' | 'manual_count' | 'survey' | 'estimate' | 'supplier_figure' | 'external_study'
export type MeasurementStatus = 'planned' | 'estimated' | 'realised'
export type MeasurementUncertainty = 'low' | 'moderate' | 'high'
export type MeasurementReporter = 'municipality' | 'supplier'

export interface BenefitTable {
  id: Generated<number>
  procurement_id: number
  municipality_number: string
  product_id: number | null
  category: BenefitCategory
  area: number
  beneficiary: BenefitBeneficiary
  indicator: BenefitIndicator
  custom_indicator: string | null
  custom_unit: string | null
  hours_per_unit: number | null
  concerns_count: number | null
  description: string | null
  baseline_value: number | null
  baseline_period_start: string | null
  baseline_period_end: string | null
  baseline_method: MeasurementMethod | null
  baseline_quality_note: string | null
  created_by: number
  created_at: Generated<string>
  updated_at: Generated<string>
}

export interface BenefitMeasurementTable {
  id: Generated<number>
  benefit_id: number
  value: number
  period_start: string
  period_end: string
  method: MeasurementMethod
  status: MeasurementStatus
  uncertainty: MeasurementUncertainty
  reported_by: MeasurementReporter
  price_year: number | null
  note: string | null
  created_by: number
  created_at: Generated<string>
  updated_at: Generated<string>
}

// Public benefit figures in published steps (migrations/2026-12-02-1710_public-benefit-figures.ts,
// docs/decisions/011-public-benefit-figures.md). The figure keys are built in app/domain/benefit-figures.ts.
export interface PublicBenefitFigureTable {
  id: Generated<number>
  figure_key: string
  family: string
  value: number
  municipality_count: number
  provenance: string | null
  published_at: string
}

/** One row: the public data version, moved by triggers (db/public-data-version.ts). */
export interface PublicDataVersionTable {
  id: number
  n: number
}

export interface PublicBenefitContributorTable {
  figure_id: number
  benefit_measurement_id: number
  municipality_number: string
}

export interface HousekeepingRunTable {
  job: string
  completed_at: string
}

export interface DB {
  county: CountyTable
  municipality: MunicipalityTable
  municipality_name: MunicipalityNameTable
  category: CategoryTable
  organisation: OrganisationTable
  user: UserTable
  recovery_code: RecoveryCodeTable
  session: SessionTable
  rate_limit_event: RateLimitEventTable
  audit_log: AuditLogTable
  email_token: EmailTokenTable
  outbound_email: OutboundEmailTable
  notification_opt_out: NotificationOptOutTable
  audit_log_prune_permit: AuditLogPrunePermitTable
  product: ProductTable
  product_care_setting: ProductCareSettingTable
  product_integration: ProductIntegrationTable
  product_version: ProductVersionTable
  version_integration: VersionIntegrationTable
  dossier_section: DossierSectionTable
  dossier_attachment: DossierAttachmentTable
  assessment_criterion: AssessmentCriterionTable
  version_decision: VersionDecisionTable
  decision_criterion_result: DecisionCriterionResultTable
  criteria_version: CriteriaVersionTable
  criteria_version_criterion: CriteriaVersionCriterionTable
  procurement: ProcurementTable
  procurement_care_setting: ProcurementCareSettingTable
  procurement_product: ProcurementProductTable
  procurement_participant: ProcurementParticipantTable
  experience_report: ExperienceReportTable
  supplier_reply: SupplierReplyTable
  content_flag: ContentFlagTable
  moderation_restoration: ModerationRestorationTable
  public_aggregate_figure: PublicAggregateFigureTable
  public_aggregate_contributor: PublicAggregateContributorTable
  benefit: BenefitTable
  benefit_measurement: BenefitMeasurementTable
  public_benefit_figure: PublicBenefitFigureTable
  public_data_version: PublicDataVersionTable
  public_benefit_contributor: PublicBenefitContributorTable
  housekeeping_run: HousekeepingRunTable
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
export type Procurement = Selectable<ProcurementTable>
export type ProcurementProduct = Selectable<ProcurementProductTable>
export type ProcurementParticipant = Selectable<ProcurementParticipantTable>
export type ExperienceReport = Selectable<ExperienceReportTable>
export type SupplierReply = Selectable<SupplierReplyTable>
export type ContentFlag = Selectable<ContentFlagTable>
export type Benefit = Selectable<BenefitTable>
export type BenefitMeasurement = Selectable<BenefitMeasurementTable>
