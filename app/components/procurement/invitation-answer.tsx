import { Form } from 'react-router'
import { useT } from '~/i18n/use-translation'

/** Accept or decline the invitation of the viewer's municipality (posted to the procurement's own page, also from
 * "Min kommune", /min-kommune, where a declined invitation leads back to). Plain buttons with app.css classes (.btn,
 * Mantine's Button look): "Min kommune" renders a pair for each invitation on its page. */
export function InvitationAnswer({ action, name }: { action?: string; name?: string }) {
  const t = useT()
  return (
    <div className="group-sm">
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="acceptInvitation" />
        <button
          type="submit"
          className="btn"
          aria-label={name ? t('procurement.invitation.acceptNamed', { title: name }) : undefined}
        >
          {t('procurement.invitation.accept')}
        </button>
      </Form>
      <Form method="post" action={action}>
        <input type="hidden" name="intent" value="declineInvitation" />
        <button
          type="submit"
          className="btn btn-default"
          aria-label={name ? t('procurement.invitation.declineNamed', { title: name }) : undefined}
        >
          {t('procurement.invitation.decline')}
        </button>
      </Form>
    </div>
  )
}
