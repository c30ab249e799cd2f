import type { Kysely } from 'kysely'
import {
  validateDecision,
  type AssessmentOutcome,
  type CriterionDefinition,
  type CriterionResultInput,
} from '../../app/domain/assessment'
import { addDays, addMonths, addYears, osloDate } from '../../app/domain/dates'
import { rebuildSearchIndex } from '../../app/models/search-index.server'
import type {
  CareSettingCode,
  DB,
  DossierSectionKind,
  IntegrationCode,
  IntendedUse,
  MdrClass,
  VersionState,
} from '../schema'

// Fictional demo data for the national register: 40 invented products (no real company's product) spread over the
// ten categories and every workflow state, with decisions, per-criterion results and dossier sections. Deterministic:
// the same `now` gives the same rows; dates are relative to `now` so that approvals are current when the demo runs.

type SeedProduct = {
  name: string
  category: string
  short: string
  description: string
  users: string
  care: CareSettingCode[]
  integrations: IntegrationCode[]
  mdr: MdrClass
  ce: 0 | 1
  use: IntendedUse | null
  storage: string
  standards: string | null
  price: string
  universalDesign: string | null
}

const HOME = 'Hjemmeboende brukere, pårørende og hjemmetjenesten.'
const STAFF = 'Ansatte i hjemmetjenesten, sykehjem og omsorgsboliger.'

