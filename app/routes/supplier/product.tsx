// Placeholder: the supplier workspace is being built in this file.
export default function Placeholder() {
  return null
}
