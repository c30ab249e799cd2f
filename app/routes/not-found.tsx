import { data } from 'react-router'

// Matches every unknown path so that the root loader (locale) runs and the 404 page speaks the user's language.
export function loader() {
  throw data(null, { status: 404 })
}

export function action() {
  throw data(null, { status: 404 })
}

export default function NotFound() {
  return null
}
