import { List, Stack, Text, Title } from '@mantine/core'
import type { LegalDocument } from '~/i18n/pages/types'

export function LegalDocumentView({ doc }: { doc: LegalDocument }) {
  return (
    <Stack gap="lg" maw={760}>
      <Stack gap={4}>
        <Title order={1}>{doc.title}</Title>
        <Text size="sm" c="dimmed">
          {doc.updated}
        </Text>
      </Stack>
      <Text size="lg">{doc.intro}</Text>
      {doc.sections.map((section) => (
        <Stack component="section" gap="xs" key={section.heading}>
          <Title order={2} size="h3">
            {section.heading}
          </Title>
          {section.paragraphs.map((p) => (
            <Text key={p}>{p}</Text>
          ))}
          {section.list ? (
            <List spacing={4}>
              {section.list.map((item) => (
                <List.Item key={item}>{item}</List.Item>
              ))}
            </List>
          ) : null}
        </Stack>
      ))}
    </Stack>
  )
}
