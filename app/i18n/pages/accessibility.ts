import type { Locale } from '~/i18n/index'
import type { LegalDocument } from './types'

export const accessibilityStatement: Record<Locale, LegalDocument> = {
  nb: {
    title: 'Tilgjengelighetserklæring',
    updated: 'Sist oppdatert 23. november 2026',
    intro:
      'Erfaringsbanken er en offentlig nettjeneste og skal oppfylle kravene til universell utforming i likestillings- og diskrimineringsloven og forskrift om universell utforming av IKT-løsninger. Målet er WCAG 2.1 nivå AA på alle sider.',
    sections: [
      {
        heading: 'Slik sjekker vi tjenesten',
        paragraphs: [
          'Hver side som besøkes i de automatiske nettlesertestene våre, kontrolleres mot WCAG 2.1 A og AA med verktøyet axe. En side som bryter et av disse kravene, stopper en endring før den publiseres.',
          'I tillegg prøver vi sidene med tastatur alene, med 200 prosent forstørrelse og med skjermleser før større endringer.',
        ],
        list: [
          'Alle skjemafelt har synlige ledetekster, og feilmeldinger forteller hva som må rettes.',
          'Sidene har overskrifter, landemerker (topp, hovedinnhold, bunn) og en lenke som hopper rett til hovedinnholdet.',
          'Farger og tekst har kontrast på minst 4,5:1.',
          'Alle skjemaer virker også uten JavaScript.',
          'Tjenesten finnes på bokmål og engelsk, og språket er merket i koden.',
        ],
      },
      {
        heading: 'Kjente begrensninger',
        paragraphs: [
          'Vedlegg som leverandører laster opp (PDF), lager leverandøren selv. Vi kan ikke garantere at de er universelt utformet. Spør leverandøren om en tilgjengelig versjon hvis du trenger det.',
          'Grafer i innsiktsdelen vises alltid sammen med tallene i tabellform, slik at innholdet ikke bare formidles visuelt.',
        ],
      },
      {
        heading: 'Gi oss beskjed',
        paragraphs: [
          'Opplever du noe som er vanskelig å bruke, vil vi vite det. Skriv til tilgjengelighet@erfaringsbanken.no og beskriv siden og hva som skjedde. Vi svarer innen ti virkedager.',
        ],
      },
      {
        heading: 'Klage',
        paragraphs: [
          'Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av ikt (Uutilsynet) i Digitaliseringsdirektoratet.',
        ],
      },
    ],
  },
  en: {
    title: 'Accessibility statement',
    updated: 'Last updated 23 November 2026',
    intro:
      'Erfaringsbanken is a public web service and must meet the universal design requirements of the Norwegian Equality and Anti-Discrimination Act and its regulation on universal design of ICT. Our target is WCAG 2.1 level AA on every page.',
    sections: [
      {
        heading: 'How we check the service',
        paragraphs: [
          'Every page visited by our automated browser tests is checked against WCAG 2.1 A and AA with the axe tool. A page that breaks one of these requirements stops a change before it is published.',
          'Before larger changes we also try the pages with the keyboard alone, at 200 per cent zoom and with a screen reader.',
        ],
        list: [
          'Every form field has a visible label, and error messages say what to correct.',
          'Pages have headings, landmarks (header, main content, footer) and a link that skips straight to the main content.',
          'Text and colours have a contrast of at least 4.5:1.',
          'Every form also works without JavaScript.',
          'The service is available in Norwegian (bokmål) and English, and the language is marked in the code.',
        ],
      },
      {
        heading: 'Known limitations',
        paragraphs: [
          'Attachments uploaded by suppliers (PDF) are made by the supplier. We cannot guarantee that they are accessible. Ask the supplier for an accessible version if you need one.',
          'Charts in the insight section are always shown together with their figures as a table, so that no content is conveyed visually only.',
        ],
      },
      {
        heading: 'Tell us',
        paragraphs: [
          'If something is hard to use, we want to know. Write to tilgjengelighet@erfaringsbanken.no and describe the page and what happened. We reply within ten working days.',
        ],
      },
      {
        heading: 'Complaints',
        paragraphs: [
          'If you get no answer, or are not satisfied with it, you can notify the Authority for Universal Design of ICT (Uutilsynet) at the Norwegian Digitalisation Agency.',
        ],
      },
    ],
  },
}
