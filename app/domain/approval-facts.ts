import type { IntegrationCode, IntendedUse, MdrClass } from './register-codes'

// The facts an approval rests on (docs/domain.md, "The register": "Approval facts"). They belong to a version: a
// coordinator assesses exactly these, so once a version has been submitted they change only by a new version.

export type ApprovalFacts = {
  ceMarked: boolean
  intendedUse: IntendedUse | null
  mdrClass: MdrClass
  dataStorageLocation: string | null
  dpiaTemplateAvailable: boolean
  dpaAvailable: boolean
  universalDesign: string | null
  standards: string | null
  integrations: IntegrationCode[]
}

/** The form fields of the facts, in the order the product form shows them. */
export const APPROVAL_FACT_FIELDS = [
  'ceMarked',
  'intendedUse',
  'mdrClass',
  'standards',
  'integrations',
  'dataStorageLocation',
  'dpiaTemplateAvailable',
  'dpaAvailable',
  'universalDesign',
] as const satisfies ReadonlyArray<keyof ApprovalFacts>

const _allFields: Record<keyof ApprovalFacts, true> = Object.fromEntries(
  APPROVAL_FACT_FIELDS.map((f) => [f, true]),
) as Record<(typeof APPROVAL_FACT_FIELDS)[number], true>
void _allFields

/** Picks the facts out of a larger record (the product form's data). */
export function approvalFactsOf(data: ApprovalFacts): ApprovalFacts {
  return {
    ceMarked: data.ceMarked,
    intendedUse: data.intendedUse,
    mdrClass: data.mdrClass,
    dataStorageLocation: data.dataStorageLocation,
    dpiaTemplateAvailable: data.dpiaTemplateAvailable,
    dpaAvailable: data.dpaAvailable,
    universalDesign: data.universalDesign,
    standards: data.standards,
    integrations: [...data.integrations].sort(),
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

/** The fact fields whose value differs (integrations compared as sets). */
export function changedFacts(before: ApprovalFacts, after: ApprovalFacts): Array<keyof ApprovalFacts> {
  const a = approvalFactsOf(before)
  const b = approvalFactsOf(after)
  return APPROVAL_FACT_FIELDS.filter((f) => !same(a[f], b[f]))
}
