import type { CareSettingCode, DossierSectionKind, IntegrationCode, IntendedUse, MdrClass } from '../../db/schema'

import type { CoversUnion } from './code-lists'

// The register's code lists (product facts and dossier sections). `satisfies` plus the exhaustiveness check keep
// them equal to the unions in db/schema.ts, which mirror the migration's CHECK constraints.

export const CARE_SETTINGS = [
  'home_care',
  'nursing_home',
  'sheltered_housing',
  'hospital',
] as const satisfies readonly CareSettingCode[]
/** hl7_fhir: HL7 FHIR API · welfare_tech_hub: nasjonal velferdsteknologisk knutepunkt (VKP) · epj: the municipal
 * electronic patient record (EPJ/PLO) · scaip: SCAIP social-alarm protocol to response centres · open_api: a
 * documented open API · other. */
export const INTEGRATIONS = [
  'hl7_fhir',
  'welfare_tech_hub',
  'epj',
  'scaip',
  'open_api',
  'other',
] as const satisfies readonly IntegrationCode[]
export const MDR_CLASSES = ['none', 'I', 'IIa', 'IIb', 'III'] as const satisfies readonly MdrClass[]
export const INTENDED_USES = ['professional', 'home', 'both'] as const satisfies readonly IntendedUse[]
export const DOSSIER_SECTION_KINDS = [
  'security_documentation',
  'test_reports',
  'customer_references',
  'prices_offered',
  'other',
] as const satisfies readonly DossierSectionKind[]

const _exhaustive: [
  CoversUnion<typeof CARE_SETTINGS, CareSettingCode>,
  CoversUnion<typeof INTEGRATIONS, IntegrationCode>,
  CoversUnion<typeof MDR_CLASSES, MdrClass>,
  CoversUnion<typeof INTENDED_USES, IntendedUse>,
  CoversUnion<typeof DOSSIER_SECTION_KINDS, DossierSectionKind>,
] = [true, true, true, true, true]
void _exhaustive

export type { CareSettingCode, DossierSectionKind, IntegrationCode, IntendedUse, MdrClass }
