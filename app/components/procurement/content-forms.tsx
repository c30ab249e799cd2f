import { Form } from 'react-router'
import { PlainTextarea } from '~/components/plain-field'
import { useT } from '~/i18n/use-translation'

// The small forms that sit in ExperienceCard's slots. Plain posts to the page's action with an `intent`; they work
// without JavaScript (the flag form folds into a native <details>). Plain fields and buttons (app.css): a page of
// twenty reports renders one or two of these per report.

/** Flag a report or a reply, with a reason the coordinators read. `targetName` makes the control's name unique. */
export function FlagForm({
  targetType,
  targetId,
  targetName,
  error,
  value,
  open = false,
}: {
  targetType: 'experience' | 'reply'
  targetId: number
  /** E.g. "erfaringen fra Larvik 12. mars 2026" / "svaret fra Nordlys på erfaringen fra ...". */
  targetName: string
  error?: string
  value?: string
  open?: boolean
}) {
  const t = useT()
  const id = `flag-${targetType}-${targetId}`
  return (
    <details className="fold-sm" open={open || !!error}>
      <summary>{t('procurement.flag.summary', { target: targetName })}</summary>
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="flag" />
        <input type="hidden" name="targetType" value={targetType} />
        <input type="hidden" name="targetId" value={targetId} />
        <div className="stack-xs fold-body">
          <PlainTextarea
            id={`${id}-reason`}
            name="reason"
            label={t('procurement.flag.reason')}
            description={t('procurement.flag.reason.description')}
            rows={2}
            required
            defaultValue={value}
            error={error}
          />
          <div>
            <button
              type="submit"
              className="btn btn-default btn-xs"
              aria-label={t('procurement.flag.submitNamed', { target: targetName })}
            >
              {t('procurement.flag.submit')}
            </button>
          </div>
        </div>
      </Form>
    </details>
  )
}

/** The supplier's reply to one report: a new reply (intent=reply) or an edit of its reply (intent=updateReply). */
export function ReplyForm({
  experienceId,
  replyId,
  experienceName,
  defaultBody = '',
  error,
  formError,
}: {
  experienceId: number
  replyId?: number
  experienceName: string
  defaultBody?: string
  error?: string
  formError?: string
}) {
  const t = useT()
  const editing = replyId !== undefined
  const id = `reply-${editing ? `edit-${replyId}` : `new-${experienceId}`}`
  const form = (
    <Form method="post" noValidate>
      <input type="hidden" name="intent" value={editing ? 'updateReply' : 'reply'} />
      <input type="hidden" name="experienceId" value={experienceId} />
      {editing ? <input type="hidden" name="replyId" value={replyId} /> : null}
      <div className="stack-xs">
        <PlainTextarea
          id={`${id}-body`}
          name="body"
          label={
            editing
              ? t('procurement.reply.editLabel', { target: experienceName })
              : t('procurement.reply.label', { target: experienceName })
          }
          description={t('procurement.reply.description')}
          rows={4}
          required
          defaultValue={defaultBody}
          error={error ?? formError}
        />
        <div>
          <button
            type="submit"
            className={editing ? 'btn btn-default' : 'btn'}
            aria-label={t(editing ? 'procurement.reply.saveNamed' : 'procurement.reply.submitNamed', {
              target: experienceName,
            })}
          >
            {editing ? t('procurement.reply.save') : t('procurement.reply.submit')}
          </button>
        </div>
      </div>
    </Form>
  )
  if (!editing) return form
  return (
    <details className="fold-sm" open={!!error || !!formError}>
      <summary>{t('procurement.reply.editSummary', { target: experienceName })}</summary>
      <div className="fold-body">{form}</div>
    </details>
  )
}
