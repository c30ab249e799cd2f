/**
 * One area's messages in both languages side by side. Bokmål is the source: English must have exactly the same keys
 * (the type checker refuses a missing or extra key).
 */
export function defineMessages<const K extends string>(messages: {
  nb: Record<K, string>
  en: NoInfer<Record<K, string>>
}) {
  return messages
}
