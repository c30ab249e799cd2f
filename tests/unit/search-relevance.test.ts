import { beforeAll, describe, expect, it } from 'vitest'
import { searchRegister } from '../../app/models/register-search.server'
import { seedDemo } from '../helpers/parity'

// The register search's relevance test set (issue 13): queries people type, with the demo products each one should
// find, judged by reading the demo data (db/seed/register-demo.ts). Inflected forms, compounds, words typed without
// æ/ø/å and misspellings are included. A query is run as a visitor; the products it should find are those of the
// list a visitor may see (the public register). Precision and recall are summed over all queries and reported.

const DOOR_LOCKS = ['Nøkkelfri Dørlås Pro', 'Låsvenn Digital Nøkkel', 'Portvakt Nøkkelboks', 'Dørlås Åpen Omsorg']
const FHIR = [
  'Lyngvakt Responssenterplattform',
  'Nattero Digitalt Tilsyn',
  'Blikkfri Radartilsyn',
  'Dosevakt Medisindispenser',
  'Helsetråd Hjemmeoppfølging',
  'Måleveien Kronikerplattform',
  'Pulsbro Hjemmemåling',
  'Omsorgsbro Videokonsultasjon',
  'Knutepunkt Velferdsintegrasjon',
  'Samspill Integrasjonsmotor',
  'Datavev Velferdsplattform',
]
const SCAIP = [
  'Trygghetsalarm Fjordvakt 4G',
  'Lyngvakt Responssenterplattform',
  'Heimtrygg Mini Trygghetsalarm',
  'Varde Trygghetsalarm Ute',
  'Stillvakt Sensor',
  'Fallvern Radar',
  'Støtte Fallarmbånd',
  'Dørvarsel Hjem',
  'Følgesvenn GPS-klokke',
  'Sporlys Lokaliseringstjeneste',
  'Komfyrvakt Glør',
  'Alarmbro Mottaksplattform',
]
// Products that raise alarms: those that say so, and those that send alarms over SCAIP to a response centre.
const ALARMS = [...new Set([...SCAIP, 'Knutepunkt Velferdsintegrasjon'])]
const SOCIAL_ALARMS = [
  'Trygghetsalarm Fjordvakt 4G',
  'Lyngvakt Responssenterplattform',
  'Heimtrygg Mini Trygghetsalarm',
  'Varde Trygghetsalarm Ute',
]
const SENSORS = [
  'Trygghetsalarm Fjordvakt 4G',
  'Lyngvakt Responssenterplattform',
  'Heimtrygg Mini Trygghetsalarm',
  'Nattero Digitalt Tilsyn',
  'Stillvakt Sensor',
  'Blikkfri Radartilsyn',
  'Fallvern Radar',
  'Støtte Fallarmbånd',
  'Dørvarsel Hjem',
  'Heimstyr Smarthus',
  'Klimavenn Inneklima',
  'Knutepunkt Velferdsintegrasjon',
]
const LOCATION = ['Følgesvenn GPS-klokke', 'Sporlys Lokaliseringstjeneste', 'Turvenn GPS-brikke', 'Veiviser Trygg Sone']
const RESPONSE_CENTRES = [
  'Trygghetsalarm Fjordvakt 4G',
  'Lyngvakt Responssenterplattform',
  'Heimtrygg Mini Trygghetsalarm',
  'Varde Trygghetsalarm Ute',
  'Fallvern Radar',
  'Sporlys Lokaliseringstjeneste',
  'Komfyrvakt Glør',
  'Alarmbro Mottaksplattform',
]
const KEYS = [
  'Lyngvakt Responssenterplattform',
  'Nøkkelfri Dørlås Pro',
  'Låsvenn Digital Nøkkel',
  'Portvakt Nøkkelboks',
]
const ISO_13485 = [
  'Nattero Digitalt Tilsyn',
  'Ugla Kameratilsyn',
  'Blikkfri Radartilsyn',
  'Fallvern Radar',
  'Støtte Fallarmbånd',
  'Dosevakt Medisindispenser',
  'Medisinuret Hjem',
  'Husk Dosering',
  'Dosevenn Påminner',
  'Helsetråd Hjemmeoppfølging',
  'Pulsbro Hjemmemåling',
]
const ISO_27001 = [
  'Trygghetsalarm Fjordvakt 4G',
  'Lyngvakt Responssenterplattform',
  'Ugla Kameratilsyn',
  'Følgesvenn GPS-klokke',
  'Sporlys Lokaliseringstjeneste',
  'Dosevenn Påminner',
  'Måleveien Kronikerplattform',
  'Omsorgsbro Videokonsultasjon',
  'Nøkkelfri Dørlås Pro',
  'Låsvenn Digital Nøkkel',
  'Heimstyr Smarthus',
  'Knutepunkt Velferdsintegrasjon',
  'Alarmbro Mottaksplattform',
  'Datavev Velferdsplattform',
]
const HOME_FOLLOW_UP = [
  'Helsetråd Hjemmeoppfølging',
  'Måleveien Kronikerplattform',
  'Pulsbro Hjemmemåling',
  'Omsorgsbro Videokonsultasjon',
]
const SMART_HOME = ['Heimstyr Smarthus', 'Lysløype Nattlys', 'Komfyrvakt Glør', 'Klimavenn Inneklima']
// Products that name relatives among their users (many say «Hjemmeboende brukere, pårørende og hjemmetjenesten»).
const RELATIVES = [
  'Trygghetsalarm Fjordvakt 4G',
  'Heimtrygg Mini Trygghetsalarm',
  'Varde Trygghetsalarm Ute',
  'Stillvakt Sensor',
  'Støtte Fallarmbånd',
  'Dørvarsel Hjem',
  'Følgesvenn GPS-klokke',
  'Turvenn GPS-brikke',
  'Veiviser Trygg Sone',
  'Medisinuret Hjem',
  'Husk Dosering',
  'Dosevenn Påminner',
  'Omsorgsbro Videokonsultasjon',
  'Nøkkelfri Dørlås Pro',
  'Øyeblikk Nettbrett for eldre',
  'Nærvær Familieskjerm',
  'Lysløype Nattlys',
  'Komfyrvakt Glør',
  'Klimavenn Inneklima',
]
const DISPENSERS = ['Dosevakt Medisindispenser', 'Knutepunkt Velferdsintegrasjon']
const CLASS_IIA = [
  'Blikkfri Radartilsyn',
  'Dosevakt Medisindispenser',
  'Helsetråd Hjemmeoppfølging',
  'Måleveien Kronikerplattform',
  'Pulsbro Hjemmemåling',
]

