/** Whether an e-mail address is on the municipality's own web domain (www.larvik.kommune.no → larvik.kommune.no). */
export function emailMatchesWebsite(email: string, website: string): boolean {
  const emailDomain = email.split('@')[1]?.toLowerCase()
  if (!emailDomain) return false
  const host = website
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/^www\./, '')
  return emailDomain === host || emailDomain.endsWith(`.${host}`)
}
