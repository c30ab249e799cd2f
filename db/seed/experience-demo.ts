import type { Kysely } from 'kysely'
import { addDays, addMonths, osloDate } from '../../app/domain/dates'
import {
  RATING_DIMENSIONS,
  ratingColumn,
  type DataExported,
  type EndingReason,
  type PhaseCode,
  type ProcedureCode,
  type RatingColumn,
  type Recommendation,
} from '../../app/domain/procurement-rules'
import { refreshAllPublicAggregates } from '../../app/models/experience-aggregates.server'
import { refreshFollowUpDueFrom } from '../../app/models/follow-up-due.server'
import type { CareSettingCode, DB } from '../schema'
import { demoAccounts, demoSuppliers } from './demo-accounts'

// Fictional demo data for procurements and experience: about 200 procurements led by and shared among more than 80
// real municipalities (from the reference data), all on the fictional demo suppliers' products, with experience
// reports over time, ended contracts with switching data, supplier replies and flags (open and decided).
// Deterministic: a seeded PRNG and dates relative to `now` (fixed by default), so the same call gives the same rows.
//
// Scripted parts the demo relies on:
// - Larvik (3909) leads procurements that are due for follow-up, one that is not, one in planning, and takes part in
//   a joint procurement led by Sandefjord; it has a draft report of its own.
// - Bergen (4601) leads a joint procurement and one whose contract ended with a supplier switch.
// - Kristiansand (4204) leads a large joint medication-support procurement for 15 Agder municipalities.
// - One approved product has published experience from a single municipality only, below the three-municipality
//   threshold for public aggregates; every other product used gets its reports spread over many municipalities.

export const DEFAULT_EXPERIENCE_SEED_NOW = new Date('2026-11-23T09:00:00.000Z')
const TARGET_PROCUREMENTS = 200
const NO_LOGIN = '!demo-no-login'

type Rng = () => number
function mulberry32(seed: number): Rng {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const firstNames = [
  'Anne',
  'Kari',
  'Ingrid',
  'Marit',
  'Liv',
  'Hilde',
  'Silje',
  'Ida',
  'Nora',
  'Sigrid',
  'Ole',
  'Per',
  'Jan',
  'Knut',
  'Bjørn',
  'Arne',
  'Eirik',
  'Håkon',
  'Magnus',
  'Sindre',
  'Tone',
  'Randi',
  'Solveig',
  'Gunnar',
  'Trond',
  'Aslak',
]
const lastNames = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersen',
  'Pedersen',
  'Nilsen',
  'Kristiansen',
  'Jensen',
  'Karlsen',
  'Berg',
  'Haugen',
  'Hagen',
  'Eriksen',
  'Bakken',
  'Solberg',
  'Strand',
  'Lie',
  'Dahl',
  'Moen',
  'Lund',
  'Aas',
  'Sara',
]

