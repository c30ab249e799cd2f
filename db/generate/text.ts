// Word banks for the generated data: bokmål, plausible, fictional. Products carry the words people search for
// (trygghetsalarm, dørlås, medisindispenser ...), so the register's searches hit realistic numbers of rows.

export const FIRST_NAMES = [
  'Anne', 'Inger', 'Kari', 'Marit', 'Ingrid', 'Liv', 'Eva', 'Berit', 'Astrid', 'Bjørg', 'Hilde', 'Anna', 'Solveig',
  'Marianne', 'Randi', 'Ida', 'Nina', 'Ragnhild', 'Elisabeth', 'Tone', 'Jan', 'Per', 'Bjørn', 'Ole', 'Lars', 'Kjell',
  'Knut', 'Svein', 'Hans', 'Geir', 'Tor', 'Morten', 'Terje', 'Odd', 'Erik', 'Martin', 'Andreas', 'Arne', 'Thomas',
  'Jon', 'Nils', 'Sigrid', 'Åse', 'Øystein', 'Håkon', 'Siri', 'Trond', 'Frode', 'Camilla', 'Maja',
]
export const LAST_NAMES = [
  'Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen', 'Jensen', 'Karlsen',
  'Johnsen', 'Pettersen', 'Eriksen', 'Berg', 'Haugen', 'Hagen', 'Johannessen', 'Andreassen', 'Jacobsen', 'Dahl',
  'Jørgensen', 'Halvorsen', 'Henriksen', 'Lund', 'Sørensen', 'Jakobsen', 'Moen', 'Gundersen', 'Iversen', 'Strand',
  'Solberg', 'Svendsen', 'Eide', 'Knutsen', 'Martinsen', 'Paulsen', 'Bakken', 'Kristoffersen', 'Mathisen', 'Lie',
  'Aas', 'Bøe', 'Næss', 'Ødegård', 'Rønning', 'Sæther', 'Haugland', 'Vik', 'Fjeld', 'Aune',
]

export const COMPANY_FIRST = [
  'Nord', 'Fjord', 'Vest', 'Øst', 'Sør', 'Lys', 'Trygg', 'Omsorg', 'Helse', 'Vel', 'Fri', 'Kyst', 'Fjell', 'Dal',
  'Bre', 'Elv', 'Skog', 'Mo', 'Vind', 'Havn', 'Tind', 'Bølge', 'Glimt', 'Varde', 'Nær', 'Hjem', 'Alv', 'Lunde',
]
export const COMPANY_SECOND = [
  'tek', 'sense', 'link', 'care', 'vakt', 'data', 'signal', 'trygg', 'omsorg', 'system', 'kom', 'varsling', 'medic',
  'logic', 'pulse', 'net', 'assist', 'hjelp', 'nett', 'sikring',
]
export const COMPANY_SUFFIX = ['AS', 'AS', 'AS', 'Velferdsteknologi AS', 'Helseteknologi AS', 'Omsorgsteknikk AS', 'Norge AS']

