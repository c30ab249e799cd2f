// Placeholder: being built in this file.
export default function Placeholder() {
  return null
}