const workedWell = {
  good: [
    'Færre unødige besøk og bedre ro for brukerne om natten.',
    'Leverandøren fulgte opp tett i oppstarten og løste feil raskt.',
    'Integrasjonen mot fagsystemet fungerte fra første dag.',
    'De ansatte tok løsningen i bruk raskere enn vi hadde planlagt.',
    'Pårørende opplever større trygghet og ringer sjeldnere bekymret.',
    'Opplæringsmateriellet var godt og kunne brukes av våre egne superbrukere.',
  ],
  mixed: [
    'Selve utstyret er stabilt, og brukerne er fornøyde.',
    'Vi fikk frigjort noe tid i hjemmetjenesten, men mindre enn forventet.',
    'Brukerstøtten svarer raskt på dagtid.',
    'Løsningen passer godt for brukere som bor alene.',
  ],
  poor: [
    'Brukerne som fikk utstyret, ble godt ivaretatt av hjemmetjenesten.',
    'Vi lærte mye om hva vi må stille krav om i neste anskaffelse.',
  ],
}
const wasHard = {
  good: [
    'Det tok tid å få på plass rutiner for hvem som følger opp varsler.',
    'Vikarer og nyansatte trenger opplæring gjentatte ganger.',
    'Logistikken med utlevering og innhenting av utstyr var undervurdert.',
  ],
  mixed: [
    'For mange falske alarmer de første månedene.',
    'Integrasjonen mot journalsystemet krevde flere runder med leverandøren.',
    'Batteribytte og lading ble en ekstra oppgave for personalet.',
    'Dekningen var dårlig i deler av kommunen.',
  ],
  poor: [
    'Leveransen kom flere måneder for sent, og avtalt funksjonalitet manglet.',
    'Ustabil drift med gjentatte utfall uten varsel fra leverandøren.',
    'Brukerstøtten var vanskelig å nå utenom kontortid.',
  ],
}
const adviceTexts = [
  'Gjør en nullpunktsmåling før oppstart, ellers er gevinstene vanskelige å dokumentere.',
  'Sett av tid til opplæring, også for natt- og helgepersonell.',
  'Avklar ansvar for mottak av varsler før utstyret tas i bruk.',
  'Still krav om dataeksport i standardformat ved avtalens slutt.',
  'Start med en avgrenset pilot og skaler når rutinene sitter.',
  'Involver pårørende tidlig; de er ofte de beste ambassadørene.',
  'Be om referanser fra kommuner på samme størrelse som deres egen.',
]
const replyTexts = [
  'Takk for en grundig tilbakemelding. Vi har siden lansert en ny versjon som retter feilene dere beskriver, og tar gjerne et oppfølgingsmøte.',
  'Vi beklager forsinkelsen i leveransen. Årsaken var mangel på komponenter; vi har nå lager i Norge og leverer innen fire uker.',
  'Takk for gode ord. Opplæringsmodulene dere etterlyser for vikarer er nå tilgjengelige uten ekstra kostnad.',
  'Vi er uenige i beskrivelsen av brukerstøtten: avtalen gjelder dagtid, men vi tilbyr utvidet åpningstid som tilvalg.',
  'Falske alarmer skyldtes en innstilling som er endret i alle kommuner. Ta kontakt om dere fortsatt opplever dette.',
]
const internalNotesTexts = [
  'Internt: budsjett for utvidelse må avklares med kommunalsjef før opsjon utløses.',
  'Internt: tillitsvalgte skal involveres før endringer i nattbemanningen.',
  'Internt: vurder å si opp avtalen hvis oppetiden ikke bedres innen neste kvartal.',
]
const endingDetails: Record<EndingReason, string> = {
  contract_expired: 'Avtalen løp ut, og vi gjennomførte ny konkurranse med oppdaterte krav.',
  terminated_by_municipality: 'Vi sa opp avtalen etter gjentatte avvik fra avtalt oppetid.',
  terminated_by_supplier: 'Leverandøren sa opp avtalen for denne produktlinjen.',
  switched_supplier: 'Vi byttet leverandør i ny konkurranse; overgangen tok fire måneder.',
  product_discontinued: 'Produktet ble tatt ut av markedet og fikk ikke lenger sikkerhetsoppdateringer.',
  needs_changed: 'Behovet endret seg etter omorganisering av hjemmetjenesten.',
  other: 'Avtalen ble avsluttet etter felles vurdering med leverandøren.',
}
const titleByCategory: Record<string, string> = {
  trygghetsalarm: 'Trygghetsalarmer og responssenter',
  'digitalt-tilsyn': 'Digitalt tilsyn i hjemmetjenesten',
  'fall-og-hendelsesvarsling': 'Fall- og hendelsesvarsling',
  lokaliseringsteknologi: 'GPS for personer med demens',
  medisineringsstotte: 'Elektronisk medisineringsstøtte',
  'digital-hjemmeoppfolging': 'Digital hjemmeoppfølging',
  'dorlaser-og-nokkelhandtering': 'Elektroniske dørlåser',
  'kommunikasjon-og-sosial-kontakt': 'Kommunikasjon og sosial kontakt',
  'smarthus-og-miljostyring': 'Smarthusløsninger',
  'integrasjon-og-plattform': 'Integrasjonsplattform for velferdsteknologi',
}
const needByCategory: Record<string, string> = {
  trygghetsalarm: 'Analoge trygghetsalarmer fases ut, og kommunen trenger digitale alarmer med mottak i responssenter.',
  'digitalt-tilsyn': 'Nattlige tilsynsbesøk forstyrrer søvnen til brukerne og binder opp nattpersonell.',
  'fall-og-hendelsesvarsling':
    'Fall oppdages for sent hos hjemmeboende, og mange blir liggende lenge før hjelp kommer.',
  lokaliseringsteknologi: 'Personer med demens ønsker å bevege seg fritt ute, og pårørende trenger trygghet.',
  medisineringsstotte: 'Hjemmebesøk kun for medisinutdeling tar mye tid, og feilmedisinering forekommer.',
  'digital-hjemmeoppfolging': 'Kronisk syke har mange innleggelser som kunne vært unngått med tettere oppfølging.',
  'dorlaser-og-nokkelhandtering':
    'Fysiske nøkler til brukernes hjem er tidkrevende å håndtere og et sikkerhetsproblem.',
  'kommunikasjon-og-sosial-kontakt': 'Ensomhet blant hjemmeboende eldre, særlig i spredtbygde strøk.',
  'smarthus-og-miljostyring': 'Brukere i omsorgsboliger trenger tilpasset lys, komfyrvakt og styring av boligen.',
  'integrasjon-og-plattform': 'Varsler fra ulike løsninger må samles og kobles mot journalsystemet.',
}
const replacesByCategory: Record<string, string> = {
  trygghetsalarm: 'Analoge trygghetsalarmer over fasttelefon.',
  'digitalt-tilsyn': 'Fysiske tilsyn hver natt.',
  'fall-og-hendelsesvarsling': 'Trygghetsalarm som brukeren selv må utløse.',
  lokaliseringsteknologi: 'Avtaler med pårørende og lete-aksjoner.',
  medisineringsstotte: 'Dosetter og hjemmebesøk for utdeling.',
  'digital-hjemmeoppfolging': 'Faste hjemmebesøk og telefonoppfølging.',
  'dorlaser-og-nokkelhandtering': 'Nøkkelskap og fysiske nøkler.',
  'kommunikasjon-og-sosial-kontakt': 'Besøkstjeneste og telefon.',
  'smarthus-og-miljostyring': 'Manuell styring og tilsyn.',
  'integrasjon-og-plattform': 'Separate mottak per løsning og manuell dokumentasjon.',
}

