import { describe, expect, it } from 'vitest'
import { isSameOriginRequest } from '../../app/utils/csrf.server'

const ours = 'https://erfaringsbanken.no'

describe('isSameOriginRequest', () => {
  it('lets reads through', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS'])
      expect(isSameOriginRequest(method, { secFetchSite: 'cross-site', origin: 'https://evil.example' }, ours)).toBe(
        true,
      )
  })
  it('trusts Sec-Fetch-Site first, then Origin, and refuses when both are missing', () => {
    expect(isSameOriginRequest('POST', { secFetchSite: 'same-origin', origin: undefined }, ours)).toBe(true)
    expect(isSameOriginRequest('POST', { secFetchSite: 'same-site', origin: ours }, ours)).toBe(false)
    expect(isSameOriginRequest('POST', { secFetchSite: 'none', origin: undefined }, ours)).toBe(false)
    expect(isSameOriginRequest('POST', { secFetchSite: undefined, origin: ours }, ours)).toBe(true)
    expect(
      isSameOriginRequest(
        'DELETE',
        { secFetchSite: undefined, origin: 'https://erfaringsbanken.no.evil.example' },
        ours,
      ),
    ).toBe(false)
    expect(isSameOriginRequest('POST', { secFetchSite: undefined, origin: undefined }, ours)).toBe(false)
  })
})
