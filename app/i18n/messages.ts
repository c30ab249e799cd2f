import { accounts } from './areas/accounts'
import { benefitRecords } from './areas/benefit-records'
import { benefitOverview } from './areas/benefit-overview'
import { audit } from './areas/audit'
import { accountSecurity } from './areas/account-security'
import { common } from './areas/common'
import { criteria } from './areas/criteria'
import { experience } from './areas/experience'
import { insight } from './areas/insight'
import { mail } from './areas/mail'
import { moderation } from './areas/moderation'
import { opendata } from './areas/opendata'
import { procurement } from './areas/procurement'
import { register } from './areas/register'
import { supplier } from './areas/supplier'

// Add an area here when a feature brings its own messages.
const areas = [
  common,
  accounts,
  register,
  supplier,
  insight,
  experience,
  procurement,
  moderation,
  criteria,
  benefitRecords,
  benefitOverview,
  opendata,
  mail,
  audit,
  accountSecurity,
] as const

type Area = (typeof areas)[number]
type KeysOf<A> = A extends { nb: Record<infer K, string> } ? K : never
export type MessageKey = KeysOf<Area>
export type Messages = Record<MessageKey, string>

export const nb = Object.assign({}, ...areas.map((a) => a.nb)) as Messages
export const en = Object.assign({}, ...areas.map((a) => a.en)) as Messages