const products: SeedProduct[] = [
  // Trygghetsalarm og responssenter
  {
    name: 'Trygghetsalarm Fjordvakt 4G',
    category: 'trygghetsalarm',
    short: 'Mobil trygghetsalarm med 4G, toveis tale og innebygd fallsensor.',
    description:
      'Fjordvakt 4G er en trygghetsalarm som bæres som armbånd eller halssmykke. Alarmen går via 4G direkte til responssenteret med toveis tale gjennom basestasjonen. Batteriet varer i opptil ett år, og basestasjonen varsler selv når strøm eller nett faller ut.',
    users: 'Hjemmeboende som trenger å kunne tilkalle hjelp, og deres pårørende.',
    care: ['home_care', 'sheltered_housing'],
    integrations: ['scaip', 'welfare_tech_hub', 'epj'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge (Oslo), hos norsk driftsleverandør',
    standards: 'SCAIP (SS 91100), EN 50134-2, ISO/IEC 27001',
    price: 'Månedsleie per alarm inkludert SIM-kort og programvare; engangspris for installasjon.',
    universalDesign: 'Store knapper, tydelig lyd og lys; talemeldinger på bokmål, nynorsk og nordsamisk.',
  },
  {
    name: 'Lyngvakt Responssenterplattform',
    category: 'trygghetsalarm',
    short: 'Programvare for kommunale og interkommunale responssentre.',
    description:
      'Lyngvakt samler alarmer fra trygghetsalarmer, digitalt tilsyn og fallsensorer i én arbeidsflate for operatørene. Hendelser prioriteres automatisk, og utrykningsteam får oppdraget på mobil med adresse, nøkkelinformasjon og tiltaksplan.',
    users: 'Operatører i responssentre og utrykningsteam i hjemmetjenesten.',
    care: ['home_care', 'sheltered_housing', 'nursing_home'],
    integrations: ['hl7_fhir', 'welfare_tech_hub', 'scaip', 'epj', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'Norge (skyregion Norway East)',
    standards: 'HL7 FHIR R4, SCAIP, ISO/IEC 27001',
    price: 'Årlig lisens etter innbyggertall i de tilknyttede kommunene.',
    universalDesign: 'Operatørklienten er testet mot WCAG 2.1 AA og kan styres fullt med tastatur.',
  },
  {
    name: 'Heimtrygg Mini Trygghetsalarm',
    category: 'trygghetsalarm',
    short: 'Rimelig trygghetsalarm med enkel installasjon, uten behov for fasttelefon.',
    description:
      'Heimtrygg Mini kobles til strøm og er klar til bruk. Alarmknappen har rekkevidde i hele boligen og hagen, og enheten tester forbindelsen til responssenteret hvert døgn. Røykvarsler og dørsensor kan kobles til senere.',
    users: HOME,
    care: ['home_care'],
    integrations: ['scaip', 'welfare_tech_hub'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'EØS (Sverige)',
    standards: 'SCAIP, EN 50134',
    price: 'Fast månedspris per enhet; ingen etableringskostnad ved rammeavtale.',
    universalDesign: 'Én stor knapp med taktil markering og talebekreftelse.',
  },
  {
    name: 'Varde Trygghetsalarm Ute',
    category: 'trygghetsalarm',
    short: 'Trygghetsalarm med posisjon for aktive brukere som ferdes ute.',
    description:
      'Varde er en bærbar alarm som fungerer både hjemme og ute. Ved alarm sendes posisjon sammen med toveis tale til responssenteret, og brukeren velger selv om posisjonen bare skal deles ved alarm. Laderen fungerer også som basestasjon innendørs.',
    users: HOME,
    care: ['home_care'],
    integrations: ['scaip', 'welfare_tech_hub'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge (Trondheim)',
    standards: 'SCAIP, EN 50134-2',
    price: 'Månedsleie per enhet, inkludert mobilabonnement.',
    universalDesign: 'Tydelig skjerm med justerbar skriftstørrelse.',
  },
  // Digitalt tilsyn
  {
    name: 'Nattero Digitalt Tilsyn',
    category: 'digitalt-tilsyn',
    short: 'Sensorbasert nattilsyn som erstatter fysiske nattrunder.',
    description:
      'Nattero bruker bevegelses- og sengesensorer til å følge med på søvn, uro og om brukeren har forlatt sengen. Nattpersonalet får varsel bare når noe avviker fra brukerens vanlige mønster, slik at rolige netter ikke forstyrres av unødige tilsynsbesøk.',
    users: 'Personer med demens eller kognitiv svikt, og nattpersonell i hjemmetjenesten.',
    care: ['home_care', 'sheltered_housing', 'nursing_home'],
    integrations: ['welfare_tech_hub', 'epj', 'hl7_fhir'],
    mdr: 'I',
    ce: 1,
    use: 'professional',
    storage: 'Norge (Oslo og Bergen)',
    standards: 'ISO 13485, IEC 62304, HL7 FHIR R4',
    price: 'Abonnement per rom eller bolig, med rabatt over 50 enheter.',
    universalDesign: 'Personalappen er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Stillvakt Sensor',
    category: 'digitalt-tilsyn',
    short: 'Trådløs bevegelsessensor som varsler ved uvanlig inaktivitet.',
    description:
      'Stillvakt lærer brukerens døgnrytme og varsler hjemmetjenesten dersom det er uvanlig lenge uten bevegelse, for eksempel om morgenen. Sensoren monteres uten verktøy og trenger ikke internett i boligen.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'scaip'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'EØS (Finland)',
    standards: 'EN 50134-7',
    price: 'Engangspris per sensor og månedlig tjenesteavgift.',
    universalDesign: null,
  },
  {
    name: 'Ugla Kameratilsyn',
    category: 'digitalt-tilsyn',
    short: 'Digitalt tilsyn med anonymiserte bilder for beboere med vedtak om tilsyn.',
    description:
      'Ugla viser nattevakten et anonymisert omriss av beboeren i stedet for et vanlig kamerabilde, og bare i det korte tidsrommet et tilsyn pågår. Hvert tilsyn logges, og løsningen støtter vedtak etter helse- og omsorgstjenesteloven.',
    users: 'Beboere i sykehjem og omsorgsboliger med vedtak om digitalt tilsyn.',
    care: ['nursing_home', 'sheltered_housing'],
    integrations: ['epj', 'welfare_tech_hub'],
    mdr: 'I',
    ce: 1,
    use: 'professional',
    storage: 'Lokalt i boligen; tilsynslogg i Norge',
    standards: 'ISO 13485, ISO/IEC 27001',
    price: 'Lisens per rom, inkludert programvareoppdateringer.',
    universalDesign: 'Personalgrensesnitt med høy kontrast.',
  },
  {
    name: 'Blikkfri Radartilsyn',
    category: 'digitalt-tilsyn',
    short: 'Radarbasert tilsyn uten kamera som registrerer pust og bevegelse.',
    description:
      'Blikkfri måler bevegelse og pustefrekvens med radar og lagrer ingen bilder. Personalet ser om beboeren sover, er urolig eller har forlatt rommet, og tilsynet kan dokumenteres automatisk i journalen.',
    users: STAFF,
    care: ['nursing_home', 'home_care'],
    integrations: ['epj', 'hl7_fhir'],
    mdr: 'IIa',
    ce: 1,
    use: 'professional',
    storage: 'EØS (Irland)',
    standards: 'ISO 13485, IEC 60601-1-2',
    price: 'Kjøp av sensor med årlig serviceavtale.',
    universalDesign: null,
  },
  // Fall- og hendelsesvarsling
  {
    name: 'Fallvern Radar',
    category: 'fall-og-hendelsesvarsling',
    short: 'Veggmontert sensor som oppdager fall uten at brukeren bærer noe.',
    description:
      'Fallvern registrerer fall med radar og sender alarm automatisk til responssenteret eller personalet. Sensoren skiller mellom fall og at brukeren setter seg på gulvet, og antallet falske alarmer rapporteres månedlig til kommunen.',
    users: STAFF,
    care: ['home_care', 'nursing_home', 'sheltered_housing'],
    integrations: ['scaip', 'welfare_tech_hub'],
    mdr: 'I',
    ce: 1,
    use: 'both',
    storage: 'Norge',
    standards: 'ISO 13485, SCAIP',
    price: 'Månedsleie per sensor.',
    universalDesign: null,
  },
  {
    name: 'Støtte Fallarmbånd',
    category: 'fall-og-hendelsesvarsling',
    short: 'Vanntett armbånd med fallsensor og automatisk alarm.',
    description:
      'Støtte oppdager fall med akselerometer og sender alarm dersom brukeren ikke reiser seg igjen. Armbåndet er vanntett og kan brukes i dusjen, der mange fall skjer.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['scaip'],
    mdr: 'I',
    ce: 1,
    use: 'home',
    storage: 'EØS (Danmark)',
    standards: 'EN 50134-2, ISO 13485',
    price: 'Kjøp eller leie; leie inkluderer bytte ved feil.',
    universalDesign: 'Vibrasjon og lyd bekrefter at alarmen er sendt.',
  },
  {
    name: 'Sengvakt Matte',
    category: 'fall-og-hendelsesvarsling',
    short: 'Trykkmatte som varsler når beboeren forlater sengen om natten.',
    description:
      'Sengvakt legges under madrassen og varsler personalet når beboeren går ut av sengen om natten, med valgfri forsinkelse og tidsvindu. Løsningen brukes for å forebygge fall hos beboere med høy fallrisiko.',
    users: STAFF,
    care: ['nursing_home', 'hospital', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'other'],
    mdr: 'none',
    ce: 1,
    use: 'professional',
    storage: 'Lokalt; hendelseslogg i Norge',
    standards: 'EN 50134-7',
    price: 'Engangskjøp per matte; sentralenhet per avdeling.',
    universalDesign: null,
  },
  {
    name: 'Dørvarsel Hjem',
    category: 'fall-og-hendelsesvarsling',
    short: 'Dørsensor som varsler når en person med demens går ut om natten.',
    description:
      'Dørvarsel Hjem varsler pårørende eller hjemmetjenesten dersom ytterdøren åpnes innenfor et valgt tidsrom. Varslingsreglene settes opp sammen med brukeren og pårørende og inngår i tiltaksplanen.',
    users: HOME,
    care: ['home_care'],
    integrations: ['welfare_tech_hub', 'scaip'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge',
    standards: 'EN 50134-7',
    price: 'Månedlig abonnement.',
    universalDesign: 'Oppsettsappen for pårørende har stor skrift.',
  },
  // Lokaliseringsteknologi (GPS)
  {
    name: 'Følgesvenn GPS-klokke',
    category: 'lokaliseringsteknologi',
    short: 'GPS-klokke med trygg sone og alarmknapp for personer med demens.',
    description:
      'Følgesvenn ser ut som en vanlig klokke og lar brukeren gå tur på egen hånd. Går brukeren utenfor en avtalt sone, får pårørende eller hjemmetjenesten varsel med posisjon på kart. Posisjonen deles bare ved varsel eller når brukeren selv trykker på alarmknappen.',
    users: 'Hjemmeboende med demens, pårørende og hjemmetjenesten.',
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'scaip'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge (Oslo)',
    standards: 'SCAIP, ISO/IEC 27001',
    price: 'Månedsleie inkludert mobilabonnement og kartløsning.',
    universalDesign: 'Klokken har én knapp; pårørendeappen er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Sporlys Lokaliseringstjeneste',
    category: 'lokaliseringsteknologi',
    short: 'Plattform for lokalisering og varsling i kommunens responssenter.',
    description:
      'Sporlys samler posisjonsdata fra flere typer GPS-enheter og viser dem i ett kart for responssenteret. Leting etter savnede personer kan deles med politiet med ett tastetrykk, og all tilgang til posisjon logges.',
    users: 'Operatører i responssentre.',
    care: ['home_care', 'sheltered_housing', 'nursing_home'],
    integrations: ['welfare_tech_hub', 'open_api', 'scaip'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'Norge',
    standards: 'ISO/IEC 27001',
    price: 'Årlig lisens per kommune.',
    universalDesign: 'Kartvisningen har tekstalternativ for alle posisjoner.',
  },
  {
    name: 'Turvenn GPS-brikke',
    category: 'lokaliseringsteknologi',
    short: 'Liten GPS-brikke som festes i jakke eller veske.',
    description:
      'Turvenn er en diskret brikke for brukere som ikke vil gå med klokke. Batteriet holder i opptil to uker, og pårørende får varsel når brikken bør lades.',
    users: HOME,
    care: ['home_care'],
    integrations: ['welfare_tech_hub'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'EØS (Tyskland)',
    standards: null,
    price: 'Kjøp av brikke og månedlig abonnement.',
    universalDesign: null,
  },
  {
    name: 'Veiviser Trygg Sone',
    category: 'lokaliseringsteknologi',
    short: 'GPS-innleggssåle som varsler når brukeren forlater trygg sone.',
    description:
      'Veiviser er en GPS-enhet bygget inn i en innleggssåle, for brukere som ofte legger fra seg klokke og telefon. Posisjonen sendes bare ved varsel.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['other'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Utenfor EØS (USA), med EUs standardkontrakter',
    standards: null,
    price: 'Månedsleie.',
    universalDesign: null,
  },
  // Elektronisk medisineringsstøtte
  {
    name: 'Dosevakt Medisindispenser',
    category: 'medisineringsstotte',
    short: 'Elektronisk medisindispenser som gir riktig dose til riktig tid.',
    description:
      'Dosevakt leverer multidoseposer fra apoteket til riktig tid, med lyd, lys og talemelding. Uteblitt medisinering varsles til hjemmetjenesten, og hver utlevering dokumenteres automatisk i journalen.',
    users: 'Hjemmeboende som bruker faste legemidler, og hjemmesykepleien.',
    care: ['home_care', 'sheltered_housing'],
    integrations: ['epj', 'welfare_tech_hub', 'hl7_fhir'],
    mdr: 'IIa',
    ce: 1,
    use: 'home',
    storage: 'Norge',
    standards: 'ISO 13485, IEC 62304, HL7 FHIR R4',
    price: 'Månedsleie per dispenser inkludert service og bytte ved feil.',
    universalDesign: 'Talemeldinger og store symboler; testet med brukere med nedsatt syn.',
  },
  {
    name: 'Medisinuret Hjem',
    category: 'medisineringsstotte',
    short: 'Medisinpåminner med låsbare rom for ukedosett.',
    description:
      'Medisinuret har 28 låsbare rom og åpner bare riktig rom til riktig tid. Det passer for brukere med enklere medisinering som ikke får multidose.',
    users: HOME,
    care: ['home_care'],
    integrations: ['welfare_tech_hub'],
    mdr: 'I',
    ce: 1,
    use: 'home',
    storage: 'EØS (Nederland)',
    standards: 'ISO 13485',
    price: 'Kjøp per enhet.',
    universalDesign: 'Lyd og lys med justerbar styrke.',
  },
  {
    name: 'Husk Dosering',
    category: 'medisineringsstotte',
    short: 'App og smartboks som minner om og registrerer medisininntak.',
    description:
      'Husk Dosering består av en smartboks og en app for bruker og pårørende. Boksen registrerer når lokket åpnes og sender påminnelser til brukerens telefon. Løsningen passer for yngre brukere med kroniske sykdommer.',
    users: 'Hjemmeboende med kroniske sykdommer og deres pårørende.',
    care: ['home_care'],
    integrations: ['open_api'],
    mdr: 'I',
    ce: 1,
    use: 'home',
    storage: 'EØS (Irland)',
    standards: 'ISO 13485',
    price: 'Månedsabonnement per bruker.',
    universalDesign: 'Appen støtter skjermleser og forstørrelse.',
  },
  {
    name: 'Dosevenn Påminner',
    category: 'medisineringsstotte',
    short: 'Medisinpåminnelse på nettbrett med videobekreftelse fra hjemmetjenesten.',
    description:
      'Dosevenn minner brukeren på medisinene, og hjemmesykepleien kan bekrefte inntaket over video i stedet for å kjøre hjem til brukeren. Besøk som bare gjaldt medisinering, kan dermed gjøres digitalt.',
    users: HOME,
    care: ['home_care'],
    integrations: ['epj', 'welfare_tech_hub'],
    mdr: 'I',
    ce: 1,
    use: 'both',
    storage: 'Norge',
    standards: 'ISO 13485, ISO/IEC 27001',
    price: 'Månedlig pris per bruker inkludert nettbrett.',
    universalDesign: 'Forenklet brukergrensesnitt med store knapper.',
  },
  // Digital hjemmeoppfølging
  {
    name: 'Helsetråd Hjemmeoppfølging',
    category: 'digital-hjemmeoppfolging',
    short: 'Digital hjemmeoppfølging av kronisk syke med målinger og egenrapportering.',
    description:
      'Med Helsetråd måler brukeren blodtrykk, oksygenmetning, vekt og blodsukker hjemme og svarer på korte spørsmål om hvordan det går. Et oppfølgingssenter i kommunen ser målingene og tar kontakt når verdiene går utenfor grensene legen har satt.',
    users: 'Personer med kols, hjertesvikt, diabetes eller flere kroniske sykdommer.',
    care: ['home_care', 'hospital'],
    integrations: ['hl7_fhir', 'epj', 'welfare_tech_hub'],
    mdr: 'IIa',
    ce: 1,
    use: 'both',
    storage: 'Norge',
    standards: 'HL7 FHIR R4, ISO 13485, IEC 62304',
    price: 'Pris per aktiv pasient per måned; lisens for oppfølgingssenteret per kommune.',
    universalDesign: 'Pasientappen er testet mot WCAG 2.1 AA og finnes på bokmål, nynorsk og engelsk.',
  },
  {
    name: 'Måleveien Kronikerplattform',
    category: 'digital-hjemmeoppfolging',
    short: 'Behandlingsplaner og målinger delt mellom kommune og sykehus.',
    description:
      'Måleveien lar kommunen og spesialisthelsetjenesten følge de samme målingene og den samme planen for pasienten. Fastlegen kan justere terskelverdiene, og varsler fordeles etter avtalt ansvar.',
    users: 'Helsepersonell i kommuner, fastleger og sykehus.',
    care: ['home_care', 'hospital'],
    integrations: ['hl7_fhir', 'epj', 'open_api'],
    mdr: 'IIa',
    ce: 1,
    use: 'professional',
    storage: 'Norge',
    standards: 'HL7 FHIR R4, ISO/IEC 27001',
    price: 'Årlig plattformlisens og pris per pasient.',
    universalDesign: 'Klinikerportalen er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Pulsbro Hjemmemåling',
    category: 'digital-hjemmeoppfolging',
    short: 'Ferdig oppsatt målesett for oppfølging etter sykehusopphold.',
    description:
      'Pulsbro leveres som et ferdig konfigurert målesett som brukeren tar med hjem ved utskrivning. Målingene overføres automatisk, uten at brukeren trenger egen smarttelefon.',
    users: 'Pasienter som skrives ut fra sykehus, og hjemmesykepleien.',
    care: ['home_care', 'hospital'],
    integrations: ['hl7_fhir', 'welfare_tech_hub'],
    mdr: 'IIa',
    ce: 1,
    use: 'home',
    storage: 'EØS (Sverige)',
    standards: 'ISO 13485, IEEE 11073',
    price: 'Leie per målesett per måned.',
    universalDesign: 'Ingen app nødvendig; målingene sendes automatisk.',
  },
  {
    name: 'Omsorgsbro Videokonsultasjon',
    category: 'digital-hjemmeoppfolging',
    short: 'Sikker videokonsultasjon mellom hjemmetjeneste, bruker og fastlege.',
    description:
      'Omsorgsbro gjør det enkelt å holde videosamtaler med brukeren og å koble på fastlege eller pårørende. Samtalen startes fra journalen, og brukeren trenger bare å trykke på én knapp.',
    users: STAFF,
    care: ['home_care', 'nursing_home'],
    integrations: ['epj', 'hl7_fhir'],
    mdr: 'none',
    ce: 0,
    use: 'both',
    storage: 'Norge',
    standards: 'ISO/IEC 27001',
    price: 'Lisens per ansatt som bruker løsningen.',
    universalDesign: 'Brukerens skjerm har én knapp for å svare.',
  },
  // Elektroniske dørlåser og nøkkelhåndtering
  {
    name: 'Nøkkelfri Dørlås Pro',
    category: 'dorlaser-og-nokkelhandtering',
    short: 'Elektronisk dørlås som gir hjemmetjenesten digital tilgang uten fysiske nøkler.',
    description:
      'Nøkkelfri Dørlås Pro monteres på innsiden av den eksisterende døren og åpnes av ansatte med mobiltelefon. Tilgang gis per vakt og per bruker, og hver åpning logges. Kommunen slipper nøkkelskap, nøkkelkopier og tapte nøkler.',
    users: 'Hjemmetjenesten, brukere og pårørende.',
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'epj', 'open_api'],
    mdr: 'none',
    ce: 1,
    use: 'professional',
    storage: 'Norge',
    standards: 'EN 14846, ISO/IEC 27001',
    price: 'Kjøp av lås og årlig lisens per lås.',
    universalDesign: 'Brukeren kan fortsatt bruke vanlig nøkkel og vrider.',
  },
  {
    name: 'Låsvenn Digital Nøkkel',
    category: 'dorlaser-og-nokkelhandtering',
    short: 'Digital nøkkelhåndtering for mange låsetyper i én app.',
    description:
      'Låsvenn samler elektroniske dørlåser fra flere produsenter i én app for personalet. Tilgang kan gis midlertidig, for eksempel til vikarer, og trekkes tilbake automatisk når vakten er over.',
    users: STAFF,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'EØS (Finland)',
    standards: 'ISO/IEC 27001',
    price: 'Årlig lisens per lås.',
    universalDesign: 'Appen er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Portvakt Nøkkelboks',
    category: 'dorlaser-og-nokkelhandtering',
    short: 'Nøkkelboks med engangskoder og logg for hjemmetjenesten.',
    description:
      'Portvakt er en robust nøkkelboks med engangskoder som sendes til den ansatte som skal inn. Alle åpninger logges, og koden utløper etter bruk.',
    users: STAFF,
    care: ['home_care'],
    integrations: ['other'],
    mdr: 'none',
    ce: 1,
    use: 'professional',
    storage: 'Norge',
    standards: 'EN 1300',
    price: 'Engangskjøp per boks; valgfri tjenesteavgift for kodestyring.',
    universalDesign: null,
  },
  {
    name: 'Dørlås Åpen Omsorg',
    category: 'dorlaser-og-nokkelhandtering',
    short: 'Elektronisk dørlås for omsorgsboliger med felles adgangskontroll.',
    description:
      'Dørlås Åpen Omsorg styrer inngangsdører, leiligheter og medisinrom i omsorgsboliger. Beboerne bruker brikke og personalet mobil, og tilgangen følger vaktplanen.',
    users: 'Beboere og personale i omsorgsboliger.',
    care: ['sheltered_housing', 'nursing_home'],
    integrations: ['welfare_tech_hub', 'open_api'],
    mdr: 'none',
    ce: 1,
    use: 'professional',
    storage: 'Norge',
    standards: 'EN 14846',
    price: 'Prosjektpris per bygg og årlig serviceavtale.',
    universalDesign: 'Brikke med taktil markering for beboere med nedsatt syn.',
  },
  // Kommunikasjon og sosial kontakt
  {
    name: 'Øyeblikk Nettbrett for eldre',
    category: 'kommunikasjon-og-sosial-kontakt',
    short: 'Forenklet nettbrett for videosamtaler og bilder fra familien.',
    description:
      'Øyeblikk er et nettbrett der familien sender bilder og ringer opp med video, uten at brukeren må trykke på noe for å svare. Hjemmetjenesten kan bruke det samme nettbrettet til korte digitale besøk.',
    users: 'Eldre som bor alene, pårørende og hjemmetjenesten.',
    care: ['home_care', 'nursing_home', 'sheltered_housing'],
    integrations: ['welfare_tech_hub'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge',
    standards: 'WCAG 2.1 AA',
    price: 'Månedlig abonnement inkludert mobildata.',
    universalDesign: 'Automatisk svar fra godkjente kontakter; stor tekst og høy kontrast.',
  },
  {
    name: 'Praterommet Videosamtale',
    category: 'kommunikasjon-og-sosial-kontakt',
    short: 'Gruppesamtaler på video for dagsentre og frivillige.',
    description:
      'Praterommet lar dagsentre, frivillige og brukere møtes i faste samtalegrupper på video, for eksempel quiz, høytlesning og trim. Gruppene ledes av ansatte eller frivillige med egen vertsrolle.',
    users: 'Brukere av dagsentre, frivillige og ansatte.',
    care: ['home_care', 'nursing_home'],
    integrations: ['open_api'],
    mdr: 'none',
    ce: 0,
    use: 'both',
    storage: 'EØS (Irland)',
    standards: 'WCAG 2.1 AA',
    price: 'Årlig lisens per kommune.',
    universalDesign: 'Testet med brukere med nedsatt syn og hørsel; samtalene kan tekstes.',
  },
  {
    name: 'Nærvær Familieskjerm',
    category: 'kommunikasjon-og-sosial-kontakt',
    short: 'Digital bilderamme med beskjeder og kalender fra pårørende.',
    description:
      'Nærvær viser bilder, beskjeder og dagens avtaler fra familie og hjemmetjeneste. Skjermen passer for brukere med kognitiv svikt som trenger struktur på dagen.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'epj'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge',
    standards: null,
    price: 'Månedsleie.',
    universalDesign: 'Ingen berøring nødvendig; teksten leses opp.',
  },
  {
    name: 'Kaffeprat Sosial App',
    category: 'kommunikasjon-og-sosial-kontakt',
    short: 'App som kobler eldre med frivillige for samtaler og besøk.',
    description:
      'Kaffeprat formidler kontakt mellom eldre som ønsker selskap og frivillige i nærmiljøet, med samtaler på telefon, video eller besøk. Frivilligsentralen godkjenner de frivillige.',
    users: 'Eldre som ønsker mer sosial kontakt, og frivillige.',
    care: ['home_care'],
    integrations: ['other'],
    mdr: 'none',
    ce: 0,
    use: 'home',
    storage: 'EØS (Tyskland)',
    standards: null,
    price: 'Gratis for brukere; lisens for frivilligsentralen.',
    universalDesign: 'Appen testes mot WCAG 2.1 AA.',
  },
  // Smarthus og miljøstyring
  {
    name: 'Heimstyr Smarthus',
    category: 'smarthus-og-miljostyring',
    short: 'Smarthusplattform for omsorgsboliger med lys, varme og sensorer.',
    description:
      'Heimstyr styrer lys, varme, persienner og sensorer i omsorgsboliger fra én plattform. Personalet får varsler fra komfyrvakt, vannlekkasje og dør i samme app, og beboeren kan styre boligen med tale eller bryter.',
    users: 'Beboere og personale i omsorgsboliger.',
    care: ['sheltered_housing', 'nursing_home'],
    integrations: ['welfare_tech_hub', 'open_api', 'other'],
    mdr: 'none',
    ce: 1,
    use: 'both',
    storage: 'Norge',
    standards: 'KNX, Z-Wave, ISO/IEC 27001',
    price: 'Prosjektpris per bolig og årlig plattformlisens.',
    universalDesign: 'Styring med tale, brytere og app; appen er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Lysløype Nattlys',
    category: 'smarthus-og-miljostyring',
    short: 'Automatisk nattbelysning som tennes når beboeren står opp.',
    description:
      'Lysløype tenner et svakt ledelys fra sengen til badet når beboeren står opp om natten, for å forebygge fall. Lyset dempes automatisk og krever ingen betjening.',
    users: HOME,
    care: ['home_care', 'nursing_home', 'sheltered_housing'],
    integrations: ['other'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Ingen personopplysninger lagres',
    standards: 'EN 60598',
    price: 'Engangskjøp per bolig.',
    universalDesign: 'Ingen betjening nødvendig.',
  },
  {
    name: 'Komfyrvakt Glør',
    category: 'smarthus-og-miljostyring',
    short: 'Komfyrvakt som slår av komfyren ved fare for brann.',
    description:
      'Glør overvåker temperaturen over komfyren og slår av strømmen før det oppstår brann. Hendelser kan varsles til responssenteret, og kommunen får oversikt over hvor ofte vakten slår til.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'scaip'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'Norge',
    standards: 'EN 50615',
    price: 'Engangskjøp med montering.',
    universalDesign: 'Tydelig lys- og lydsignal før komfyren slås av.',
  },
  {
    name: 'Klimavenn Inneklima',
    category: 'smarthus-og-miljostyring',
    short: 'Sensorer for temperatur, fukt og luftkvalitet hos sårbare brukere.',
    description:
      'Klimavenn varsler hjemmetjenesten når det blir for kaldt eller for varmt i boligen, for eksempel ved strømbrudd om vinteren eller hetebølge om sommeren.',
    users: HOME,
    care: ['home_care', 'sheltered_housing'],
    integrations: ['welfare_tech_hub', 'open_api'],
    mdr: 'none',
    ce: 1,
    use: 'home',
    storage: 'EØS (Sverige)',
    standards: null,
    price: 'Månedsleie per bolig.',
    universalDesign: null,
  },
  // Integrasjon og plattform
  {
    name: 'Knutepunkt Velferdsintegrasjon',
    category: 'integrasjon-og-plattform',
    short: 'Kobler velferdsteknologi til journalsystem og nasjonalt knutepunkt.',
    description:
      'Knutepunkt henter hendelser fra sensorer, alarmer og medisindispensere og sender dem videre til kommunens journalsystem og det nasjonale velferdsteknologiske knutepunktet. Kommunen får ett sted å administrere brukere, utstyr og tilganger.',
    users: 'IKT-avdelinger og fagsystemansvarlige i kommuner.',
    care: ['home_care', 'nursing_home', 'sheltered_housing'],
    integrations: ['hl7_fhir', 'welfare_tech_hub', 'epj', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'Norge',
    standards: 'HL7 FHIR R4, ISO/IEC 27001',
    price: 'Årlig lisens etter innbyggertall.',
    universalDesign: 'Administrasjonsgrensesnittet er testet mot WCAG 2.1 AA.',
  },
  {
    name: 'Alarmbro Mottaksplattform',
    category: 'integrasjon-og-plattform',
    short: 'Mottak og ruting av alarmer fra mange leverandører til riktig responssenter.',
    description:
      'Alarmbro tar imot alarmer over SCAIP og andre protokoller og ruter dem til riktig responssenter etter tid på døgnet og brukerens tiltaksplan. Kommunen kan bytte alarmleverandør uten å bytte mottak.',
    users: 'Responssentre og kommunenes IKT-drift.',
    care: ['home_care', 'sheltered_housing'],
    integrations: ['scaip', 'welfare_tech_hub', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'Norge',
    standards: 'SCAIP, ISO/IEC 27001',
    price: 'Pris per tilkoblet alarm per måned.',
    universalDesign: null,
  },
  {
    name: 'Samspill Integrasjonsmotor',
    category: 'integrasjon-og-plattform',
    short: 'Standardbasert integrasjon mellom velferdsteknologi og fagsystemer.',
    description:
      'Samspill oversetter mellom leverandørenes egne formater og HL7 FHIR, slik at nye produkter kan kobles til eksisterende fagsystemer uten egne tilpasninger i hver kommune.',
    users: 'IKT-avdelinger i kommuner og leverandører.',
    care: ['home_care', 'nursing_home'],
    integrations: ['hl7_fhir', 'epj', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'EØS (Nederland)',
    standards: 'HL7 FHIR R4',
    price: 'Årlig lisens per integrasjon.',
    universalDesign: null,
  },
  {
    name: 'Datavev Velferdsplattform',
    category: 'integrasjon-og-plattform',
    short: 'Felles plattform for drift av velferdsteknologi i interkommunale samarbeid.',
    description:
      'Datavev gir interkommunale samarbeid én plattform for utstyrsregister, brukeroppfølging og statistikk. Hver kommune ser bare sine egne brukere, mens driften kan deles.',
    users: 'Interkommunale samarbeid om velferdsteknologi.',
    care: ['home_care', 'nursing_home', 'sheltered_housing'],
    integrations: ['hl7_fhir', 'welfare_tech_hub', 'epj', 'open_api'],
    mdr: 'none',
    ce: 0,
    use: 'professional',
    storage: 'Norge',
    standards: 'HL7 FHIR R4, ISO/IEC 27001',
    price: 'Årlig lisens per samarbeid, fordelt etter innbyggertall.',
    universalDesign: 'Testet mot WCAG 2.1 AA.',
  },
]

type Scenario =
  | 'approved'
  | 'approved_expiring'
  | 'approved_after_changes'
  | 'provisional_then_approved'
  | 'approved_v2_submitted'
  | 'approved_v2_in_review'
  | 'approved_v2_draft'
  | 'approved_v2_changes_requested'
  | 'provisional'
  | 'draft'
  | 'submitted'
  | 'in_review'
  | 'changes_requested'
  | 'rejected'
  | 'withdrawn'
  | 'expired'

// Four products per category, in the order above; every category has at least one approved product.
const scenarios: Scenario[] = [
  'approved',
  'approved_v2_submitted',
  'provisional',
  'draft',
  'approved',
  'in_review',
  'approved_expiring',
  'rejected',
  'approved',
  'provisional',
  'submitted',
  'withdrawn',
  'approved',
  'approved_v2_in_review',
  'changes_requested',
  'expired',
  'approved_after_changes',
  'provisional',
  'submitted',
  'draft',
  'approved',
  'approved_v2_draft',
  'in_review',
  'rejected',
  'approved',
  'approved_v2_submitted',
  'changes_requested',
  'submitted',
  'approved',
  'provisional_then_approved',
  'in_review',
  'draft',
  'approved',
  'approved_expiring',
  'approved_v2_changes_requested',
  'withdrawn',
  'approved',
  'approved_v2_submitted',
  'provisional',
  'approved_after_changes',
]

const firstLabels = ['1.0', '2.1', '3.0', '4.2', '1.5']
const nextLabel = (label: string) => `${Number(label.split('.')[0]) + 1}.0`
const newVersionNotes = [
  'Ny app for pårørende, støtte for HL7 FHIR R4 og bedre batteritid.',
  'Nytt brukergrensesnitt for personalet og varsling via det nasjonale velferdsteknologiske knutepunktet.',
  'Ny maskinvaregenerasjon med 4G og forbedret rekkevidde innendørs.',
  'Flytting av drift til nytt datasenter i Norge og ny tilgangsstyring.',
]

const withdrawalRationales = [
  'Godkjenningen trekkes tilbake fordi leverandøren ikke har utbedret en alvorlig sikkerhetssvakhet innen fristen som ble gitt.',
  'Godkjenningen trekkes tilbake fordi produktet er tatt ut av markedet og ikke lenger får sikkerhetsoppdateringer.',
]

const dossierTexts: Record<DossierSectionKind, { heading: string; body: string }> = {
  security_documentation: {
    heading: 'Risikovurdering og informasjonssikkerhet',
    body: 'ROS-analyse oppdatert i år, med tiltak for tilgangsstyring, kryptering i transitt og ved lagring, logging og hendelseshåndtering. Løsningen følger Normen, og ekstern penetrasjonstest er gjennomført uten kritiske funn.',
  },
  test_reports: {
    heading: 'Testrapporter',
    body: 'Integrasjonstest mot journalsystem og velferdsteknologisk knutepunkt gjennomført i testmiljø med syntetiske data. Brukertest med åtte brukere og seks ansatte; funn og utbedringer er beskrevet i vedlegget.',
  },
  customer_references: {
    heading: 'Kundereferanser',
    body: 'Løsningen er i drift i tre kommuner (fiktive referanser i demodata). Kontaktpersoner oppgis på forespørsel fra koordinator.',
  },
  prices_offered: {
    heading: 'Priser gitt i anskaffelser',
    body: 'Tilbudt månedspris i siste konkurranse: 289 kroner per enhet eksklusive merverdiavgift, med etableringskostnad 45 000 kroner per kommune.',
  },
  other: { heading: 'Annet', body: 'Leverandøren deltar i nasjonalt brukerforum for velferdsteknologi.' },
}

export async function seedRegisterDemo(
  db: Kysely<DB>,
  opts: { supplierOrganisationIds: number[]; coordinatorUserId: number; now?: Date },
): Promise<void> {
  if (opts.supplierOrganisationIds.length === 0)
    throw new Error('seedRegisterDemo needs at least one supplier organisation')
  const existing = await db.selectFrom('product').select('id').limit(1).executeTakeFirst()
  if (existing) return

  const today = osloDate(opts.now ?? new Date())
  const categories = new Map(
    (await db.selectFrom('category').select(['id', 'slug']).execute()).map((c) => [c.slug, c.id] as const),
  )
  const criteria: CriterionDefinition[] = (
    await db
      .selectFrom('assessment_criterion')
      .select(['code', 'mandatory', 'not_applicable_allowed'])
      .orderBy('sort_order')
      .execute()
  ).map((c) => ({ code: c.code, mandatory: c.mandatory === 1, notApplicableAllowed: c.not_applicable_allowed === 1 }))

  await db.transaction().execute(async (trx) => {
    for (const [i, p] of products.entries()) {
      const scenario = scenarios[i]!
      const daysAgo = (n: number) => addDays(today, -n)
      // A fixed time of day per product, so timestamps differ and order deterministically.
      const at = (date: string) =>
        `${date}T${String(7 + (i % 9)).padStart(2, '0')}:${String((i * 7) % 60).padStart(2, '0')}:00.000Z`
      const categoryId = categories.get(p.category)
      if (!categoryId) throw new Error(`unknown category ${p.category}`)

      const start = startDaysAgo(scenario, i)
      const { id: productId } = await trx
        .insertInto('product')
        .values({
          supplier_organisation_id: opts.supplierOrganisationIds[i % opts.supplierOrganisationIds.length]!,
          name: p.name,
          category_id: categoryId,
          short_description: p.short,
          description: p.description,
          intended_users: p.users,
          website: `https://www.example.com/demo/${slugify(p.name)}`,
          ce_marked: p.ce,
          intended_use: p.use,
          mdr_class: p.mdr,
          data_storage_location: p.storage,
          dpia_template_available: i % 4 === 3 ? 0 : 1,
          dpa_available: i % 6 === 5 ? 0 : 1,
          universal_design: p.universalDesign,
          price_model: p.price,
          standards: p.standards,
          created_at: at(daysAgo(start)),
          updated_at: at(daysAgo(Math.max(1, start - 10))),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (p.care.length)
        await trx
          .insertInto('product_care_setting')
          .values(p.care.map((code) => ({ product_id: productId, code })))
          .execute()
      if (p.integrations.length) {
        await trx
          .insertInto('product_integration')
          .values(p.integrations.map((code) => ({ product_id: productId, code })))
          .execute()
      }

      const addVersion = async (label: string, notes: string, createdOn: string) => {
        const { id } = await trx
          .insertInto('product_version')
          .values({
            product_id: productId,
            version_label: label,
            release_notes: notes,
            created_at: at(createdOn),
            updated_at: at(createdOn),
            // Every demo version rests on the product's facts (docs/domain.md, "Approval facts").
            ce_marked: p.ce,
            intended_use: p.use,
            mdr_class: p.mdr,
            data_storage_location: p.storage,
            dpia_template_available: i % 4 === 3 ? 0 : 1,
            dpa_available: i % 6 === 5 ? 0 : 1,
            universal_design: p.universalDesign,
            standards: p.standards,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        if (p.integrations.length)
          await trx
            .insertInto('version_integration')
            .values(p.integrations.map((code) => ({ version_id: id, code })))
            .execute()
        return id
      }
      const setState = async (versionId: number, state: VersionState, on: string, submitted?: boolean) => {
        await trx
          .updateTable('product_version')
          .set({ state, updated_at: at(on), ...(submitted ? { submitted_at: at(on) } : {}) })
          .where('id', '=', versionId)
          .execute()
      }
      const decide = async (versionId: number, label: string, outcome: AssessmentOutcome, on: string, variant = 0) => {
        const results = criterionResults(p, outcome, variant)
        const validUntilWanted = outcome === 'provisionally_approved' ? addMonths(on, 9 + (i % 4)) : null
        const rationale = rationaleFor(p.name, label, outcome, variant)
        const checked = validateDecision({ outcome, rationale, validUntil: validUntilWanted, results }, criteria, on)
        if (!checked.ok)
          throw new Error(`demo decision for ${p.name} breaks the rules: ${checked.code} ${checked.fields ?? ''}`)
        const { id } = await trx
          .insertInto('version_decision')
          .values({
            version_id: versionId,
            coordinator_user_id: opts.coordinatorUserId,
            decided_at: at(on),
            outcome,
            rationale,
            valid_until: checked.value.validUntil,
            criteria_version_id: 1,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx
          .insertInto('decision_criterion_result')
          .values(
            results.map((r) => ({
              decision_id: id,
              criterion_code: r.criterionCode,
              result: r.result,
              comment: r.comment ?? null,
            })),
          )
          .execute()
        await setState(versionId, outcome, on)
      }
      const approvedV1 = async (decidedDaysAgo: number) => {
        const label = firstLabels[i % firstLabels.length]!
        const v = await addVersion(
          label,
          'Første versjon vurdert for det nasjonale registeret.',
          daysAgo(decidedDaysAgo + 60),
        )
        await setState(v, 'submitted', daysAgo(decidedDaysAgo + 30), true)
        await setState(v, 'in_review', daysAgo(decidedDaysAgo + 20))
        await decide(v, label, 'approved', daysAgo(decidedDaysAgo))
        return { v, label }
      }
      const label = firstLabels[i % firstLabels.length]!
      const notes = 'Versjon sendt inn for vurdering til det nasjonale registeret.'

      let latest: number
      switch (scenario) {
        case 'approved': {
          latest = (await approvedV1(start - 60)).v
          break
        }
        case 'approved_expiring': {
          // Decided three years ago less a few weeks: the approval ends within the 60-day warning window.
          const decidedOn = addDays(addYears(today, -3), 20 + (i % 3) * 10)
          latest = await addVersion(label, notes, addDays(decidedOn, -60))
          await setState(latest, 'submitted', addDays(decidedOn, -30), true)
          await setState(latest, 'in_review', addDays(decidedOn, -20))
          await decide(latest, label, 'approved', decidedOn)
          break
        }
        case 'expired': {
          const decidedOn = addDays(addYears(today, -3), -45)
          latest = await addVersion(label, notes, addDays(decidedOn, -60))
          await setState(latest, 'submitted', addDays(decidedOn, -30), true)
          await setState(latest, 'in_review', addDays(decidedOn, -20))
          await decide(latest, label, 'approved', decidedOn)
          await setState(latest, 'expired', addDays(decidedOn, 3 * 365 + 2))
          break
        }
        case 'approved_after_changes': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(start - 30), true)
          await setState(latest, 'in_review', daysAgo(start - 40))
          await decide(latest, label, 'changes_requested', daysAgo(start - 50), i)
          await setState(latest, 'submitted', daysAgo(start - 100), true)
          await setState(latest, 'in_review', daysAgo(start - 110))
          await decide(latest, label, 'approved', daysAgo(start - 130))
          break
        }
        case 'provisional_then_approved': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(start - 20), true)
          await setState(latest, 'in_review', daysAgo(start - 30))
          await decide(latest, label, 'provisionally_approved', daysAgo(start - 70))
          await decide(latest, label, 'approved', daysAgo(25))
          break
        }
        case 'approved_v2_submitted':
        case 'approved_v2_in_review':
        case 'approved_v2_draft':
        case 'approved_v2_changes_requested': {
          const v1 = await approvedV1(start - 60)
          latest = await addVersion(nextLabel(v1.label), newVersionNotes[i % newVersionNotes.length]!, daysAgo(40))
          if (scenario !== 'approved_v2_draft') await setState(latest, 'submitted', daysAgo(12 + (i % 5)), true)
          if (scenario === 'approved_v2_in_review' || scenario === 'approved_v2_changes_requested')
            await setState(latest, 'in_review', daysAgo(8))
          if (scenario === 'approved_v2_changes_requested')
            await decide(latest, nextLabel(v1.label), 'changes_requested', daysAgo(4), i)
          break
        }
        case 'provisional': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(start - 20), true)
          await setState(latest, 'in_review', daysAgo(start - 30))
          await decide(latest, label, 'provisionally_approved', daysAgo(start - 45))
          break
        }
        case 'draft': {
          latest = await addVersion(label, 'Utkast under arbeid.', daysAgo(start))
          break
        }
        case 'submitted': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(2 + (i % 15)), true)
          break
        }
        case 'in_review': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(20 + (i % 20)), true)
          await setState(latest, 'in_review', daysAgo(10))
          break
        }
        case 'changes_requested': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(45), true)
          await setState(latest, 'in_review', daysAgo(30))
          await decide(latest, label, 'changes_requested', daysAgo(15), i)
          break
        }
        case 'rejected': {
          latest = await addVersion(label, notes, daysAgo(start))
          await setState(latest, 'submitted', daysAgo(120), true)
          await setState(latest, 'in_review', daysAgo(100))
          await decide(latest, label, 'rejected', daysAgo(80))
          break
        }
        case 'withdrawn': {
          const v1 = await approvedV1(600)
          latest = v1.v
          const on = daysAgo(30 + i)
          await trx
            .insertInto('version_decision')
            .values({
              version_id: latest,
              coordinator_user_id: opts.coordinatorUserId,
              decided_at: at(on),
              outcome: 'withdrawn',
              rationale: withdrawalRationales[i % withdrawalRationales.length]!,
              valid_until: null,
            })
            .execute()
          await setState(latest, 'withdrawn', on)
          break
        }
      }

      // Confidential dossier for most latest versions (never shown outside the supplier and coordinators).
      const kinds: DossierSectionKind[] =
        i % 4 === 0
          ? ['security_documentation', 'test_reports', 'customer_references', 'prices_offered']
          : i % 3 !== 2
            ? ['security_documentation', 'test_reports']
            : []
      if (kinds.length) {
        await trx
          .insertInto('dossier_section')
          .values(
            kinds.map((kind) => ({
              version_id: latest,
              kind,
              ...dossierTexts[kind],
              created_at: at(daysAgo(start)),
              updated_at: at(daysAgo(start)),
            })),
          )
          .execute()
      }
    }
  })
  // The products are written through SQL: index them as the models would (app/models/search-index.server.ts).
  await db.transaction().execute((trx) => rebuildSearchIndex(trx))
}

/** Fictional web addresses under example.com (reserved for examples), never a real company's site. */
function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'o')
    .replace(/å/g, 'a')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
}

/** How many days before today the product's history starts. */
function startDaysAgo(scenario: Scenario, i: number): number {
  switch (scenario) {
    case 'approved':
      return 200 + ((i * 37) % 640)
    case 'approved_after_changes':
      return 320
    case 'provisional_then_approved':
      return 420
    case 'approved_v2_submitted':
    case 'approved_v2_in_review':
    case 'approved_v2_draft':
    case 'approved_v2_changes_requested':
      return 420 + i * 5
    case 'provisional':
      return 80 + i * 2
    case 'draft':
      return 5 + (i % 10)
    case 'submitted':
      return 40
    case 'in_review':
      return 60
    case 'changes_requested':
      return 70
    case 'rejected':
      return 150
    case 'withdrawn':
      return 660
    case 'approved_expiring':
    case 'expired':
      return 3 * 365 + 120
  }
}

function criterionResults(p: SeedProduct, outcome: AssessmentOutcome, variant: number): CriterionResultInput[] {
  const met = (criterionCode: string, comment: string): CriterionResultInput => ({
    criterionCode,
    result: 'met',
    comment,
  })
  const notMet = (criterionCode: string, comment: string): CriterionResultInput => ({
    criterionCode,
    result: 'not_met',
    comment,
  })
  const base: CriterionResultInput[] = [
    met('interoperability', 'Grensesnittene er dokumentert og verifisert mot kommunalt fagsystem i testmiljø.'),
    met(
      'information_security',
      'ROS-analyse, tilgangsstyring og hendelseshåndtering er dokumentert i tråd med Normen.',
    ),
    met('privacy', 'Databehandleravtale og mal for DPIA foreligger; lagringssted er beskrevet.'),
    met('documented_benefit', 'Gevinstrapport fra to kommuner med nullpunktsmåling og beskrevet metode.'),
    p.mdr === 'none'
      ? { criterionCode: 'ce_mdr_conformity', result: 'not_applicable', comment: 'Produktet er ikke medisinsk utstyr.' }
      : met('ce_mdr_conformity', `CE-merket som medisinsk utstyr i klasse ${p.mdr}; samsvarserklæring foreligger.`),
    p.universalDesign
      ? met('universal_design', 'Brukergrensesnittet er testet mot WCAG 2.1 AA.')
      : {
          criterionCode: 'universal_design',
          result: 'not_applicable',
          comment: 'Produktet har ikke eget brukergrensesnitt for innbyggere.',
        },
  ]
  const replace = (list: CriterionResultInput[], r: CriterionResultInput) =>
    list.map((x) => (x.criterionCode === r.criterionCode ? r : x))
  switch (outcome) {
    case 'approved':
      return base
    case 'provisionally_approved':
      return replace(
        base,
        notMet('documented_benefit', 'Pilot pågår; gevinstrapport med nullpunktsmåling er ikke levert ennå.'),
      )
    case 'changes_requested':
      return variant % 2 === 0
        ? replace(
            base,
            notMet(
              'information_security',
              'Mangler dokumentert penetrasjonstest og rutine for varsling av sikkerhetsbrudd.',
            ),
          )
        : replace(base, notMet('privacy', 'Underleverandør utenfor EØS er ikke omtalt i databehandleravtalen.'))
    case 'rejected':
      return replace(
        replace(
          base,
          notMet(
            'interoperability',
            'Ingen dokumentert integrasjon mot journalsystem eller velferdsteknologisk knutepunkt; bare proprietært grensesnitt.',
          ),
        ),
        notMet('documented_benefit', 'Ingen målte gevinster fra bruk i norske kommuner.'),
      )
  }
}

function rationaleFor(name: string, label: string, outcome: AssessmentOutcome, variant: number): string {
  switch (outcome) {
    case 'approved':
      return `${name} versjon ${label} oppfyller alle obligatoriske kriterier for teknisk samhandling, informasjonssikkerhet, personvern og dokumentert gevinst. Godkjenningen gjelder i tre år, og versjonen må vurderes på nytt før den utløper.`
    case 'provisionally_approved':
      return `${name} versjon ${label} oppfyller kravene til samhandling, informasjonssikkerhet og personvern. Dokumentert gevinst mangler fortsatt, og versjonen godkjennes foreløpig mens gevinstene fra pågående pilot dokumenteres.`
    case 'changes_requested':
      return variant % 2 === 0
        ? `${name} versjon ${label} kan ikke godkjennes slik den foreligger. Leverandøren bes levere penetrasjonstest og rutine for varsling av sikkerhetsbrudd, og sende versjonen inn på nytt.`
        : `${name} versjon ${label} kan ikke godkjennes slik den foreligger. Databehandleravtalen må omtale alle underleverandører og hvor de behandler data, før versjonen sendes inn på nytt.`
    case 'rejected':
      return `${name} versjon ${label} avslås. Løsningen mangler dokumentert samhandling med kommunale fagsystemer, og det foreligger ikke målte gevinster fra norske kommuner.`
  }
}
