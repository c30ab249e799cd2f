import { defineMessages } from '~/i18n/define'

export const insight = defineMessages({
  nb: {
    'insight.title': 'Innsikt',
    'insight.lead': 'Nasjonale tall fra registeret og fra erfaringene kommunene deler. Tallene oppdateres fortløpende.',
    'insight.register.title': 'Godkjente løsninger per kategori',
    'insight.register.caption':
      'Antall løsninger med gjeldende godkjenning eller midlertidig godkjenning, per kategori.',
    'insight.col.category': 'Kategori',
    'insight.col.count': 'Antall',
    'insight.decisions.title': 'Publiserte vedtak',
    'insight.decisions.body':
      '{approved, plural, one {# godkjenning} other {# godkjenninger}}, {provisional, plural, one {# midlertidig godkjenning} other {# midlertidige godkjenninger}} og {withdrawn, plural, one {# tilbaketrekning} other {# tilbaketrekninger}} er publisert.',
    'insight.decisions.link': 'Se alle vedtak med begrunnelse',
  },
  en: {
    'insight.title': 'Insight',
    'insight.lead':
      'National figures from the register and from the experience municipalities share. The figures update continuously.',
    'insight.register.title': 'Approved solutions per category',
    'insight.register.caption': 'Number of solutions with a current approval or provisional approval, per category.',
    'insight.col.category': 'Category',
    'insight.col.count': 'Number',
    'insight.decisions.title': 'Published decisions',
    'insight.decisions.body':
      '{approved, plural, one {# approval} other {# approvals}}, {provisional, plural, one {# provisional approval} other {# provisional approvals}} and {withdrawn, plural, one {# withdrawal} other {# withdrawals}} have been published.',
    'insight.decisions.link': 'See every decision with its rationale',
  },
})