export const RELEVANCE_SET: Array<[query: string, relevant: readonly string[]]> = [
  ['dørlås', DOOR_LOCKS],
  ['dorlas', DOOR_LOCKS],
  ['DØRLÅS', DOOR_LOCKS],
  ['dørlåsene', DOOR_LOCKS],
  ['FHIR', FHIR],
  ['hl7 fhir', FHIR],
  ['alarmer', ALARMS],
  ['alarm', ALARMS],
  ['trygghetsalarm', SOCIAL_ALARMS],
  ['trygghetsalarmer', SOCIAL_ALARMS],
  ['trygghetsalram', SOCIAL_ALARMS],
  ['sensorene', SENSORS],
  ['sensor', SENSORS],
  ['gps', LOCATION],
  ['lokalisering', LOCATION],
  ['responssentre', RESPONSE_CENTRES],
  ['responsentre', RESPONSE_CENTRES],
  ['nøkkel', KEYS],
  ['nokkel', KEYS],
  ['ISO 13485', ISO_13485],
  ['27001', ISO_27001],
  ['scaip', SCAIP],
  ['hjemmeoppfølging', HOME_FOLLOW_UP],
  ['hjemmeoppfolging', HOME_FOLLOW_UP],
  ['smarthus', SMART_HOME],
  ['pårørende', RELATIVES],
  ['parorende', RELATIVES],
  ['medisindispenser', DISPENSERS],
  ['medisindispensere', DISPENSERS],
  ['klasse IIa', CLASS_IIA],
  ['radar', ['Blikkfri Radartilsyn', 'Fallvern Radar']],
  ['kamera', ['Ugla Kameratilsyn', 'Blikkfri Radartilsyn']],
  ['nattilsyn', ['Nattero Digitalt Tilsyn']],
  ['komfyrvakt', ['Komfyrvakt Glør', 'Heimstyr Smarthus']],
  ['KNX', ['Heimstyr Smarthus']],
  ['blodtrykk', ['Helsetråd Hjemmeoppfølging']],
  ['frivillige', ['Praterommet Videosamtale', 'Kaffeprat Sosial App']],
]

let visible: Set<string>

beforeAll(async () => {
  await seedDemo()
  visible = new Set((await searchRegister(null, { pageSize: 50 })).items.map((p) => p.name))
})

describe('register search relevance (demo data)', () => {
  it('has at least 30 queries, each with products a visitor can find', () => {
    expect(RELEVANCE_SET.length).toBeGreaterThanOrEqual(30)
    for (const [query, relevant] of RELEVANCE_SET)
      expect(relevant.filter((p) => visible.has(p)).length, query).toBeGreaterThan(0)
  })

  it('finds what it should: recall ≥ 0.9 and precision ≥ 0.8 over the whole set', async () => {
    let found = 0
    let relevantTotal = 0
    let returned = 0
    const report: string[] = []
    for (const [query, relevantAll] of RELEVANCE_SET) {
      const relevant = new Set(relevantAll.filter((p) => visible.has(p)))
      const hits = (await searchRegister(null, { q: query, pageSize: 50 })).items.map((p) => p.name)
      const good = hits.filter((h) => relevant.has(h)).length
      found += good
      relevantTotal += relevant.size
      returned += hits.length
      const missed = [...relevant].filter((r) => !hits.includes(r))
      const extra = hits.filter((h) => !relevant.has(h))
      if (missed.length || extra.length)
        report.push(
          `  «${query}»: ${good}/${relevant.size} found; missed ${missed.join(', ') || '–'}; extra ${extra.join(', ') || '–'}`,
        )
    }
    const recall = found / relevantTotal
    const precision = found / returned
    console.log(
      `Search relevance: ${RELEVANCE_SET.length} queries, recall ${recall.toFixed(3)}, precision ${precision.toFixed(3)}\n${report.join('\n')}`,
    )
    expect(recall).toBeGreaterThanOrEqual(0.9)
    expect(precision).toBeGreaterThanOrEqual(0.8)
  })
})
