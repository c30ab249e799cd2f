import { describe, expect, it } from 'vitest'
import { en, nb } from '../../app/i18n/messages'
import { auditActions } from '../../app/utils/audit.server'
import { auditChanges } from '../../app/domain/audit-changes'

// The audit log reads as sentences (docs/domain.md, "Audit trail"): every event has its phrase in both languages, and
// an edit records its changed fields with values, except confidential fields, which are recorded only as changed.

describe('audit sentences', () => {
  it('has a phrase for every audit event, in bokmål and English', () => {
    for (const action of auditActions) {
      expect(nb, action).toHaveProperty([`auditEvent.${action}`])
      expect(en, action).toHaveProperty([`auditEvent.${action}`])
    }
  })
})

describe('auditChanges', () => {
  it('records changed fields before and after, and confidential ones only as changed', () => {
    expect(
      auditChanges(
        { title: 'A', internal_notes: 'hemmelig', contract_value_nok: 100, need: 'x', care: ['b', 'a'] },
        { title: 'B', internal_notes: 'enda mer hemmelig', contract_value_nok: 200, need: 'x', care: ['a', 'b'] },
        ['internal_notes', 'contract_value_nok'],
      ),
    ).toEqual([
      { field: 'title', from: 'A', to: 'B' },
      { field: 'internal_notes', changed: true },
      { field: 'contract_value_nok', changed: true },
    ])
  })

  it('treats empty text and null alike', () => {
    expect(auditChanges<{ website: string | null }>({ website: null }, { website: '' })).toEqual([])
  })
})