/** Per category slug: product nouns, the short description and the words a buyer searches for. */
export const CATEGORY_WORDS: Record<string, { nouns: string[]; description: string }> = {
  trygghetsalarm: {
    nouns: ['Trygghetsalarm', 'Mobil trygghetsalarm', 'Responssenter', 'Alarmknapp', 'Trygghetspakke'],
    description: 'Trygghetsalarm med toveis tale, tilkoblet responssenter døgnet rundt.',
  },
  'digitalt-tilsyn': {
    nouns: ['Digitalt tilsyn', 'Nattilsyn', 'Tilsynssensor', 'Kamera for tilsyn', 'Sengesensor'],
    description: 'Digitalt nattilsyn med sensor og kamera som varsler personalet ved behov.',
  },
  'fall-og-hendelsesvarsling': {
    nouns: ['Fallsensor', 'Fallalarm', 'Hendelsesvarsler', 'Bevegelsessensor', 'Døralarm'],
    description: 'Varsler fall og uvanlige hendelser automatisk til hjemmetjenesten.',
  },
  lokaliseringsteknologi: {
    nouns: ['GPS-klokke', 'GPS-sporer', 'Lokaliseringsbrikke', 'Trygghetsklokke', 'Posisjonsalarm'],
    description: 'GPS-lokalisering for personer med demens, med geogjerde og varsel til pårørende.',
  },
  medisineringsstotte: {
    nouns: ['Medisindispenser', 'Medisineringsstøtte', 'Legemiddelrobot', 'Dosettvarsler', 'Medisinpåminner'],
    description: 'Elektronisk medisindispenser som gir riktig dose til riktig tid og varsler ved glemt dose.',
  },
  'digital-hjemmeoppfolging': {
    nouns: ['Hjemmeoppfølging', 'Helsenettbrett', 'Målepakke', 'Avstandsoppfølging', 'Egenmålingsapp'],
    description: 'Digital hjemmeoppfølging med egenmålinger som følges opp fra oppfølgingssenteret.',
  },
  'dorlaser-og-nokkelhandtering': {
    nouns: ['Elektronisk dørlås', 'Dørlås', 'Nøkkelboks', 'Digital nøkkel', 'Dørlåsløsning'],
    description: 'Elektronisk dørlås og digital nøkkelhåndtering for hjemmetjenesten, uten fysiske nøkler.',
  },
  'kommunikasjon-og-sosial-kontakt': {
    nouns: ['Videosamtale', 'Nettbrett for eldre', 'Sosial skjerm', 'Kommunikasjonshjelp', 'Besøksvenn digital'],
    description: 'Enkel videosamtale og sosial kontakt med familie og tjenesten.',
  },
  'smarthus-og-miljostyring': {
    nouns: ['Smarthus', 'Miljøstyring', 'Komfyrvakt', 'Lysstyring', 'Smartsensor'],
    description: 'Smarthusløsning med komfyrvakt, lysstyring og miljøkontroll i boligen.',
  },
  'integrasjon-og-plattform': {
    nouns: ['Velferdsplattform', 'Integrasjonsplattform', 'Alarmmottak', 'Responsplattform', 'Datahub'],
    description: 'Plattform som samler alarmer og sensordata og integrerer med journalsystemet.',
  },
}
export const PRODUCT_SUFFIX = ['', '', ' Pro', ' Plus', ' 2', ' 3', ' Hjem', ' Go', ' Mini', ' X', ' Flex', ' One']

export const WORKED_WELL = [
  'Ansatte fikk god opplæring, og innbyggerne tok løsningen raskt i bruk.',
  'Færre unødvendige besøk om natten, og tryggere for brukerne.',
  'Leverandøren fulgte opp tett i innføringen.',
  'Integrasjonen mot journalsystemet fungerte fra første dag.',
  'Pårørende opplever økt trygghet.',
  'Stabil drift og få feilmeldinger etter de første ukene.',
]
export const WAS_HARD = [
  'Dekningen var dårlig i enkelte områder av kommunen.',
  'Det tok lang tid å få på plass rutiner i responssenteret.',
  'Batteritiden var kortere enn lovet.',
  'Integrasjonen krevde mer arbeid enn forventet.',
  'Noen brukere syntes utstyret var vanskelig å bruke.',
  'Uklare ansvarsforhold mellom kommunen og leverandøren.',
]
export const ADVICE = [
  'Sett av tid til opplæring og gevinstmåling fra start.',
  'Gjør en nullpunktsmåling før dere tar løsningen i bruk.',
  'Test dekningen i hele kommunen før kontrakten signeres.',
  'Involver ansatte og brukere tidlig.',
  'Avklar integrasjon og databehandleravtale før innføring.',
]
export const NEEDS = [
  'Behov for tryggere hjemmetjenester og færre unødvendige besøk.',
  'Flere eldre skal bo lenger hjemme, med samme antall ansatte.',
  'Erstatte analoge alarmer før nettet legges ned.',
  'Bedre medisineringsstøtte og færre avvik.',
  'Redusere kjøring i hjemmetjenesten.',
]
export const REPLY_BODIES = [
  'Takk for tilbakemeldingen. Vi har forbedret dekningen og fulgt opp med kommunen.',
  'Vi beklager problemene i innføringen og har satt inn flere ressurser på support.',
  'Takk! Vi er glade for at løsningen fungerer godt for dere.',
]
