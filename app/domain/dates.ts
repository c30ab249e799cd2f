// Calendar dates are 'YYYY-MM-DD' in Norwegian time; an approval is valid up to and including valid_until.
import { dateTimeFormat } from '~/i18n/intl-cache'

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value)
  if (!m) return false
  const month = Number(m[2])
  const day = Number(m[3])
  // Arithmetic, not a Date: list pages check thousands of dates per request.
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(m[1]), month)
}

/** Days in a month (1–12) of the Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Today's date in Norway: an approval ending "31 March" ends at midnight in Oslo, not in UTC. */
export function osloDate(at: Date): string {
  // en-CA formats as YYYY-MM-DD.
  return dateTimeFormat('en-CA', {
    timeZone: 'Europe/Oslo',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at)
}

/** Adds calendar months; the 31st or 29 February clamps to the last day of the target month. */
export function addMonths(date: string, months: number): string {
  const m = DATE.exec(date)
  if (!m) throw new RangeError(`not a date: ${date}`)
  const total = Number(m[1]) * 12 + (Number(m[2]) - 1) + months
  const year = Math.floor(total / 12)
  const month = total % 12
  const lastDay = daysInMonth(year, month + 1)
  const day = Math.min(Number(m[3]), lastDay)
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

export const addYears = (date: string, years: number) => addMonths(date, years * 12)

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

/** Whole days from `from` to `to` (timestamps), never negative. */
export function wholeDaysBetween(from: string | Date, to: string | Date): number {
  const ms = new Date(to).getTime() - new Date(from).getTime()
  return Math.max(0, Math.floor(ms / 86_400_000))
}
