import { Anchor, Code, List, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { API_RATE_LIMIT } from '~/api/http.server'
import { openApiDocument } from '~/api/openapi.server'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import type { Route } from './+types/api-docs'

// The API's readable page, rendered by the server from the same OpenAPI document the API serves (no viewer script:
// the Content-Security-Policy stays strict).

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'apiDocs.title')

type Parameter = { name: string; in: string; description?: string; required?: boolean }
type Operation = {
  operationId?: string
  security?: unknown[]
  summary?: string
  parameters?: Parameter[]
  responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>
}

export function loader() {
  const document = openApiDocument()
  const endpoints = Object.entries(document.paths ?? {}).map(([path, item]) => {
    const get = (item as { get?: Operation }).get ?? {}
    const content = Object.values(get.responses?.['200']?.content ?? {})[0]
    const schemaRef = content?.schema?.$ref ?? ''
    return {
      path,
      operationId: get.operationId ?? path,
      summary: get.summary ?? '',
      parameters: (get.parameters ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        description: p.description ?? '',
        required: p.required === true,
      })),
      schema: schemaRef.split('/').pop() ?? '',
      session: (get.security ?? []).length > 0,
    }
  })
  return { endpoints, perMinute: API_RATE_LIMIT.max }
}

export default function ApiDocs({ loaderData }: Route.ComponentProps) {
  const t = useT()
  const { endpoints, perMinute } = loaderData
  return (
    <Stack gap="xl" maw={960}>
      <Stack gap="xs">
        <Title order={1}>{t('apiDocs.title')}</Title>
        <Text>{t('apiDocs.lead')}</Text>
        <Text>
          <Anchor href="/api/v1/openapi.json">{t('apiDocs.document')}</Anchor>
        </Text>
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="terms">
        <Title order={2} id="terms">
          {t('apiDocs.terms.title')}
        </Title>
        <List spacing="xs">
          <List.Item>{t('apiDocs.terms.licence')}</List.Item>
          <List.Item>{t('apiDocs.terms.cache')}</List.Item>
          <List.Item>{t('apiDocs.terms.session')}</List.Item>
          <List.Item>{t('apiDocs.terms.rate', { max: perMinute })}</List.Item>
          <List.Item>{t('apiDocs.terms.errors')}</List.Item>
        </List>
      </Stack>
      <Stack gap="md" component="section" aria-labelledby="endpoints">
        <Title order={2} id="endpoints">
          {t('apiDocs.endpoints')}
        </Title>
        {endpoints.map((e) => (
          <Paper key={e.operationId} withBorder p="md" component="article" aria-labelledby={`op-${e.operationId}`}>
            <Stack gap="xs">
              <Title order={3} id={`op-${e.operationId}`} size="h4">
                <Code>GET {e.path}</Code>
              </Title>
              <Text>{e.summary}</Text>
              {e.session ? <Text size="sm">{t('apiDocs.session')}</Text> : null}
              {e.parameters.length === 0 ? (
                <Text size="sm">{t('apiDocs.noParameters')}</Text>
              ) : (
                <Table.ScrollContainer minWidth={500}>
                  <Table>
                    <Table.Caption>{t('apiDocs.parameters')}</Table.Caption>
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th scope="col">{t('apiDocs.parameter.name')}</Table.Th>
                        <Table.Th scope="col">{t('apiDocs.parameter.where')}</Table.Th>
                        <Table.Th scope="col">{t('apiDocs.parameter.description')}</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {e.parameters.map((p) => (
                        <Table.Tr key={`${p.in}-${p.name}`}>
                          <Table.Td>
                            <Code>{p.name}</Code>
                          </Table.Td>
                          <Table.Td>{p.in}</Table.Td>
                          <Table.Td>{p.description}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
              )}
              <Text size="sm">{t('apiDocs.response', { schema: e.schema })}</Text>
            </Stack>
          </Paper>
        ))}
      </Stack>
    </Stack>
  )
}
