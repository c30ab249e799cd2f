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
          'Økter slettes når de utløper (etter 30 minutter uten aktivitet, og senest etter 12 timer). Kontoopplysninger beholdes så lenge kontoen er aktiv. Revisjonsloggen beholdes i fem år fordi den dokumenterer beslutninger om godkjenning og moderering.',
        ],
      },
      {
        heading: 'Dine rettigheter',
        paragraphs: [
          'Du kan be om innsyn i, retting av og sletting av opplysninger om deg ved å skrive til personvern@erfaringsbanken.no. Mener du at vi behandler opplysningene dine i strid med regelverket, kan du klage til Datatilsynet.',
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
          'Sessions are deleted when they expire (after 30 minutes without activity, and after 12 hours at the latest). Account data is kept while the account is active. The audit log is kept for five years because it documents approval and moderation decisions.',
        ],
      },
      {
        heading: 'Your rights',
        paragraphs: [
          'You may ask for access to, correction of and deletion of data about you by writing to personvern@erfaringsbanken.no. If you believe we process your data unlawfully, you can complain to the Norwegian Data Protection Authority (Datatilsynet).',
        ],
      },
    ],
  },
}
