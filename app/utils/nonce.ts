import { createContext, useContext } from 'react'

// The server renders with the request's CSP nonce; in the browser it is an empty string, which is fine because the
// scripts that needed it have already run.
export const NonceContext = createContext('')
export const useNonce = () => useContext(NonceContext)