type SeedProduct = {
  id: number
  name: string
  supplierOrganisationId: number
  category: string
  care: CareSettingCode[]
  approved: boolean
  /** Baseline quality the ratings scatter around (deterministic per product). */
  quality: number
}

type Participation = {
  municipality: string
  role: 'lead' | 'participant'
  phase: PhaseCode
  goLive: string | null
  users: number | null
  units: number | null
  sites: number | null
  notes: string | null
  /** Months after go-live with a published report; a negative entry marks the contract's end report. */
  reportsAt: number[]
  endDate: string | null
  draft?: boolean
}

type PlannedProcurement = {
  lead: string
  product: SeedProduct
  procedure: ProcedureCode
  created: string
  contractStart: string | null
  contractEnd: string | null
  value: number | null
  publicTerms: boolean
  openForJoining: boolean
  internalNotes: string | null
  accessory: boolean
  participants: Participation[]
  title?: string
}

export async function seedExperienceDemo(db: Kysely<DB>, opts: { now?: Date } = {}): Promise<void> {
  const existing = await db.selectFrom('procurement').select('id').limit(1).executeTakeFirst()
  if (existing) return
  const now = opts.now ?? DEFAULT_EXPERIENCE_SEED_NOW
  const today = osloDate(now)
  const rng = mulberry32(20261123)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rng() * list.length)]!
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1))
  const chance = (p: number) => rng() < p
  const nowIso = now.toISOString()
  // Timestamps on a date; never later than `now` (a flag raised "today" must not carry an afternoon time at 09:00).
  const at = (date: string, hour = 9) => {
    const stamp = `${date}T${String(hour).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}:00.000Z`
    return stamp > nowIso ? nowIso : stamp
  }
  const notAfterToday = (date: string) => (date > today ? today : date)

  // ---- Products of the fictional demo suppliers that have been on the public register.
  const supplierOrgs = await db
    .selectFrom('organisation')
    .select(['id', 'org_number'])
    .where(
      'org_number',
      'in',
      demoSuppliers.map((s) => s.orgNumber),
    )
    .orderBy('org_number')
    .execute()
  if (supplierOrgs.length === 0) throw new Error('seedExperienceDemo needs the demo suppliers (db/seed/demo.ts)')
  const productRows = await db
    .selectFrom('product as p')
    .innerJoin('category as c', 'c.id', 'p.category_id')
    .select(['p.id', 'p.name', 'p.supplier_organisation_id', 'c.slug'])
    .where(
      'p.supplier_organisation_id',
      'in',
      supplierOrgs.map((s) => s.id),
    )
    .orderBy('p.id')
    .execute()
  const versions = await db
    .selectFrom('product_version as v')
    .innerJoin('version_decision as d', (j) => j.onRef('d.version_id', '=', 'v.id').onRef('d.outcome', '=', 'v.state'))
    .select(['v.product_id', 'v.state', 'd.valid_until'])
    .where('v.product_id', 'in', productRows.length ? productRows.map((p) => p.id) : [-1])
    .where('v.state', 'in', ['approved', 'provisionally_approved', 'withdrawn', 'expired'])
    .execute()
  const care = await db
    .selectFrom('product_care_setting')
    .select(['product_id', 'code'])
    .where('product_id', 'in', productRows.length ? productRows.map((p) => p.id) : [-1])
    .orderBy('code')
    .execute()
  const products: SeedProduct[] = productRows.flatMap((p) => {
    const own = versions.filter((v) => v.product_id === p.id)
    if (own.length === 0) return []
    const approved = own.some(
      (v) => (v.state === 'approved' || v.state === 'provisionally_approved') && (v.valid_until ?? '') >= today,
    )
    return [
      {
        id: p.id,
        name: p.name,
        supplierOrganisationId: p.supplier_organisation_id,
        category: p.slug,
        care: care.filter((c) => c.product_id === p.id).map((c) => c.code),
        approved,
        quality: 0,
      },
    ]
  })
  for (const p of products) p.quality = 2.4 + rng() * 2.2
  const approvedProducts = products.filter((p) => p.approved)
  if (approvedProducts.length < 2)
    throw new Error('seedExperienceDemo needs the register demo (db/seed/register-demo.ts)')
  // One approved product stays below the public aggregate threshold.
  const fewProduct = approvedProducts.at(-1)!
  const mainProducts = approvedProducts.filter((p) => p !== fewProduct)
  const formerProducts = products.filter((p) => !p.approved)
  const productIn = (category: string) => mainProducts.filter((p) => p.category === category)

  // ---- Municipalities: a deterministic mix of sizes and counties.
  const allMunicipalities = await db
    .selectFrom('municipality')
    .select(['number', 'name', 'county_number', 'population'])
    .orderBy('number')
    .execute()
  const orgs = await db
    .selectFrom('organisation')
    .select(['id', 'municipality_number', 'status'])
    .where('kind', '=', 'municipality')
    .execute()
  const unusable = new Set(orgs.filter((o) => o.status !== 'verified').map((o) => o.municipality_number))
  const usable = allMunicipalities.filter((m) => !unusable.has(m.number))
  const byNumber = new Map(allMunicipalities.map((m) => [m.number, m]))
  const selected = new Set<string>(['3909', '4601', '3907', '4204'].filter((n) => !unusable.has(n)))
  for (const m of [...usable].sort((a, b) => b.population - a.population).slice(0, 14)) selected.add(m.number)
  const counties = [...new Set(usable.map((m) => m.county_number))].sort()
  for (const county of counties) {
    const inCounty = usable.filter((m) => m.county_number === county && !selected.has(m.number))
    for (let i = 0; i < 3 && inCounty.length; i++)
      selected.add(inCounty.splice(Math.floor(rng() * inCounty.length), 1)[0]!.number)
  }
  const rest = usable.filter((m) => !selected.has(m.number))
  while (selected.size < 100 && rest.length) selected.add(rest.splice(Math.floor(rng() * rest.length), 1)[0]!.number)
  const agder = usable
    .filter((m) => m.county_number === '42' && m.number !== '4204')
    .slice(0, 14)
    .map((m) => m.number)
  for (const n of agder) selected.add(n)
  const municipalities = [...selected].sort()

  // ---- Planning.
  const deployment = (number: string) => {
    const pop = byNumber.get(number)!.population
    const users = Math.max(5, Math.round(pop * (0.002 + rng() * 0.006)))
    return {
      users,
      units: Math.max(users, Math.round(users * (1 + rng() * 0.4))),
      sites: Math.max(1, Math.round(Math.log10(pop) * 1.5 - 3 + rng() * 3)),
    }
  }
  const reportSchedule = (phase: PhaseCode, goLive: string | null): number[] => {
    if (!goLive) return []
    const monthsLive = Math.floor((Date.parse(today) - Date.parse(goLive)) / (30.44 * 86_400_000))
    const checkpoints = [3, 6, 12, 24, 36].filter((m) => m <= monthsLive)
    if (phase === 'implementation') return checkpoints.slice(0, 1)
    if (phase === 'pilot') return checkpoints.filter(() => chance(0.75)).slice(0, 2)
    // In operation: most report at the checkpoints; some stop, which makes them due for follow-up.
    return checkpoints.filter((_, i) => i < 2 || chance(0.7))
  }
  const participation = (
    number: string,
    role: 'lead' | 'participant',
    phase: PhaseCode,
    goLive: string | null,
    endDate: string | null = null,
  ): Participation => {
    const d = deployment(number)
    const live = phase === 'planning' || phase === 'tendering' ? null : goLive
    return {
      municipality: number,
      role,
      phase,
      goLive: live && live <= today ? live : phase === 'implementation' ? live : null,
      users: live ? d.users : null,
      units: live ? d.units : null,
      sites: live ? d.sites : null,
      notes: role === 'participant' && chance(0.1) ? 'Internt: egen avtale om opplæring med leverandøren.' : null,
      reportsAt: phase === 'ended' ? [] : reportSchedule(phase, live && live <= today ? live : null),
      endDate,
    }
  }
  const procedures: ProcedureCode[] = [
    'open_tender',
    'open_tender',
    'open_tender',
    'competition_with_negotiation',
    'competition_with_negotiation',
    'framework_call_off',
    'framework_call_off',
    'restricted_tender',
    'innovation_partnership',
    'innovation_contract',
    'direct_award',
    'dynamic_purchasing_system',
    'below_threshold',
    'below_threshold',
  ]
  const plan = (
    lead: string,
    product: SeedProduct,
    phase: PhaseCode,
    extra: Partial<PlannedProcurement> & { goLive?: string | null; others?: string[] } = {},
  ): PlannedProcurement => {
    let goLive: string | null = extra.goLive !== undefined ? extra.goLive : null
    let endDate: string | null = null
    if (extra.goLive === undefined) {
      if (phase === 'pilot') goLive = addDays(today, -int(30, 420))
      else if (phase === 'implementation') goLive = addDays(today, int(-40, 90))
      else if (phase === 'in_operation') goLive = addDays(today, -int(200, 1500))
      else if (phase === 'ended') goLive = addDays(today, -int(1000, 2100))
    }
    if (phase === 'ended') endDate = addDays(goLive!, int(420, 900))
    const contractStart = goLive ? addDays(goLive, -int(45, 150)) : null
    const years = int(2, 4)
    const contractEnd =
      phase === 'ended' ? endDate : contractStart ? addDays(addMonths(contractStart, years * 12), -1) : null
    const created = addDays(contractStart ?? today, -int(contractStart ? 60 : 5, contractStart ? 240 : 150))
    const d = deployment(lead)
    const participants = [participation(lead, 'lead', phase, goLive, endDate)]
    for (const other of extra.others ?? []) {
      // Participants follow the lead, some a few months behind.
      const lag = int(0, 150)
      const theirGoLive = goLive ? addDays(goLive, lag) : null
      let theirPhase: PhaseCode = phase
      if (theirGoLive && theirGoLive > today && (phase === 'pilot' || phase === 'in_operation'))
        theirPhase = 'implementation'
      else if (phase === 'in_operation' && chance(0.2)) theirPhase = 'pilot'
      participants.push(
        participation(other, 'participant', theirPhase, theirGoLive, phase === 'ended' ? endDate : null),
      )
    }
    return {
      lead,
      product,
      procedure: extra.procedure ?? pick(procedures),
      created,
      contractStart: phase === 'planning' || phase === 'tendering' ? null : contractStart,
      contractEnd: phase === 'planning' || phase === 'tendering' ? null : contractEnd,
      value:
        phase === 'planning' || phase === 'tendering'
          ? null
          : Math.round((d.users * int(4_000, 18_000) * years + int(50, 400) * 1000) / 10_000) * 10_000,
      publicTerms: extra.publicTerms ?? chance(0.3),
      openForJoining: extra.openForJoining ?? chance(0.15),
      internalNotes:
        extra.internalNotes !== undefined ? extra.internalNotes : chance(0.2) ? pick(internalNotesTexts) : null,
      accessory: chance(0.06),
      participants,
      title: extra.title,
    }
  }

  const planned: PlannedProcurement[] = []
  const medication = productIn('medisineringsstotte')[0] ?? mainProducts[0]!
  const supervision = productIn('digitalt-tilsyn')[0] ?? mainProducts[1 % mainProducts.length]!
  const alarm = productIn('trygghetsalarm')[0] ?? mainProducts[2 % mainProducts.length]!
  const gps = productIn('lokaliseringsteknologi')[0] ?? mainProducts[3 % mainProducts.length]!
  const locks = productIn('dorlaser-og-nokkelhandtering')[0] ?? mainProducts[4 % mainProducts.length]!

  // Larvik: two due for follow-up (a report 8 months ago; a pilot live 7 months without a report), one up to date,
  // one in planning, a participation in Sandefjord's joint procurement and a draft.
  if (!unusable.has('3909')) {
    const dueOperation = plan('3909', supervision, 'in_operation', {
      goLive: addMonths(today, -20),
      internalNotes: internalNotesTexts[0]!,
    })
    dueOperation.participants[0]!.reportsAt = [6, 12]
    dueOperation.participants[0]!.draft = true
    const duePilot = plan('3909', gps, 'pilot', {
      goLive: addMonths(today, -7),
      title: 'Pilot: GPS for personer med demens',
    })
    duePilot.participants[0]!.reportsAt = []
    const upToDate = plan('3909', alarm, 'in_operation', { goLive: addMonths(today, -14), publicTerms: true })
    upToDate.participants[0]!.reportsAt = [6, 12]
    const planning = plan('3909', locks, 'planning', { openForJoining: true })
    planned.push(dueOperation, duePilot, upToDate, planning)
    if (!unusable.has('3907')) {
      planned.push(
        plan('3907', medication, 'in_operation', {
          goLive: addMonths(today, -16),
          others: [
            '3909',
            ...municipalities.filter((n) => n.startsWith('39') && !['3907', '3909'].includes(n)).slice(0, 2),
          ],
        }),
      )
    }
  }
  // Bergen: a joint procurement, and a contract that ended with a supplier switch.
  if (!unusable.has('4601')) {
    planned.push(
      plan('4601', supervision, 'in_operation', {
        others: municipalities.filter((n) => n.startsWith('46') && n !== '4601').slice(0, 4),
      }),
    )
    const ended = plan('4601', formerProducts[0] ?? alarm, 'ended')
    planned.push(ended)
  }
  // Kristiansand leads medication support for 15 Agder municipalities.
  if (!unusable.has('4204'))
    planned.push(
      plan('4204', medication, 'in_operation', {
        others: agder,
        procedure: 'competition_with_negotiation',
        publicTerms: true,
      }),
    )
  // The product below the threshold: one municipality with experience, one still planning.
  planned.push(plan(municipalities[5]!, fewProduct, 'pilot', { goLive: addMonths(today, -5) }))
  planned[planned.length - 1]!.participants[0]!.reportsAt = [3]
  planned.push(plan(municipalities[9]!, fewProduct, 'planning'))

  // The rest: every selected municipality leads at least one; larger municipalities lead more; all phases.
  const phaseWeights: Array<[PhaseCode, number]> = [
    ['planning', 1],
    ['tendering', 1],
    ['pilot', 2],
    ['implementation', 1.5],
    ['in_operation', 4],
    ['ended', 1.5],
  ]
  const totalWeight = phaseWeights.reduce((a, [, w]) => a + w, 0)
  const pickPhase = (): PhaseCode => {
    let r = rng() * totalWeight
    for (const [phase, w] of phaseWeights) if ((r -= w) < 0) return phase
    return 'in_operation'
  }
  const leaders = [...municipalities]
  const weighted = municipalities.flatMap((n) =>
    Array.from({ length: Math.max(1, Math.round(Math.log10(byNumber.get(n)!.population) - 2.5)) }, () => n),
  )
  while (planned.length < TARGET_PROCUREMENTS) {
    const lead = leaders.length ? leaders.shift()! : pick(weighted)
    const phase = pickPhase()
    const product =
      phase === 'ended' && formerProducts.length && chance(0.4) ? pick(formerProducts) : pick(mainProducts)
    const county = byNumber.get(lead)!.county_number
    const neighbours = municipalities.filter((n) => n !== lead && byNumber.get(n)!.county_number === county)
    const others = chance(0.18) ? neighbours.filter(() => chance(0.5)).slice(0, int(1, 6)) : []
    planned.push(plan(lead, product, phase, { others }))
  }

  // ---- Writing.
  await db.transaction().execute(async (trx) => {
    const orgIds = new Map<string, number>()
    for (const o of await trx
      .selectFrom('organisation')
      .select(['id', 'municipality_number'])
      .where('kind', '=', 'municipality')
      .where('status', '=', 'verified')
      .execute()) {
      if (o.municipality_number) orgIds.set(o.municipality_number, o.id)
    }
    const involved = [...new Set(planned.flatMap((p) => p.participants.map((x) => x.municipality)))].sort()
    const missingOrgs = involved.filter((n) => !orgIds.has(n))
    if (missingOrgs.length) {
      const rows = await trx
        .insertInto('organisation')
        .values(
          missingOrgs.map((n) => ({
            kind: 'municipality' as const,
            name: `${byNumber.get(n)!.name} kommune`,
            municipality_number: n,
            status: 'verified' as const,
            decided_at: at(addDays(today, -900)),
          })),
        )
        .returning(['id', 'municipality_number'])
        .execute()
      for (const r of rows) orgIds.set(r.municipality_number!, r.id)
    }

    // Authors: the demo buyer accounts where they exist, otherwise a fictional author who cannot sign in.
    const authorIds = new Map<string, number>()
    for (const a of demoAccounts.filter((x) => x.role === 'buyer')) {
      const u = await trx
        .selectFrom('user')
        .select('id')
        .where('email', '=', a.email)
        .where('status', '=', 'verified')
        .executeTakeFirst()
      if (u) authorIds.set(a.org, u.id)
    }
    const newAuthors = involved.filter((n) => !authorIds.has(n))
    if (newAuthors.length) {
      const rows = await trx
        .insertInto('user')
        .values(
          newAuthors.map((n) => ({
            organisation_id: orgIds.get(n)!,
            email: `forfatter.${n}@demo.erfaringsbanken.no`,
            name: `${pick(firstNames)} ${pick(lastNames)}`,
            password_hash: NO_LOGIN,
            role: 'buyer' as const,
            status: 'verified' as const,
            decided_at: at(addDays(today, -800)),
          })),
        )
        .returning(['id', 'email'])
        .execute()
      for (const r of rows) authorIds.set(r.email.slice('forfatter.'.length, 'forfatter.'.length + 4), r.id)
    }

    // A replying member per supplier: a verified member, or a fictional customer-service account.
    const replierIds = new Map<number, number>()
    for (const s of supplierOrgs) {
      const member = await trx
        .selectFrom('user')
        .select('id')
        .where('organisation_id', '=', s.id)
        .where('status', '=', 'verified')
        .orderBy('id')
        .executeTakeFirst()
      replierIds.set(
        s.id,
        member?.id ??
          (
            await trx
              .insertInto('user')
              .values({
                organisation_id: s.id,
                email: `kundeservice.${s.org_number}@demo.erfaringsbanken.no`,
                name: `${pick(firstNames)} ${pick(lastNames)}`,
                password_hash: NO_LOGIN,
                role: 'supplier',
                status: 'verified',
                decided_at: at(addDays(today, -800)),
              })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
      )
    }
    const moderator = await trx
      .selectFrom('user')
      .select('id')
      .where('role', 'in', ['coordinator', 'admin'])
      .where('status', '=', 'verified')
      .orderBy('role', 'desc')
      .orderBy('id')
      .executeTakeFirst()

    const published: Array<{
      id: number
      supplierId: number
      publishedOn: string
      authorId: number
      productId: number
    }> = []
    for (const p of planned) {
      const supplierName = demoSuppliers.find(
        (s) => s.orgNumber === supplierOrgs.find((o) => o.id === p.product.supplierOrganisationId)?.org_number,
      )?.name
      const year = Number(p.created.slice(0, 4))
      const { id } = await trx
        .insertInto('procurement')
        .values({
          lead_municipality_number: p.lead,
          title:
            p.title ??
            `${titleByCategory[p.product.category] ?? 'Velferdsteknologi'} ${p.participants.length > 1 ? '(felles anskaffelse)' : ''}`.trim(),
          need: needByCategory[p.product.category] ?? 'Kommunen trenger velferdsteknologi som avlaster tjenestene.',
          replaces_practice: replacesByCategory[p.product.category] ?? null,
          // Before the contract is awarded the product is a candidate and no supplier is contracted yet.
          supplier_organisation_id: p.contractStart ? p.product.supplierOrganisationId : null,
          supplier_name: null,
          procedure: p.procedure,
          doffin_reference: ['direct_award', 'below_threshold'].includes(p.procedure)
            ? null
            : `${year}-${String(100_000 + int(0, 899_999))}`,
          contract_value_nok: p.value,
          price_terms: p.value
            ? `Månedspris per enhet ${int(150, 450)} kr eks. mva; etablering ${int(20, 90)} 000 kr.`
            : null,
          contract_start: p.contractStart,
          contract_end: p.contractEnd,
          commercial_terms_visibility: p.publicTerms ? 'public' : 'municipalities',
          open_for_joining: p.openForJoining ? 1 : 0,
          internal_notes: p.internalNotes,
          created_by: authorIds.get(p.lead)!,
          created_at: at(p.created, 8),
          updated_at: at(notAfterToday(addDays(p.created, int(1, 30))), 10),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await trx
        .insertInto('procurement_product')
        .values([
          { procurement_id: id, product_id: p.product.id, product_name: null },
          // Named when not listed: an accessory from the same fictional supplier.
          ...(p.accessory && supplierName
            ? [{ procurement_id: id, product_id: null, product_name: `Tilbehørspakke fra ${supplierName}` }]
            : []),
        ])
        .execute()
      const settings = p.product.care.length ? p.product.care : (['home_care'] as CareSettingCode[])
      await trx
        .insertInto('procurement_care_setting')
        .values(settings.map((code) => ({ procurement_id: id, code })))
        .execute()
      await trx
        .insertInto('procurement_participant')
        .values(
          p.participants.map((x) => ({
            procurement_id: id,
            municipality_number: x.municipality,
            role: x.role,
            users_count: x.users,
            units_count: x.units,
            sites_count: x.sites,
            go_live_date: x.goLive,
            phase: x.phase,
            internal_notes: x.notes,
            // The demo's participations were agreed: every municipality has accepted (docs/domain.md, consent).
            status: 'accepted' as const,
            responded_at: at(p.created, 8),
            created_at: at(p.created, 8),
            updated_at: at(p.created, 8),
          })),
        )
        .execute()

      // Experience reports over time.
      for (const x of p.participants) {
        const authorId = authorIds.get(x.municipality)!
        const dates: Array<{ date: string; ended: boolean }> = x.goLive
          ? x.reportsAt.map((m) => ({ date: addMonths(x.goLive!, m), ended: false })).filter((r) => r.date <= today)
          : []
        if (x.phase === 'ended' && x.goLive) {
          const end = x.endDate ?? addMonths(x.goLive, 24)
          for (const m of [6, 12])
            if (addMonths(x.goLive, m) < end) dates.push({ date: addMonths(x.goLive, m), ended: false })
          dates.push({ date: end <= today ? end : today, ended: true })
        }
        for (const [i, r] of dates.entries()) {
          const drift = (i - 1) * (rng() - 0.4) * 0.4
          const base = p.product.quality + drift + (rng() - 0.5) * 1.6
          const rating = (offset = 0) => Math.min(5, Math.max(1, Math.round(base + offset + (rng() - 0.5) * 1.4)))
          const overall = rating()
          const tone = overall >= 4 ? 'good' : overall === 3 ? 'mixed' : 'poor'
          const recommendation: Recommendation =
            overall >= 4
              ? chance(0.85)
                ? 'yes'
                : 'with_reservations'
              : overall === 3
                ? 'with_reservations'
                : chance(0.7)
                  ? 'no'
                  : 'with_reservations'
          const endingReason: EndingReason | null = r.ended
            ? p.product.approved
              ? pick(['contract_expired', 'switched_supplier', 'terminated_by_municipality', 'needs_changed'] as const)
              : pick(['product_discontinued', 'switched_supplier', 'terminated_by_supplier'] as const)
            : null
          const ratings = {} as Record<RatingColumn, number | null>
          for (const d of RATING_DIMENSIONS) {
            // Not every municipality rates integration or residents' satisfaction.
            const skipped = (d === 'integration' && chance(0.2)) || (d === 'resident_satisfaction' && chance(0.15))
            ratings[ratingColumn(d)] = skipped
              ? null
              : rating(d === 'value_for_money' ? -0.3 : d === 'supplier_cooperation' ? 0.2 : 0)
          }
          const isDraft = x.draft === true && i === dates.length - 1
          const reportDate = isDraft ? addDays(today, -3) : r.date
          const createdAt = at(reportDate, 11)
          const row = await trx
            .insertInto('experience_report')
            .values({
              procurement_id: id,
              // The report is about the procurement's register product.
              product_id: p.product.id,
              municipality_number: x.municipality,
              author_user_id: authorId,
              report_date: reportDate,
              status: isDraft ? 'draft' : 'published',
              ...ratings,
              rating_overall: overall,
              recommendation,
              worked_well: pick(workedWell[tone]),
              was_hard: pick(wasHard[tone]),
              advice: pick(adviceTexts),
              ended: r.ended ? 1 : 0,
              ending_reason: endingReason,
              ending_details: endingReason ? endingDetails[endingReason] : null,
              switching_cost_nok: r.ended ? Math.round(int(40, 1200) * 1000) : null,
              data_exported: r.ended ? pick(['yes', 'partly', 'partly', 'no'] as DataExported[]) : null,
              created_at: createdAt,
              updated_at: createdAt,
              published_at: isDraft ? null : at(reportDate, 14),
            })
            .returning('id')
            .executeTakeFirstOrThrow()
          if (!isDraft)
            published.push({
              id: row.id,
              supplierId: p.product.supplierOrganisationId,
              publishedOn: reportDate,
              authorId,
              productId: p.product.id,
            })
        }
      }
    }

    // Replies from the supplier to about one in five published reports.
    const replies: Array<{ id: number; reportId: number }> = []
    for (const r of published) {
      if (!chance(0.2)) continue
      const on = addDays(r.publishedOn, int(2, 40))
      if (on > today) continue
      const edited = chance(0.3)
      const row = await trx
        .insertInto('supplier_reply')
        .values({
          experience_report_id: r.id,
          supplier_organisation_id: r.supplierId,
          author_user_id: replierIds.get(r.supplierId)!,
          body: pick(replyTexts),
          created_at: at(on, 13),
          updated_at: edited && addDays(on, 3) <= today ? at(addDays(on, 3), 15) : at(on, 13),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      replies.push({ id: row.id, reportId: r.id })
    }

    // Flags: some open in the coordinators' queue, some kept, a few hidden (never on the product below the threshold).
    const flaggable = published.filter((r) => r.productId !== fewProduct.id)
    const flagger = (exclude: number) =>
      [...authorIds.values()].find((u) => u !== exclude && chance(0.5)) ??
      [...authorIds.values()].find((u) => u !== exclude)!
    const flagReasons = [
      'Rapporten omtaler en navngitt ansatt hos leverandøren.',
      'Påstanden om manglende leveranse stemmer ikke med avtalen.',
      'Inneholder opplysninger som kan identifisere en bruker.',
      'Teksten er usaklig og bør omformuleres.',
    ]
    const flagged = new Set<number>()
    const nextTarget = () => {
      for (let tries = 0; tries < 1000; tries++) {
        const r = pick(flaggable)
        if (!flagged.has(r.id)) {
          flagged.add(r.id)
          return r
        }
      }
      return undefined
    }
    const plans: Array<'open' | 'kept' | 'hidden'> = ['open', 'open', 'open', 'open', 'kept', 'kept', 'kept', 'hidden']
    for (const [i, outcome] of plans.entries()) {
      const target = nextTarget()
      if (!target) break
      const decided = outcome !== 'open' && moderator
      const flaggedOn = notAfterToday(addDays(target.publishedOn, int(1, 20)))
      const decidedOn = notAfterToday(addDays(flaggedOn, 2))
      const decision =
        outcome === 'hidden'
          ? 'Skjult fordi rapporten identifiserer en enkeltperson.'
          : 'Beholdt: rapporten er saklig og i tråd med retningslinjene.'
      const flaggers =
        i === 0 ? [flagger(target.authorId), replierIds.get(target.supplierId)!] : [flagger(target.authorId)]
      for (const [k, by] of [...new Set(flaggers)].entries()) {
        await trx
          .insertInto('content_flag')
          .values({
            target_type: 'experience',
            target_id: target.id,
            flagged_by: by,
            reason: flagReasons[(i + k) % flagReasons.length]!,
            created_at: at(flaggedOn, 12 + k),
            status: decided ? outcome : 'open',
            decided_by: decided ? moderator.id : null,
            decided_at: decided ? at(decidedOn, 10) : null,
            decision_reason: decided ? decision : null,
          })
          .execute()
      }
      if (decided && outcome === 'hidden') {
        await trx
          .updateTable('experience_report')
          .set({ hidden: 1, hidden_at: at(decidedOn, 10), hidden_reason: decision })
          .where('id', '=', target.id)
          .execute()
      }
    }
    // A reply flagged by a municipality: one hidden, one open.
    for (const [i, reply] of replies.slice(0, 2).entries()) {
      const report = published.find((r) => r.id === reply.reportId)!
      const decided = i === 0 && moderator
      const reason = 'Svaret inneholder markedsføring og opplysninger om en bruker.'
      await trx
        .insertInto('content_flag')
        .values({
          target_type: 'reply',
          target_id: reply.id,
          flagged_by: report.authorId,
          reason,
          created_at: at(today, 8),
          status: decided ? 'hidden' : 'open',
          decided_by: decided ? moderator.id : null,
          decided_at: decided ? at(today, 9) : null,
          decision_reason: decided ? 'Skjult: svaret omtaler en bruker.' : null,
        })
        .execute()
      if (decided) {
        await trx
          .updateTable('supplier_reply')
          .set({ hidden: 1, hidden_at: at(today, 9), hidden_reason: 'Skjult: svaret omtaler en bruker.' })
          .where('id', '=', reply.id)
          .execute()
      }
    }
    // The public figures as they stand now: the first published step of every product with reports from at least
    // three municipalities (docs/decisions/010-public-aggregate-steps.md).
    await refreshAllPublicAggregates(trx, nowIso)
    // The rows above are written directly: each participation's stored follow-up date, as the app's writes keep it.
    await refreshFollowUpDueFrom(trx, 'all')
  })
}
