/** Norwegian organisasjonsnummer: 9 digits, the last a modulus-11 check digit with weights 3 2 7 6 5 4 3 2. */
export function isValidOrgNumber(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false
  const weights = [3, 2, 7, 6, 5, 4, 3, 2]
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0)
  const remainder = sum % 11
  const check = remainder === 0 ? 0 : 11 - remainder
  return check !== 10 && check === Number(value[8])
}

/** "923 456 789" and "923456789" are the same number. */
export const normaliseOrgNumber = (value: string) => value.replace(/\s+/g, '')
