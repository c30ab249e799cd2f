import { defineMessages } from '~/i18n/define'

// The supplier workspace (/leverandor/...).
export const supplier = defineMessages({
  nb: {
    'supplier.title': 'Mine produkter',
    'supplier.lead':
      'Produktene til {company}. Her registrerer du produkter og versjoner, holder den fortrolige dokumentasjonen oppdatert og sender versjoner til vurdering.',
    'supplier.newProduct': 'Nytt produkt',
    'supplier.list.title': 'Alle produkter',
    'supplier.count': 'Antall produkter: {count}. Sortert etter navn.',
    'supplier.empty.title': 'Ingen produkter ennå',
    'supplier.empty.body':
      'Registrer det første produktet deres. Det blir synlig i det offentlige registeret først når en versjon er vurdert og godkjent.',
    'supplier.col.product': 'Produkt',
    'supplier.col.category': 'Kategori',
    'supplier.col.newestVersion': 'Nyeste versjon',
    'supplier.col.approval': 'Godkjenning',
    'supplier.col.updated': 'Sist endret',
    'supplier.col.version': 'Versjon',
    'supplier.col.state': 'Status',
    'supplier.col.submitted': 'Sendt inn',
    'supplier.col.created': 'Opprettet',
    'supplier.noVersion': 'Ingen versjon',
    'supplier.notSubmitted': 'Ikke sendt inn',
    'supplier.expiring.title': 'Godkjenninger som snart utløper',
    'supplier.inbox.title': 'Erfaringer som venter på svar',
    'supplier.inbox.empty': 'Ingen publiserte erfaringer om produktene deres venter på svar.',
    'supplier.inbox.count':
      '{count, plural, one {# erfaring om produktene deres venter} other {# erfaringer om produktene deres venter}} på svar fra dere.',
    'supplier.inbox.item': 'Erfaring fra {municipality}, {date} ({procurement})',
    'supplier.expiring.body':
      'Send en ny versjon til vurdering i god tid før godkjenningen utløper, ellers forsvinner produktet fra det offentlige registeret.',
    'supplier.expiring.item': '{product}, versjon {version}: utløper {date}',
    'supplier.expiring.today': '(i dag)',
    'supplier.expiring.oneDay': '(om 1 dag)',
    'supplier.expiring.days': '(om {days, plural, one {# dag} other {# dager}})',
    'supplier.backToProducts': 'Tilbake til mine produkter',

    'supplier.productNew.title': 'Nytt produkt',
    'supplier.productNew.lead':
      'Fyll inn opplysningene kommunene trenger når de vurderer løsningen. Felter merket med * må fylles ut. Produktet blir synlig i registeret først når en versjon er godkjent.',
    'supplier.productCreated': 'Produktet «{name}» er opprettet med versjon {version} som utkast.',

    'supplier.product.pageTitle': 'Rediger {name}',
    'supplier.product.fallbackTitle': 'Rediger produkt',
    'supplier.product.publicPage': 'Se produktsiden i registeret',
    'supplier.product.notPublic': 'Produktet er ikke godkjent ennå, så bare dere og koordinatorene ser produktsiden.',
    'supplier.product.details': 'Produktopplysninger',
    'supplier.product.detailsNote':
      'Produktopplysningene er offentlige når produktet er godkjent. Navn, beskrivelser, tjenestesteder, nettside og prismodell kan dere endre når som helst. Regulatoriske opplysninger, personvern og datalagring og universell utforming er godkjenningsgrunnlaget og hører til en versjon: produktsiden viser dem fra den godkjente versjonen.',
    'supplier.product.factsVersion':
      'Godkjenningsgrunnlaget i skjemaet hører til versjon {version}. Den kan endres så lenge versjonen er et utkast eller endringer er etterspurt.',
    'supplier.product.factsLocked':
      'Godkjenningsgrunnlaget i skjemaet hører til versjon {version}, som er sendt til vurdering eller vurdert. Endringer i det krever en ny versjon, som vurderes på nytt.',
    'supplier.factsVersion.title': 'Opprett en ny versjon med endringene',
    'supplier.factsVersion.lead':
      'Den nye versjonen får godkjenningsgrunnlaget slik du fylte det ut. Den nåværende godkjenningen og produktsiden er uendret til den nye versjonen er godkjent.',
    'supplier.factsVersion.submit': 'Opprett ny versjon med endringene',
    'supplier.product.saved': 'Produktopplysningene er lagret.',
    'supplier.versions.empty': 'Produktet har ingen versjoner.',
    'supplier.version.open': 'Åpne versjon {version}',
    'supplier.version.openFor': 'Åpne {product}, versjon {version}',
    'supplier.addVersion.title': 'Legg til ny versjon',
    'supplier.addVersion.lead':
      'En godkjenning gjelder én versjon. Legg til en ny versjon når løsningen er endret, fyll ut dokumentasjonen og send den til vurdering. Tidligere godkjenninger gjelder fortsatt for sine versjoner.',
    'supplier.addVersion.submit': 'Legg til versjon',
    'supplier.versionAdded': 'Versjon {version} er lagt til som utkast.',
    'supplier.decisions.title': 'Vedtak og kommentarer fra koordinatorene',
    'supplier.decisions.empty':
      'Ingen vedtak ennå. Når en versjon er vurdert, står vedtaket med begrunnelse og kommentarer per kriterium her.',
    'supplier.decision.title': '{outcome}: versjon {version}',

    'productForm.section.about': 'Om produktet',
    'productForm.section.regulatory': 'Regulatoriske opplysninger',
    'productForm.section.data': 'Personvern og datalagring',
    'productForm.section.more': 'Universell utforming og pris',
    'productForm.name': 'Produktnavn',
    'productForm.category': 'Kategori',
    'productForm.category.placeholder': 'Velg kategori',
    'productForm.shortDescription': 'Kort beskrivelse',
    'productForm.shortDescription.description': 'Én eller to setninger som vises i søkeresultatene (høyst 300 tegn).',
    'productForm.description': 'Full beskrivelse',
    'productForm.description.description':
      'Hva løsningen gjør, hvordan den brukes og hva som skal til for å ta den i bruk.',
    'productForm.intendedUsers.description':
      'Hvem løsningen er laget for, for eksempel hjemmeboende med demens og ansatte i hjemmetjenesten.',
    'productForm.website.description': 'Full adresse som begynner med https://',
    'productForm.ceMarked': 'Produktet er CE-merket',
    'productForm.intendedUse.none': 'Ikke oppgitt',
    'productForm.mdrClass.description':
      'Klassen etter forordningen om medisinsk utstyr (MDR). Medisinsk utstyr må være CE-merket.',
    'productForm.standards.description': 'For eksempel HL7 FHIR R4, ISO/IEC 27001, EN 50134.',
    'productForm.integrations.description': 'Kryss av for alt løsningen kan integreres med.',
    'productForm.careSettings.description': 'Kryss av for alle tjenestestedene løsningen er laget for.',
    'productForm.dataStorage.description':
      'Land eller region, og hvem som drifter, for eksempel «Norge, hos norsk driftsleverandør».',
    'productForm.dpia': 'Vi tilbyr en mal for personvernkonsekvensvurdering (DPIA)',
    'productForm.dpa': 'Vi tilbyr databehandleravtale',
    'productForm.universalDesign.description':
      'Hvordan løsningen er tilpasset brukere med ulike funksjonsevner, og eventuelle tester mot WCAG.',
    'productForm.priceModel.description':
      'Offentlig tekst, for eksempel månedsleie per enhet. Priser dere har tilbudt en kommune hører hjemme i den fortrolige dokumentasjonen.',
    'productForm.versionLabel': 'Første versjon',
    'productForm.versionLabel.description': 'Versjonsnummeret som skal vurderes, for eksempel 1.0.',
    'productForm.create': 'Opprett produkt',
    'productForm.save': 'Lagre produktopplysningene',
    'productForm.error.name': 'Skriv navnet på produktet (høyst 120 tegn).',
    'productForm.error.categoryId': 'Velg kategorien som passer best.',
    'productForm.error.shortDescription': 'Skriv en kort beskrivelse (høyst 300 tegn).',
    'productForm.error.description': 'Den fulle beskrivelsen kan ha høyst 10 000 tegn.',
    'productForm.error.intendedUsers': 'Beskriv de tiltenkte brukerne med høyst 1 000 tegn.',
    'productForm.error.website':
      'Skriv en fullstendig nettadresse som begynner med https:// (høyst 500 tegn), eller la feltet stå tomt.',
    'productForm.error.ceMarked':
      'Medisinsk utstyr må være CE-merket. Kryss av for CE-merking, eller velg «Ikke medisinsk utstyr» som MDR-klasse.',
    'productForm.error.intendedUse': 'Velg tiltenkt bruk fra listen.',
    'productForm.error.factsLocked':
      'Ingenting er lagret. Godkjenningen av versjon {version} bygger på opplysningene som er merket, og de kan ikke endres etter at versjonen er sendt til vurdering. Opprett en ny versjon med endringene nedenfor.',
    'productForm.error.factLocked':
      'Hører til godkjenningsgrunnlaget for en vurdert versjon. Endre det i en ny versjon.',
    'productForm.error.mdrClass': 'Velg MDR-klasse fra listen.',
    'productForm.error.dataStorageLocation': 'Beskriv hvor data lagres og behandles med høyst 1 000 tegn.',
    'productForm.error.universalDesign': 'Beskriv universell utforming med høyst 2 000 tegn.',
    'productForm.error.priceModel': 'Beskriv prismodellen med høyst 2 000 tegn.',
    'productForm.error.standards': 'List opp standardene med høyst 1 000 tegn.',
    'productForm.error.careSettings': 'Velg tjenestesteder fra listen.',
    'productForm.error.integrations': 'Velg integrasjoner fra listen.',
    'productForm.error.checkbox': 'Kryss av eller la feltet stå tomt.',

    'versionForm.label': 'Versjonsnummer',
    'versionForm.label.description': 'For eksempel 2.0 eller 2025.1 (høyst 40 tegn).',
    'versionForm.releaseNotes': 'Endringsnotater',
    'versionForm.releaseNotes.description': 'Hva er nytt eller endret i denne versjonen (høyst 5 000 tegn).',
    'versionForm.error.versionLabel': 'Skriv versjonsnummeret (1–40 tegn), for eksempel 1.0 eller 2.1.',
    'versionForm.error.duplicateLabel': 'Produktet har allerede en versjon med dette nummeret. Velg et annet.',
    'versionForm.error.releaseNotes': 'Endringsnotatene kan ha høyst 5 000 tegn.',

    'supplier.version.pageTitle': '{product}, versjon {version}',
    'supplier.version.fallbackTitle': 'Versjon',
    'supplier.version.backToProduct': 'Tilbake til {product}',
    'supplier.version.state': 'Status:',
    'supplier.version.submittedAt': 'Sendt til vurdering',
    'supplier.version.details': 'Versjon og endringsnotater',
    'supplier.version.save': 'Lagre versjonen',
    'supplier.version.saved': 'Versjonen er lagret.',
    'supplier.version.noReleaseNotes': 'Ingen endringsnotater.',
    'supplier.version.locked.pending':
      'Versjonen er sendt til vurdering og kan ikke endres mens koordinatorene vurderer den: de vurderer nøyaktig det som ble sendt inn.',
    'supplier.version.locked.provisional':
      'Versjonen er midlertidig godkjent og kan ikke endres. Dokumentasjon av nytte kan fortsatt legges inn i den fortrolige dokumentasjonen.',
    'supplier.version.locked.concluded':
      'Vurderingen av denne versjonen er avsluttet, så den kan ikke endres. Er løsningen endret, legger du til en ny versjon på produktsiden.',
    'supplier.submit.title': 'Send til vurdering',
    'supplier.submit.lead':
      'Når versjonen er sendt, kan verken versjonen eller dokumentasjonen endres før koordinatorene har vurdert den. Sjekk at den fortrolige dokumentasjonen er komplett.',
    'supplier.submit.resubmitLead':
      'Koordinatorene har etterspurt endringer. Rett opp det som er kommentert under vedtaket, og send versjonen inn på nytt.',
    'supplier.submit.button': 'Send til vurdering',
    'supplier.submit.confirm':
      'Sende versjon {version} til vurdering? Etterpå kan du ikke endre versjonen eller dokumentasjonen før vurderingen er ferdig.',
    'supplier.submitted': 'Versjon {version} er sendt til vurdering.',
    'supplier.version.decisions': 'Vedtak for denne versjonen',
    'supplier.version.noDecisions': 'Versjonen er ikke vurdert ennå.',
    'supplier.error.illegalTransition':
      'Versjonen kan ikke sendes til vurdering i den statusen den har nå. Siden viser gjeldende status.',
    'supplier.error.notEditable':
      'Endringen ble ikke lagret fordi versjonen ikke kan endres i den statusen den har nå. Er løsningen endret, legger du til en ny versjon.',

    'dossier.title': 'Fortrolig dokumentasjon',
    'dossier.confidential':
      'Bare medlemmer av {company} og de nasjonale koordinatorene kan se denne dokumentasjonen. Den vises aldri for kommuner eller andre leverandører.',
    'dossier.readOnly': 'Dokumentasjonen kan ikke endres når versjonen har status «{state}».',
    'dossier.sections': 'Seksjoner',
    'dossier.sections.empty':
      'Ingen seksjoner ennå. Legg inn for eksempel sikkerhetsdokumentasjon, testrapporter, kundereferanser og priser dere har tilbudt.',
    'dossier.section.kind': 'Type dokumentasjon',
    'dossier.section.heading': 'Overskrift',
    'dossier.section.body': 'Tekst',
    'dossier.section.updatedAt': 'Sist endret',
    'dossier.section.addTitle': 'Ny seksjon',
    'dossier.section.add': 'Legg til seksjon',
    'dossier.section.edit': 'Rediger seksjon «{heading}»',
    'dossier.section.save': 'Lagre seksjon «{heading}»',
    'dossier.section.delete': 'Slett seksjon «{heading}»',
    'dossier.section.deleteConfirm': 'Slette seksjonen «{heading}»? Dette kan ikke angres.',
    'dossier.section.saved': 'Seksjonen «{heading}» er lagret.',
    'dossier.section.deleted': 'Seksjonen er slettet.',
    'dossier.error.kind': 'Velg hva slags dokumentasjon seksjonen inneholder.',
    'dossier.error.heading': 'Skriv en overskrift (høyst 200 tegn).',
    'dossier.error.body': 'Skriv teksten i seksjonen (høyst 50 000 tegn).',
    'dossier.attachments': 'Vedlegg (PDF)',
    'dossier.attachments.empty': 'Ingen vedlegg ennå.',
    'dossier.col.file': 'Fil',
    'dossier.col.size': 'Størrelse',
    'dossier.col.uploaded': 'Lastet opp',
    'dossier.col.uploadedBy': 'Lastet opp av',
    'dossier.col.actions': 'Handlinger',
    'dossier.size.kb': '{size} kB',
    'dossier.size.mb': '{size} MB',
    'dossier.attachment.file': 'PDF-fil',
    'dossier.attachment.fileDescription':
      'Bare PDF, høyst 10 MB per fil. Filen lastes ned igjen som den ble lastet opp.',
    'dossier.attachment.upload': 'Last opp vedlegg',
    'dossier.attachment.uploaded': 'Vedlegget «{filename}» er lastet opp.',
    'dossier.attachment.download': 'Last ned {filename}',
    'dossier.attachment.delete': 'Slett vedlegg {filename}',
    'dossier.attachment.deleteConfirm': 'Slette vedlegget «{filename}»? Dette kan ikke angres.',
    'dossier.attachment.deleted': 'Vedlegget er slettet.',
    'dossier.error.notPdf':
      'Filen er ikke en PDF. Lagre dokumentet som PDF og prøv igjen: det er innholdet som sjekkes, ikke filnavnet.',
    'dossier.error.tooLarge':
      'Filen er for stor. Et vedlegg kan være høyst 10 MB; del opp dokumentet eller komprimer det.',
    'dossier.error.noFile': 'Velg en PDF-fil å laste opp.',
    'dossier.error.emptyFile': 'Filen er tom. Velg en PDF-fil med innhold.',
    'dossier.error.tooMany':
      'Versjonen har allerede så mange vedlegg som tillatt ({max}). Slett et vedlegg før du laster opp et nytt.',
  },
  en: {
    'supplier.title': 'My products',
    'supplier.lead':
      "{company}'s products. Here you register products and versions, keep the confidential dossier up to date and submit versions for assessment.",
    'supplier.newProduct': 'New product',
    'supplier.list.title': 'All products',
    'supplier.count': 'Number of products: {count}. Sorted by name.',
    'supplier.empty.title': 'No products yet',
    'supplier.empty.body':
      'Register your first product. It appears in the public register only once a version has been assessed and approved.',
    'supplier.col.product': 'Product',
    'supplier.col.category': 'Category',
    'supplier.col.newestVersion': 'Newest version',
    'supplier.col.approval': 'Approval',
    'supplier.col.updated': 'Last changed',
    'supplier.col.version': 'Version',
    'supplier.col.state': 'Status',
    'supplier.col.submitted': 'Submitted',
    'supplier.col.created': 'Created',
    'supplier.noVersion': 'No version',
    'supplier.notSubmitted': 'Not submitted',
    'supplier.expiring.title': 'Approvals ending soon',
    'supplier.inbox.title': 'Reports awaiting your reply',
    'supplier.inbox.empty': 'No published reports about your products are awaiting a reply.',
    'supplier.inbox.count':
      '{count, plural, one {# report about your products awaits} other {# reports about your products await}} your reply.',
    'supplier.inbox.item': 'Report from {municipality}, {date} ({procurement})',
    'supplier.expiring.body':
      'Submit a new version for assessment well before the approval ends, or the product drops out of the public register.',
    'supplier.expiring.item': '{product}, version {version}: ends {date}',
    'supplier.expiring.today': '(today)',
    'supplier.expiring.oneDay': '(in 1 day)',
    'supplier.expiring.days': '(in {days, plural, one {# day} other {# days}})',
    'supplier.backToProducts': 'Back to my products',

    'supplier.productNew.title': 'New product',
    'supplier.productNew.lead':
      'Fill in what municipalities need to assess the solution. Fields marked * are required. The product appears in the register only once a version is approved.',
    'supplier.productCreated': 'The product "{name}" was created with version {version} as a draft.',

    'supplier.product.pageTitle': 'Edit {name}',
    'supplier.product.fallbackTitle': 'Edit product',
    'supplier.product.publicPage': 'View the product page in the register',
    'supplier.product.notPublic':
      'The product is not approved yet, so only you and the coordinators see its product page.',
    'supplier.product.details': 'Product details',
    'supplier.product.detailsNote':
      'Product details are public once the product is approved. Name, descriptions, care settings, website and price model may change at any time. Regulatory information, privacy and data storage, and universal design are what an approval rests on and belong to a version: the product page shows them from the approved version.',
    'supplier.product.factsVersion':
      'The approval facts in this form belong to version {version}. They can change while the version is a draft or changes were requested.',
    'supplier.product.factsLocked':
      'The approval facts in this form belong to version {version}, which has been submitted or assessed. Changing them needs a new version, which is assessed again.',
    'supplier.factsVersion.title': 'Create a new version with the changes',
    'supplier.factsVersion.lead':
      'The new version gets the approval facts as you filled them in. The current approval and the product page stay unchanged until the new version is approved.',
    'supplier.factsVersion.submit': 'Create a new version with the changes',
    'supplier.product.saved': 'The product details were saved.',
    'supplier.versions.empty': 'The product has no versions.',
    'supplier.version.open': 'Open version {version}',
    'supplier.version.openFor': 'Open {product}, version {version}',
    'supplier.addVersion.title': 'Add a new version',
    'supplier.addVersion.lead':
      'An approval covers one version. Add a new version when the solution has changed, complete its dossier and submit it for assessment. Earlier approvals remain with their versions.',
    'supplier.addVersion.submit': 'Add version',
    'supplier.versionAdded': 'Version {version} was added as a draft.',
    'supplier.decisions.title': "Decisions and the coordinators' comments",
    'supplier.decisions.empty':
      'No decisions yet. Once a version has been assessed, the decision with its rationale and comments per criterion appears here.',
    'supplier.decision.title': '{outcome}: version {version}',

    'productForm.section.about': 'About the product',
    'productForm.section.regulatory': 'Regulatory information',
    'productForm.section.data': 'Privacy and data storage',
    'productForm.section.more': 'Universal design and price',
    'productForm.name': 'Product name',
    'productForm.category': 'Category',
    'productForm.category.placeholder': 'Choose a category',
    'productForm.shortDescription': 'Short description',
    'productForm.shortDescription.description':
      'One or two sentences shown in search results (at most 300 characters).',
    'productForm.description': 'Full description',
    'productForm.description.description':
      'What the solution does, how it is used and what it takes to put it into use.',
    'productForm.intendedUsers.description':
      'Who the solution is made for, for example people with dementia living at home and home-care staff.',
    'productForm.website.description': 'Full address starting with https://',
    'productForm.ceMarked': 'The product is CE marked',
    'productForm.intendedUse.none': 'Not stated',
    'productForm.mdrClass.description':
      'The class under the Medical Device Regulation (MDR). A medical device must be CE marked.',
    'productForm.standards.description': 'For example HL7 FHIR R4, ISO/IEC 27001, EN 50134.',
    'productForm.integrations.description': 'Tick everything the solution can integrate with.',
    'productForm.careSettings.description': 'Tick every care setting the solution is made for.',
    'productForm.dataStorage.description':
      'Country or region, and who operates it, for example "Norway, with a Norwegian hosting provider".',
    'productForm.dpia': 'We offer a data protection impact assessment (DPIA) template',
    'productForm.dpa': 'We offer a data processing agreement',
    'productForm.universalDesign.description':
      'How the solution suits users with different abilities, and any tests against WCAG.',
    'productForm.priceModel.description':
      'Public text, for example a monthly fee per unit. Prices you offered a municipality belong in the confidential dossier.',
    'productForm.versionLabel': 'First version',
    'productForm.versionLabel.description': 'The version number to be assessed, for example 1.0.',
    'productForm.create': 'Create product',
    'productForm.save': 'Save product details',
    'productForm.error.name': 'Enter the product name (at most 120 characters).',
    'productForm.error.categoryId': 'Choose the category that fits best.',
    'productForm.error.shortDescription': 'Enter a short description (at most 300 characters).',
    'productForm.error.description': 'The full description can have at most 10,000 characters.',
    'productForm.error.intendedUsers': 'Describe the intended users in at most 1,000 characters.',
    'productForm.error.website':
      'Enter a full web address starting with https:// (at most 500 characters), or leave the field empty.',
    'productForm.error.ceMarked':
      'A medical device must be CE marked. Tick CE marking, or choose "Not a medical device" as the MDR class.',
    'productForm.error.intendedUse': 'Choose the intended use from the list.',
    'productForm.error.factsLocked':
      'Nothing was saved. The assessment of version {version} rests on the marked details, and they cannot change once the version has been submitted. Create a new version with the changes below.',
    'productForm.error.factLocked': 'Part of what an assessed version was approved on. Change it in a new version.',
    'productForm.error.mdrClass': 'Choose the MDR class from the list.',
    'productForm.error.dataStorageLocation': 'Describe where data is stored and processed in at most 1,000 characters.',
    'productForm.error.universalDesign': 'Describe universal design in at most 2,000 characters.',
    'productForm.error.priceModel': 'Describe the price model in at most 2,000 characters.',
    'productForm.error.standards': 'List the standards in at most 1,000 characters.',
    'productForm.error.careSettings': 'Choose care settings from the list.',
    'productForm.error.integrations': 'Choose integrations from the list.',
    'productForm.error.checkbox': 'Tick the box or leave it empty.',

    'versionForm.label': 'Version number',
    'versionForm.label.description': 'For example 2.0 or 2025.1 (at most 40 characters).',
    'versionForm.releaseNotes': 'Release notes',
    'versionForm.releaseNotes.description': 'What is new or changed in this version (at most 5,000 characters).',
    'versionForm.error.versionLabel': 'Enter the version number (1–40 characters), for example 1.0 or 2.1.',
    'versionForm.error.duplicateLabel': 'The product already has a version with this number. Choose another.',
    'versionForm.error.releaseNotes': 'The release notes can have at most 5,000 characters.',

    'supplier.version.pageTitle': '{product}, version {version}',
    'supplier.version.fallbackTitle': 'Version',
    'supplier.version.backToProduct': 'Back to {product}',
    'supplier.version.state': 'Status:',
    'supplier.version.submittedAt': 'Submitted for assessment',
    'supplier.version.details': 'Version and release notes',
    'supplier.version.save': 'Save the version',
    'supplier.version.saved': 'The version was saved.',
    'supplier.version.noReleaseNotes': 'No release notes.',
    'supplier.version.locked.pending':
      'The version has been submitted and cannot be changed while the coordinators assess it: they assess exactly what was submitted.',
    'supplier.version.locked.provisional':
      'The version is provisionally approved and cannot be changed. Evidence of benefit can still be added to the confidential dossier.',
    'supplier.version.locked.concluded':
      'The assessment of this version has concluded, so it cannot be changed. If the solution has changed, add a new version on the product page.',
    'supplier.submit.title': 'Submit for assessment',
    'supplier.submit.lead':
      'Once submitted, neither the version nor its dossier can be changed until the coordinators have assessed it. Check that the confidential dossier is complete.',
    'supplier.submit.resubmitLead':
      'The coordinators have requested changes. Address the comments under the decision and submit the version again.',
    'supplier.submit.button': 'Submit for assessment',
    'supplier.submit.confirm':
      'Submit version {version} for assessment? Afterwards you cannot change the version or its dossier until the assessment is finished.',
    'supplier.submitted': 'Version {version} was submitted for assessment.',
    'supplier.version.decisions': 'Decisions on this version',
    'supplier.version.noDecisions': 'The version has not been assessed yet.',
    'supplier.error.illegalTransition':
      'The version cannot be submitted for assessment in its current status. The page shows the current status.',
    'supplier.error.notEditable':
      'The change was not saved because the version cannot be changed in its current status. If the solution has changed, add a new version.',

    'dossier.title': 'Confidential dossier',
    'dossier.confidential':
      'Only members of {company} and the national coordinators can see this dossier. It is never shown to municipalities or other suppliers.',
    'dossier.readOnly': 'The dossier cannot be changed while the version has the status "{state}".',
    'dossier.sections': 'Sections',
    'dossier.sections.empty':
      'No sections yet. Add, for example, security documentation, test reports, customer references and prices you have offered.',
    'dossier.section.kind': 'Kind of documentation',
    'dossier.section.heading': 'Heading',
    'dossier.section.body': 'Text',
    'dossier.section.updatedAt': 'Last changed',
    'dossier.section.addTitle': 'New section',
    'dossier.section.add': 'Add section',
    'dossier.section.edit': 'Edit section "{heading}"',
    'dossier.section.save': 'Save section "{heading}"',
    'dossier.section.delete': 'Delete section "{heading}"',
    'dossier.section.deleteConfirm': 'Delete the section "{heading}"? This cannot be undone.',
    'dossier.section.saved': 'The section "{heading}" was saved.',
    'dossier.section.deleted': 'The section was deleted.',
    'dossier.error.kind': 'Choose what kind of documentation the section contains.',
    'dossier.error.heading': 'Enter a heading (at most 200 characters).',
    'dossier.error.body': 'Enter the text of the section (at most 50,000 characters).',
    'dossier.attachments': 'Attachments (PDF)',
    'dossier.attachments.empty': 'No attachments yet.',
    'dossier.col.file': 'File',
    'dossier.col.size': 'Size',
    'dossier.col.uploaded': 'Uploaded',
    'dossier.col.uploadedBy': 'Uploaded by',
    'dossier.col.actions': 'Actions',
    'dossier.size.kb': '{size} kB',
    'dossier.size.mb': '{size} MB',
    'dossier.attachment.file': 'PDF file',
    'dossier.attachment.fileDescription': 'PDF only, at most 10 MB per file. The file downloads exactly as uploaded.',
    'dossier.attachment.upload': 'Upload attachment',
    'dossier.attachment.uploaded': 'The attachment "{filename}" was uploaded.',
    'dossier.attachment.download': 'Download {filename}',
    'dossier.attachment.delete': 'Delete attachment {filename}',
    'dossier.attachment.deleteConfirm': 'Delete the attachment "{filename}"? This cannot be undone.',
    'dossier.attachment.deleted': 'The attachment was deleted.',
    'dossier.error.notPdf':
      'The file is not a PDF. Save the document as PDF and try again: the content is checked, not the file name.',
    'dossier.error.tooLarge':
      'The file is too large. An attachment can be at most 10 MB; split or compress the document.',
    'dossier.error.noFile': 'Choose a PDF file to upload.',
    'dossier.error.emptyFile': 'The file is empty. Choose a PDF file with content.',
    'dossier.error.tooMany':
      'The version already has as many attachments as allowed ({max}). Delete one before uploading another.',
  },
})
