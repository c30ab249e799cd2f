import { Button, Group } from '@mantine/core'
import { Form } from 'react-router'
import { useT } from '~/i18n/use-translation'

/** Accept or decline the invitation of the viewer's municipality (posted to the procurement's own page, also from
 * "Min kommune", /min-kommune, where a declined invitation leads back to). */
export function InvitationAnswer({ action, name }: { action?: string; name?: string }) {
  const t = useT()
  return (
    <Group gap="sm">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="acceptInvitation" />
        <Button
          type="submit"
          size="sm"
          aria-label={name ? t('procurement.invitation.acceptNamed', { title: name }) : undefined}
        >
          {t('procurement.invitation.accept')}
        </Button>
      </Form>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="declineInvitation" />
        <Button
          type="submit"
          size="sm"
          variant="default"
          aria-label={name ? t('procurement.invitation.declineNamed', { title: name }) : undefined}
        >
          {t('procurement.invitation.decline')}
        </Button>
      </Form>
    </Group>
  )
}
