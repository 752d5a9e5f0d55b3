import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { isDeceasedRecord } from './linkage-sensitivity.js'

const base = { record_id: 'r1', first_name: 'سامر', extra: {} }

describe('deceased records', () => {
  it('recognises morgue and death-register sources, in both scripts', () => {
    assert.equal(isDeceasedRecord({ sourceKind: 'morgue', fields: base }), true)
    assert.equal(
      isDeceasedRecord({ sourceKind: 'register', fields: { ...base, source: 'مشرحة مشفى تشرين' } }),
      true,
    )
    assert.equal(isDeceasedRecord({ sourceKind: 'death-register', fields: base }), true)
  })

  it('recognises a status column and PFIF believed_dead notes', () => {
    assert.equal(
      isDeceasedRecord({
        sourceKind: 'ngo-list',
        fields: { ...base, extra: { status: 'Deceased' } },
      }),
      true,
    )
    assert.equal(
      isDeceasedRecord({ sourceKind: 'ngo-list', fields: { ...base, extra: { الحالة: 'متوفى' } } }),
      true,
    )
    assert.equal(
      isDeceasedRecord({
        sourceKind: 'pfif',
        fields: { ...base, extra: { 'pfif.notes': '[{"status":"believed_dead"}]' } },
      }),
      true,
    )
  })

  it('recognises death named in the notes', () => {
    assert.equal(
      isDeceasedRecord({
        sourceKind: 'family-report',
        fields: { ...base, notes: 'توفي في المعتقل حسب شاهد' },
      }),
      true,
    )
    assert.equal(
      isDeceasedRecord({
        sourceKind: 'family-report',
        fields: { ...base, notes: 'reported deceased by a witness' },
      }),
      true,
    )
  })

  it('leaves ordinary records alone', () => {
    assert.equal(isDeceasedRecord({ sourceKind: 'register', fields: base }), false)
    assert.equal(
      isDeceasedRecord({
        sourceKind: 'family-report',
        fields: { ...base, notes: 'last seen at the checkpoint', extra: { status: 'missing' } },
      }),
      false,
    )
  })
})
