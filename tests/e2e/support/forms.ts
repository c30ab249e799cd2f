/** The coordinator's criterion form renaming the universal-design criterion: a public write that the /kriterier page
 * shows at once (the page-cache tests in one process and across workers). */
export const criterionForm = (nameNb: string) =>
  new URLSearchParams({
    intent: 'saveCriterion',
    code: 'universal_design',
    nameNb,
    nameEn: 'Universal design',
    descriptionNb: 'Brukergrensesnitt for innbyggere og ansatte oppfyller kravene til universell utforming.',
    descriptionEn: 'User interfaces meet the requirements for universal design.',
    requirementNb: '',
    requirementEn: '',
    evidenceNb: '',
    evidenceEn: '',
    notApplicableAllowed: 'on',
    sortOrder: '60',
  })
