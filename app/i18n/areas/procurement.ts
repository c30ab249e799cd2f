import { defineMessages } from '../define'

// The procurement pages (/anskaffelser/...) and experience reports.
export const procurement = defineMessages({
  nb: {
    'procurement.title': 'Anskaffelser',
  },
  en: {
    'procurement.title': 'Procurements',
  },
})
