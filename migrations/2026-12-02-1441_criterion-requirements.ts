import { type Kysely } from 'kysely'

// Published criteria (/kriterier): what each assessment criterion requires and the evidence a supplier is expected to
// give, in bokmål and English, next to the criterion's name and description. The texts are repeated here on purpose:
// a migration keeps meaning what it meant when it landed, so it never imports app code. A criterion added later
// without texts gets '' (the page then shows its description only).

const columns = ['requirement_nb', 'requirement_en', 'evidence_nb', 'evidence_en'] as const

const texts: Record<string, Record<(typeof columns)[number], string>> = {
  interoperability: {
    requirement_nb:
      'Løsningen skal kunne utveksle data med kommunens elektroniske pasientjournal (EPJ) og nasjonale løsninger gjennom dokumenterte, standardiserte grensesnitt, som HL7 FHIR eller den nasjonale velferdsteknologiske knutepunktløsningen (VKP). Alarmer skal kunne overføres med en åpen standard som SCAIP der det er relevant.',
    requirement_en:
      "The solution must exchange data with the municipality's electronic patient record (EPJ) and national services through documented, standardised interfaces, such as HL7 FHIR or the national welfare-technology hub (VKP). Alarms must be transferable with an open standard such as SCAIP where relevant.",
    evidence_nb:
      'Oversikt over integrasjoner og standarder med versjoner; grensesnittdokumentasjon (for eksempel FHIR-profiler eller API-beskrivelse); dokumentert tilkobling til VKP eller EPJ-systemer i drift, med navn på kommuner som bruker integrasjonen.',
    evidence_en:
      'A list of integrations and standards with their versions; interface documentation (for example FHIR profiles or an API description); documented connection to the hub or to EPJ systems in operation, naming municipalities that use the integration.',
  },
  information_security: {
    requirement_nb:
      'Leverandøren skal ha et styringssystem for informasjonssikkerhet i tråd med Norm for informasjonssikkerhet og personvern i helse- og omsorgssektoren (Normen): risikovurdering, tilgangsstyring, kryptering av data under overføring og lagring, logging og håndtering av sikkerhetshendelser.',
    requirement_en:
      'The supplier must have an information security management system in line with the Code of Conduct for information security and data protection in the healthcare and care services sector (Normen): risk assessment, access control, encryption of data in transit and at rest, logging and security incident handling.',
    evidence_nb:
      'Sikkerhetsdokumentasjon som viser samsvar med Normen; en oppdatert risikovurdering av løsningen; rapporter fra sikkerhetstester (for eksempel penetrasjonstest) med dato og utførende; eventuelle sertifiseringer (for eksempel ISO/IEC 27001).',
    evidence_en:
      'Security documentation showing alignment with Normen; an up-to-date risk assessment of the solution; security test reports (for example a penetration test) with date and tester; any certifications (for example ISO/IEC 27001).',
  },
  privacy: {
    requirement_nb:
      'Behandlingen av personopplysninger skal oppfylle personvernforordningen (GDPR): kommunen er behandlingsansvarlig og leverandøren databehandler, og data lagres og behandles innenfor EØS eller med gyldig overføringsgrunnlag.',
    requirement_en:
      'Processing of personal data must comply with the GDPR: the municipality is the controller and the supplier the processor, and data is stored and processed within the EEA or with a valid transfer mechanism.',
    evidence_nb:
      'Mal for personvernkonsekvensvurdering (DPIA) som kommunen kan bruke; databehandleravtale; oversikt over hvor data lagres og behandles, og hvilke underdatabehandlere som brukes.',
    evidence_en:
      'A data protection impact assessment (DPIA) template the municipality can use; a data processing agreement; where data is stored and processed, and which sub-processors are used.',
  },
  documented_benefit: {
    requirement_nb:
      'Løsningen skal ha dokumentert gevinst fra bruk i norske kommuner, vurdert etter den nasjonale metoden for gevinstrealisering: en nullpunktsmåling før innføring og målinger etterpå med samme indikator.',
    requirement_en:
      'The solution must have documented benefit from use in Norwegian municipalities, assessed with the national benefit-realisation method: a baseline measured before introduction and measurements afterwards with the same indicator.',
    evidence_nb:
      'En gevinstvurdering per kommune med indikator og enhet, nullpunkt (verdi og periode), målinger (verdi, periode og metode) og kontaktperson i kommunen. Mangler bare denne dokumentasjonen, kan produktet få midlertidig godkjenning.',
    evidence_en:
      'A benefit assessment per municipality with indicator and unit, baseline (value and period), measurements (value, period and method) and a contact person in the municipality. If only this evidence is missing, the product can be provisionally approved.',
  },
  ce_mdr_conformity: {
    requirement_nb:
      'Produkter som er medisinsk utstyr, skal være CE-merket i riktig risikoklasse etter forordningen om medisinsk utstyr (MDR, EU 2017/745), med et tiltenkt formål som dekker bruken i kommunen. Gjelder ikke produkter som ikke er medisinsk utstyr.',
    requirement_en:
      'Products that are medical devices must carry CE marking in the correct risk class under the Medical Device Regulation (MDR, EU 2017/745), with an intended purpose that covers use in the municipality. Not applicable to products that are not medical devices.',
    evidence_nb:
      'Samsvarserklæring (EU Declaration of Conformity); MDR-klasse, og for klasse IIa og høyere sertifikat fra teknisk kontrollorgan; beskrivelse av tiltenkt bruk (profesjonell bruk, hjemmebruk eller begge). For andre produkter: en begrunnelse for at produktet ikke er medisinsk utstyr.',
    evidence_en:
      'The EU declaration of conformity; the MDR class, and for class IIa and above the notified body certificate; the intended use (professional, home or both). For other products: the reasoning why the product is not a medical device.',
  },
  universal_design: {
    requirement_nb:
      'Brukergrensesnitt for innbyggere, pårørende og ansatte skal oppfylle forskrift om universell utforming av IKT-løsninger, det vil si WCAG 2.1 nivå AA. Gjelder ikke produkter uten eget brukergrensesnitt.',
    requirement_en:
      'User interfaces for residents, relatives and staff must meet the Norwegian regulations on universal design of ICT solutions, that is WCAG 2.1 level AA. Not applicable to products without a user interface of their own.',
    evidence_nb:
      'Tilgjengelighetserklæring eller rapport fra en WCAG 2.1 AA-gjennomgang med dato, med kjente avvik og plan for å rette dem.',
    evidence_en:
      'An accessibility statement or a WCAG 2.1 AA audit report with its date, listing known deviations and the plan to fix them.',
  },
}

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of columns) {
    await db.schema
      .alterTable('assessment_criterion')
      .addColumn(column, 'text', (c) => c.notNull().defaultTo(''))
      .execute()
  }
  for (const [code, values] of Object.entries(texts)) {
    await db.updateTable('assessment_criterion').set(values).where('code', '=', code).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of columns) await db.schema.alterTable('assessment_criterion').dropColumn(column).execute()
}
