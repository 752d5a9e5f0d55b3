import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { assembleTimeline, datesAgree, type TimelineSource } from './person-timeline.js'
import { nameForms } from './person-names.js'

// Synthetic accounts of one person.
const report: TimelineSource = {
  recordId: 'r-family',
  sourceKind: 'family-report',
  fields: {
    record_id: 'f1',
    first_name: 'سامر',
    family_name: 'النجار',
    birth_date: '1990',
    last_seen_date: '2013-05-04',
    last_seen_place: 'حلب',
    recorded_on: '2025-01-10',
    extra: { 'تاريخ الاعتقال': '04/05/2013', 'مكان الاعتقال': 'حاجز الراموسة' },
  },
}
const register: TimelineSource = {
  recordId: 'r-register',
  sourceKind: 'register',
  fields: {
    record_id: 'g7',
    full_name: 'Samer al-Najjar',
    birth_date: '1990-02-11',
    last_seen_date: '2013-06',
    detention_place: 'Saydnaya',
    extra: { release_date: '2024-12-08', notes_internal: 'x' },
  },
}
const intake: TimelineSource = {
  recordId: 'r-intake',
  sourceKind: 'intake',
  fields: { record_id: 'i1', recorded_on: '2024-12-09', detention_place: 'Gate 2', extra: {} },
}

void describe('person timeline', () => {
  it('assembles events from every account, each citing its record, in date order', () => {
    const events = assembleTimeline([report, register, intake])
    assert.deepEqual(
      events.map((e) => [e.kind, e.date, e.recordId]),
      [
        ['birth', '1990', 'r-family'],
        ['birth', '1990-02-11', 'r-register'],
        ['arrest', '2013-05-04', 'r-family'],
        ['last_seen', '2013-05-04', 'r-family'],
        ['last_seen', '2013-06', 'r-register'],
        ['release', '2024-12-08', 'r-register'],
        ['intake', '2024-12-09', 'r-intake'],
        ['recorded', '2025-01-10', 'r-family'],
        ['detention', null, 'r-register'],
      ],
    )
    const arrest = events.find((e) => e.kind === 'arrest')
    assert.equal(arrest?.place, 'حاجز الراموسة')
    assert.equal(arrest?.field, 'تاريخ الاعتقال')
    assert.equal(events.find((e) => e.kind === 'intake')?.place, 'Gate 2')
    assert.equal(events.find((e) => e.kind === 'detention')?.place, 'Saydnaya')
  })

  it('keeps both dates when accounts disagree and marks them; compatible precisions agree', () => {
    const events = assembleTimeline([report, register])
    const lastSeen = events.filter((e) => e.kind === 'last_seen')
    assert.equal(lastSeen.length, 2)
    assert.ok(
      lastSeen.every((e) => e.disagrees),
      '2013-05-04 and 2013-06 disagree',
    )
    const births = events.filter((e) => e.kind === 'birth')
    assert.ok(
      births.every((e) => !e.disagrees),
      '1990 and 1990-02-11 agree',
    )
    assert.equal(datesAgree('2013', '2013-05-04'), true)
    assert.equal(datesAgree('2013-05', '2013-06'), false)
  })

  it('shows a date it cannot read verbatim, and a death the record states without a date', () => {
    const events = assembleTimeline([
      {
        recordId: 'r-morgue',
        sourceKind: 'morgue',
        deceased: true,
        fields: { record_id: 'm1', extra: { release_date: 'أوائل ٢٠١٤' } },
      },
    ])
    const release = events.find((e) => e.kind === 'release')
    assert.equal(release?.date, null)
    assert.equal(release?.dateText, 'أوائل ٢٠١٤')
    const death = events.find((e) => e.kind === 'death')
    assert.deepEqual([death?.date, death?.recordId, death?.field], [null, 'r-morgue', 'record'])
  })

  it('reads a dated death column instead of adding an undated death', () => {
    const events = assembleTimeline([
      {
        recordId: 'r-m',
        sourceKind: 'morgue',
        deceased: true,
        fields: { record_id: 'm2', extra: { death_date: '2015-03', death_place: 'Tishreen' } },
      },
    ])
    assert.deepEqual(
      events.filter((e) => e.kind === 'death').map((e) => [e.date, e.place]),
      [['2015-03', 'Tishreen']],
    )
  })

  it('gives names as written, with the normalised form only when it differs', () => {
    assert.deepEqual(nameForms(report.fields), {
      written: 'سامر النجار',
      normalised: 'سامر نجار',
      script: 'arabic',
      motherWritten: null,
    })
    assert.equal(nameForms(register.fields).written, 'Samer al-Najjar')
    assert.equal(nameForms(register.fields).script, 'latin')
    assert.equal(nameForms(intake.fields).written, null)
  })
})
