import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi'
import { ApiError, ENDPOINTS } from '~/api/contract'
import { SESSION_COOKIE } from '~/utils/session.server'

// The OpenAPI 3.1 document of /api/v1, generated from the same Zod schemas the routes and tests use.

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: ApiError } },
})

let cached: ReturnType<typeof createDocument> | null = null

export function openApiDocument() {
  if (cached) return cached
  const paths: ZodOpenApiPathsObject = {}
  for (const e of ENDPOINTS) {
    paths[e.path] = {
      get: {
        operationId: e.operationId,
        summary: e.summary,
        requestParams: { ...(e.query ? { query: e.query } : {}), ...(e.pathParams ? { path: e.pathParams } : {}) },
        // Signed-in endpoints: anonymous or with the session cookie of the site (the same sign-in as the pages).
        ...(e.session ? { security: [{}, { session: [] }] } : {}),
        responses: {
          '200': {
            description: e.session
              ? 'OK. Uten innlogging: det en besøkende ser (ETag; Cache-Control: public, max-age=300). Med sesjonskake: det siden viser deg (Cache-Control: private, no-store) / without a session what a visitor sees; with one what the page shows you, never cached'
              : 'OK (ETag; Cache-Control: public, max-age=300)',
            content: { [e.contentType ?? 'application/json']: { schema: e.response } },
          },
          '304': { description: 'Uendret / not modified (If-None-Match)' },
          '400': errorResponse('Ugyldig parameter / invalid parameter'),
          ...(e.pathParams ? { '404': errorResponse('Finnes ikke / not found') } : {}),
          '429': errorResponse('For mange forespørsler / too many requests (Retry-After)'),
        },
      },
    }
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Erfaringsbanken API',
      version: '1.0.0',
      description:
        'Åpne data fra Erfaringsbanken: registeret over vurderte velferdsteknologiske løsninger, publiserte vedtak og kriterier, og offentlige tall publisert trinnvis. / Open data from Erfaringsbanken.',
      license: { name: 'NLOD 2.0', url: 'https://data.norge.no/nlod/no/2.0' },
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'Innloggingen på nettstedet / the site sign-in (same session as the pages)',
        },
      },
    },
    paths,
  })
  return cached
}
