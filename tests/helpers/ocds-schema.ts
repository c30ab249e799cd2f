import { readFileSync } from 'node:fs'
import Ajv from 'ajv-draft-04'
import addFormats from 'ajv-formats'

// The official OCDS 1.1 schemas (db/reference/ocds, JSON Schema draft-04) with the Metrics extension applied as the
// JSON Merge Patch (RFC 7386) it is, compiled once: validate(package) gives the schema errors, none when valid.

const read = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../db/reference/ocds/${name}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >

function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch
  const result: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as object) } : {}
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key]
    else result[key] = mergePatch(result[key], value)
  }
  return result
}

let compiled: ((data: unknown) => string[]) | null = null

export function ocdsPackageValidator() {
  if (compiled) return compiled
  const release = mergePatch(read('release-schema.json'), read('metrics-extension-release-schema.json'))
  const ajv = new Ajv({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema(release as object)
  const validate = ajv.compile(read('release-package-schema.json'))
  compiled = (data) => (validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`))
  return compiled
}
