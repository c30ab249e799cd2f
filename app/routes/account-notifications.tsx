import { Button, Checkbox, Paper, Radio, Group, Stack, Text, Title } from '@mantine/core'
import { Form } from 'react-router'
import { z } from 'zod'
import { NOTIFICATION_KINDS } from '~/domain/notifications'
import { locales } from '~/i18n'
import { pageTitle } from '~/i18n/meta'
import { useT } from '~/i18n/use-translation'
import { getNotificationSettings, saveNotificationSettings } from '~/models/notifications.server'
import { requireViewer } from '~/utils/auth.server'
import { codeListField, enumField } from '~/utils/fields'
import { redirectWithFlash } from '~/utils/flash.server'
import { readSubmission } from '~/utils/forms.server'
import { answerRefusal } from '~/utils/refusal.server'
import type { Route } from './+types/account-notifications'

// /konto/varsler: which notifications a signed-in user gets by e-mail, and in which language.

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, 'notifications.title')

const SettingsInput = z.object({
  enabled: codeListField(NOTIFICATION_KINDS),
  locale: enumField(locales),
})

export async function loader({ request }: Route.LoaderArgs) {
  const viewer = await requireViewer(request)
  return getNotificationSettings(viewer.userId)
}

export async function action({ request }: Route.ActionArgs) {
  const viewer = await requireViewer(request)
  const submission = await readSubmission(request, SettingsInput, { lists: ['enabled'] })
  if (!submission.ok) return answerRefusal(submission.refusal, submission.values)
  await saveNotificationSettings(viewer.userId, submission.data)
  return redirectWithFlash('/konto/varsler', { key: 'notifications.saved' })
}

export default function AccountNotifications({ loaderData }: Route.ComponentProps) {
  const t = useT()
  return (
    <Stack gap="lg" maw={720}>
      <Title order={1}>{t('notifications.title')}</Title>
      <Text>{t('notifications.intro', { email: loaderData.email })}</Text>
      <Paper withBorder p="lg">
        <Form method="post">
          <Stack gap="lg">
            <Checkbox.Group
              label={t('notifications.kinds')}
              defaultValue={loaderData.kinds.filter((k) => k.enabled).map((k) => k.kind)}
            >
              <Stack gap="xs" mt="xs">
                {loaderData.kinds.map(({ kind }) => (
                  <Checkbox key={kind} name="enabled" value={kind} label={t(`notificationKind.${kind}`)} />
                ))}
              </Stack>
            </Checkbox.Group>
            <Radio.Group name="locale" label={t('notifications.language')} defaultValue={loaderData.locale}>
              <Group mt="xs">
                <Radio value="nb" label={t('notifications.language.nb')} />
                <Radio value="en" label={t('notifications.language.en')} />
              </Group>
            </Radio.Group>
            <div>
              <Button type="submit">{t('notifications.save')}</Button>
            </div>
          </Stack>
        </Form>
      </Paper>
    </Stack>
  )
}
