import { List, Stack, Text, Title } from '@mantine/core'
import type { LegalDocument } from '~/i18n/pages/types'

/** `vars` fill placeholders such as `{controller}` (configured, not written into the text). */
export function LegalDocumentView({ doc: raw, vars = {} }: { doc: LegalDocument; vars?: Record<string, string> }) {
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)
  const doc: LegalDocument = {
    ...raw,
    intro: fill(raw.intro),
    sections: raw.sections.map((s) => ({
      heading: fill(s.heading),
      paragraphs: s.paragraphs.map(fill),
      list: s.list?.map(fill),
    })),
  }
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
