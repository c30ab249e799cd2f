import { defineMessages } from '~/i18n/define'

// The published criteria page (/kriterier) and the links to it. The criteria's own texts are data
// (assessment_criterion); the numbers in the rules come from app/domain/assessment.ts.
export const criteria = defineMessages({
  nb: {
    'criteriaPage.title': 'Kriterier for godkjenning',
    'criteriaPage.lead':
      'Hver versjon av et produkt vurderes mot de samme publiserte kriteriene. Her står hva hvert kriterium krever, og hvilken dokumentasjon leverandøren skal legge fram.',
    'criteriaPage.rules.title': 'Slik avgjøres en vurdering',
    'criteriaPage.rules.approved':
      'Godkjenning krever at alle obligatoriske kriterier er oppfylt (eller ikke relevante, der kriteriet tillater det). En godkjenning gjelder i {years, plural, other {# år}} fra vedtaksdatoen, og gjelder én versjon av produktet.',
    'criteriaPage.rules.provisional':
      'Midlertidig godkjenning kan gis når bare «{benefit}» mangler og alle andre obligatoriske kriterier er oppfylt. Den varer høyst {months, plural, one {# måned} other {# måneder}}; når dokumentasjonen kommer, kan samme versjon få full godkjenning.',
    'criteriaPage.rules.changes':
      'Ber koordinatoren om endringer eller avslår, står det hvilke kriterier som ikke er oppfylt.',
    'criteriaPage.rules.optional':
      'Kriterier som ikke er obligatoriske, vurderes og publiseres, men hindrer aldri godkjenning.',
    'criteriaPage.rules.published': 'Godkjenninger og tilbaketrekninger publiseres med begrunnelse under',
    'criteriaPage.rules.decisionsLink': 'publiserte vedtak',
    'criteriaPage.list.title': 'Kriteriene',
    'criteriaPage.mandatory': 'Obligatorisk',
    'criteriaPage.mandatory.yes': 'Ja',
    'criteriaPage.mandatory.no': 'Nei, vurderes og publiseres',
    'criteriaPage.notApplicable': '«Ikke relevant» tillatt',
    'criteriaPage.notApplicable.yes': 'Ja',
    'criteriaPage.notApplicable.no': 'Nei',
    'criteriaPage.requirement': 'Krav',
    'criteriaPage.evidence': 'Dokumentasjon leverandøren skal gi',
    'criteriaPage.suppliers':
      'Leverandører legger dokumentasjonen i den fortrolige dokumentasjonen til versjonen de sender til vurdering, i',
    'criteriaPage.suppliersLink': 'leverandørområdet',
    'criteriaPage.link': 'Les kriteriene for godkjenning',
    'footer.criteria': 'Kriterier for godkjenning',
  },
  en: {
    'criteriaPage.title': 'Approval criteria',
    'criteriaPage.lead':
      'Every version of a product is assessed against the same published criteria. This page says what each criterion requires and which evidence the supplier is expected to give.',
    'criteriaPage.rules.title': 'How an assessment is decided',
    'criteriaPage.rules.approved':
      'Approval needs every mandatory criterion met (or not applicable, where the criterion allows it). An approval is valid for {years, plural, one {# year} other {# years}} from the decision date, and belongs to one version of the product.',
    'criteriaPage.rules.provisional':
      'A provisional approval can be given when only "{benefit}" is missing and every other mandatory criterion is met. It lasts at most {months, plural, one {# month} other {# months}}; when the evidence arrives, the same version can be fully approved.',
    'criteriaPage.rules.changes':
      'When the coordinator requests changes or rejects a version, the decision names the criteria that are not met.',
    'criteriaPage.rules.optional':
      'Criteria that are not mandatory are assessed and published, but never block approval.',
    'criteriaPage.rules.published': 'Approvals and withdrawals are published with their rationale under',
    'criteriaPage.rules.decisionsLink': 'published decisions',
    'criteriaPage.list.title': 'The criteria',
    'criteriaPage.mandatory': 'Mandatory',
    'criteriaPage.mandatory.yes': 'Yes',
    'criteriaPage.mandatory.no': 'No, assessed and published',
    'criteriaPage.notApplicable': '"Not applicable" allowed',
    'criteriaPage.notApplicable.yes': 'Yes',
    'criteriaPage.notApplicable.no': 'No',
    'criteriaPage.requirement': 'Requirement',
    'criteriaPage.evidence': 'Evidence the supplier is expected to give',
    'criteriaPage.suppliers':
      'Suppliers add the evidence to the confidential dossier of the version they submit for assessment, in',
    'criteriaPage.suppliersLink': 'the supplier workspace',
    'criteriaPage.link': 'Read the approval criteria',
    'footer.criteria': 'Approval criteria',
  },
})
