import { defineMessages } from '../define'

// The supplier workspace (/leverandor/...).
export const supplier = defineMessages({
  nb: {
    'supplier.title': 'Mine produkter',
  },
  en: {
    'supplier.title': 'My products',
  },
})
