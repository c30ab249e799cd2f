import type { Locale } from '~/i18n/index'
import type { LegalDocument } from './types'

export const privacyStatement: Record<Locale, LegalDocument> = {
  nb: {
    title: 'Personvernerklæring',
    updated: 'Sist oppdatert 23. november 2026',
    intro:
      'Erfaringsbanken lagrer så lite personopplysninger som mulig. Tjenesten handler om kommuners kjøp og leverandørers produkter, ikke om innbyggere: det skal aldri registreres opplysninger om brukere av velferdsteknologien.',
    sections: [
      {
        heading: 'Behandlingsansvarlig',
        paragraphs: [
          'Behandlingsansvarlig for personopplysningene i Erfaringsbanken er {controller}. Spørsmål om personvern sendes til {contact}.',
        ],
      },
      {
        heading: 'Hva vi lagrer, og hvorfor',
        paragraphs: ['Besøkende som ikke logger inn, blir ikke registrert. For dem som har konto, lagrer vi:'],
        list: [
          'Navn, jobb-e-post, organisasjon (kommune eller leverandør) og rolle: for å vite hvem som skriver og hva hver enkelt har tilgang til.',
          'Passordet som en argon2id-hash, og eventuell hemmelighet for tofaktorinnlogging: for sikker innlogging. Vi kan ikke lese passordet ditt.',
          'Innloggingsøkter (en hash av øktnøkkelen, tidspunkter, nettleser og IP-adresse): slik at du kan se og avslutte aktive økter. Økter slettes når de utløper.',
          'En revisjonslogg over innlogginger, mislykkede innloggingsforsøk, endringer av passord og tofaktor, verifiseringer og moderering: for å avdekke misbruk og dokumentere beslutninger.',
          'Det du selv skriver: anskaffelser, erfaringer, gevinster, svar og flagg, med deg som forfatter.',
        ],
      },
      {
        heading: 'Rettslig grunnlag',
        paragraphs: ['Grunnlaget for hver slags opplysning (personvernforordningen, GDPR):'],
        list: [
          'Kontoopplysninger og det du selv skriver: artikkel 6 nr. 1 bokstav e, en oppgave i allmennhetens interesse (nasjonal deling av kommuners erfaringer med velferdsteknologi og vurdering av produkter).',
          'Passord-hash, tofaktorhemmelighet og innloggingsøkter: artikkel 6 nr. 1 bokstav e sammen med artikkel 32, plikten til å sikre behandlingen.',
          'Revisjonsloggen: artikkel 6 nr. 1 bokstav e og artikkel 5 nr. 2, plikten til å kunne dokumentere beslutninger og avdekke misbruk.',
          'Den nødvendige informasjonskapselen for innlogging: ekomloven § 3-15 tredje ledd (strengt nødvendig for en tjeneste du har bedt om); språkvalget er ingen personopplysning.',
        ],
      },
      {
        heading: 'Hvem som ser navnet ditt',
        paragraphs: [
          'Forfatteren av en erfaring vises med navn til verifiserte kommuneansatte og nasjonale koordinatorer. Leverandøren ser bare hvilken kommune erfaringen kommer fra. Besøkende og andre leverandører ser verken navn eller enkelterfaringer, bare samlede tall når minst tre kommuner har bidratt.',
        ],
      },
      {
        heading: 'Informasjonskapsler',
        paragraphs: [
          'Vi bruker to nødvendige informasjonskapsler: én for innloggingsøkten og én som husker valgt språk. Vi bruker ingen analyse- eller sporingsverktøy og ingen tredjeparts informasjonskapsler.',
        ],
      },
      {
        heading: 'Lagringstid',
        paragraphs: [
          'Økter slettes når de utløper (etter 30 minutter uten aktivitet, og senest etter 12 timer). Kontoopplysninger beholdes så lenge kontoen er aktiv. Revisjonsloggen beholdes i fem år fordi den dokumenterer beslutninger om godkjenning og moderering, og eldre oppføringer slettes automatisk. Utløpte økter slettes automatisk hver time.',
        ],
      },
      {
        heading: 'Dine rettigheter',
        paragraphs: [
          'Du kan laste ned opplysningene vi har om deg under Min konto (/konto). Du kan også be om innsyn i, retting av og sletting av opplysninger om deg ved å skrive til {contact}. Mener du at vi behandler opplysningene dine i strid med regelverket, kan du klage til Datatilsynet.',
        ],
      },
    ],
  },
  en: {
    title: 'Privacy statement',
    updated: 'Last updated 23 November 2026',
    intro:
      "Erfaringsbanken stores as little personal data as possible. The service is about municipalities' purchases and suppliers' products, not about residents: data about the people who use the welfare technology must never be recorded here.",
    sections: [
      {
        heading: 'Controller',
        paragraphs: [
          'The controller (behandlingsansvarlig) for the personal data in Erfaringsbanken is {controller}. Questions about privacy go to {contact}.',
        ],
      },
      {
        heading: 'What we store, and why',
        paragraphs: ['Visitors who do not sign in are not recorded. For account holders we store:'],
        list: [
          'Name, work e-mail, organisation (municipality or supplier) and role: to know who writes and what each person may access.',
          'The password as an argon2id hash, and any two-factor secret: for secure sign-in. We cannot read your password.',
          'Sign-in sessions (a hash of the session key, times, browser and IP address): so that you can see and end active sessions. Sessions are deleted when they expire.',
          'An audit log of sign-ins, failed sign-in attempts, password and two-factor changes, verifications and moderation: to detect misuse and document decisions.',
          'What you write yourself: procurements, experiences, benefits, replies and flags, with you as the author.',
        ],
      },
      {
        heading: 'Legal basis',
        paragraphs: ['The basis for each kind of data (the General Data Protection Regulation, GDPR):'],
        list: [
          'Account data and what you write yourself: Article 6(1)(e), a task carried out in the public interest (sharing municipalities’ experience with welfare technology nationally and assessing products).',
          'Password hash, two-factor secret and sign-in sessions: Article 6(1)(e) together with Article 32, the duty to keep the processing secure.',
          'The audit log: Article 6(1)(e) and Article 5(2), the duty to be able to document decisions and detect misuse.',
          'The necessary sign-in cookie: the Norwegian Electronic Communications Act § 3-15 (strictly necessary for a service you asked for); the language choice is not personal data.',
        ],
      },
      {
        heading: 'Who sees your name',
        paragraphs: [
          'The author of an experience report is shown by name to verified municipal employees and national coordinators. The supplier sees only which municipality it came from. Visitors and other suppliers see neither names nor individual reports, only aggregates once at least three municipalities have contributed.',
        ],
      },
      {
        heading: 'Cookies',
        paragraphs: [
          'We use two necessary cookies: one for the sign-in session and one that remembers your language. We use no analytics or tracking tools and no third-party cookies.',
        ],
      },
      {
        heading: 'How long we keep data',
        paragraphs: [
          'Sessions are deleted when they expire (after 30 minutes without activity, and after 12 hours at the latest). Account data is kept while the account is active. The audit log is kept for five years because it documents approval and moderation decisions, and older entries are deleted automatically. Expired sessions are deleted automatically every hour.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'You can download the data we hold about you under My account (/konto). You may also ask for access to, correction of and deletion of data about you by writing to {contact}. If you believe we process your data unlawfully, you can complain to the Norwegian Data Protection Authority (Datatilsynet).',
        ],
      },
    ],
  },
}
