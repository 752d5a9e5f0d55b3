import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { checkConsent, checkIntakeForm, checkReportForm, isIdempotencyKey } from './case-forms.js'

const KEY = '0b6f7c1e-3f1a-4c2b-9d3e-2a1b0c9d8e7f'
const fields = (problems: Array<{ field: string }>) => problems.map((p) => p.field).sort()

describe('case forms', () => {
  it('accepts only UUIDs as idempotency keys', () => {
    assert.equal(isIdempotencyKey(KEY), true)
    assert.equal(isIdempotencyKey('1'), false)
    assert.equal(isIdempotencyKey(undefined), false)
  })

  it('accepts a complete report and names each field of an incomplete one', () => {
    const good = {
      idempotencyKey: KEY,
      person: { first_name: 'سامر' },
      reporter: { name: 'A', relation: 'mother', phone: '+963 1234 567' },
      consent: { purposes: ['tracing'], givenOn: '2026-01-10' },
    }
    assert.deepEqual(checkReportForm(good), [])
    assert.deepEqual(
      fields(
        checkReportForm({ ...good, person: { nickname: 'x' }, age: 300, lastSeenDate: 'spring' }),
      ),
      ['age', 'lastSeenDate', 'person.nickname'],
    )
    assert.deepEqual(
      fields(checkReportForm({ idempotencyKey: KEY, person: { first_name: 'x' } })),
      ['consent', 'reporter'],
    )
  })

  it('keeps consent purposes to the three opt-ins and needs the date', () => {
    assert.deepEqual(
      fields(
        checkConsent({ purposes: ['marketing'], shareParts: ['everything'], givenOn: '2026-1-1' }),
      ),
      ['consent.givenOn', 'consent.purposes', 'consent.shareParts'],
    )
    assert.deepEqual(
      checkConsent({
        purposes: ['identification', 'prosecution'],
        shareParts: ['person'],
        shareWith: ['org-1'],
        givenOn: '2026-01-01',
      }),
      [],
    )
  })

  it('needs names, or a description of an unidentified person, and where they were found', () => {
    assert.deepEqual(
      checkIntakeForm({
        idempotencyKey: KEY,
        names: { family_name: 'النجار' },
        healthUrgency: 'none',
        facilityPlaceId: 'p1',
      }),
      [],
    )
    assert.deepEqual(
      checkIntakeForm({
        idempotencyKey: KEY,
        unidentified: true,
        approximateAge: 40,
        healthUrgency: 'critical',
        facilityText: 'gate',
      }),
      [],
    )
    assert.deepEqual(
      fields(
        checkIntakeForm({
          idempotencyKey: KEY,
          unidentified: true,
          healthUrgency: 'none',
          zone: 'b',
        }),
      ),
      ['distinguishingMarks', 'facilityText'],
    )
    assert.deepEqual(
      fields(checkIntakeForm({ idempotencyKey: KEY, healthUrgency: 'high', facilityText: 'gate' })),
      ['healthUrgency', 'names'],
    )
  })
})
