import { data } from 'react-router'

/** A route's numeric id parameter; anything else is a 404 (the page does not exist), never a 500. */
export function idParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) throw data(null, { status: 404 })
  return Number(value)
}
