import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { RecordTable, type LinkageRecordInput } from './record-table.js'
import {
  EVIDENCE_CLASSES,
  evidenceBreakdown,
  evidenceClassIndex,
  sharedEvidenceOf,
} from './shared-evidence.js'

function tableOf(records: LinkageRecordInput[]): RecordTable {
  const table = new RecordTable({ capacity: records.length + 1 })
  for (const r of records) table.addRecord(r)
  return table
}

const rich: LinkageRecordInput = {
  record_id: 'rich',
  first_name: 'محمد',
  father_name: 'خالد',
  family_name: 'الحلبي',
  mother_name: 'فاطمة',
  birth_date: '1990-03-04',
  national_id: '01234567890',
}

void describe('shared evidence of a pair', () => {
  void it('counts the name parts both carry, a whole name split into its chain', () => {
    const t = tableOf([rich, { record_id: 'b', full_name: 'Mohammad Khaled Al-Halabi' }])
    const e = sharedEvidenceOf(t.columns, 0, 1)
    assert.equal(e.names, 3)
    assert.equal(e.strongIdentifier, false)
    assert.equal(EVIDENCE_CLASSES[evidenceClassIndex(e)], 'three or more name parts')
  })

  void it('a lone given name is one part; a full date in both is a strong identifier', () => {
    const t = tableOf([
      rich,
      { record_id: 'b', full_name: 'Maher' },
      { record_id: 'c', first_name: 'محمد', birth_date: '1990-03-04' },
      { record_id: 'd', first_name: 'محمد', birth_date: '1990' },
    ])
    assert.equal(
      EVIDENCE_CLASSES[evidenceClassIndex(sharedEvidenceOf(t.columns, 0, 1))],
      'one name part or none',
    )
    assert.equal(
      EVIDENCE_CLASSES[evidenceClassIndex(sharedEvidenceOf(t.columns, 0, 2))],
      'one name part + date/number',
    )
    // A year alone is not a full date.
    assert.equal(sharedEvidenceOf(t.columns, 0, 3).strongIdentifier, false)
  })

  void it('a national number in both counts as a strong identifier', () => {
    const t = tableOf([
      rich,
      { record_id: 'b', first_name: 'Mohammad', family_name: 'Halabi', national_id: '01234567899' },
    ])
    assert.equal(
      EVIDENCE_CLASSES[evidenceClassIndex(sharedEvidenceOf(t.columns, 0, 1))],
      'two name parts + date/number',
    )
  })
})

void describe('evidence breakdown', () => {
  void it('counts true pairs, blocked and found by class, and false positives', () => {
    const t = tableOf([
      rich,
      { record_id: 'b', full_name: 'Mohammad Khaled Al-Halabi' },
      { record_id: 'c', full_name: 'Maher' },
      { record_id: 'd', full_name: 'Maher Ali' },
    ])
    // Persons: rows 0,1,2 are one person; row 3 another.
    const truth = [0, 0, 0, 1]
    const rows = evidenceBreakdown(
      t.columns,
      truth,
      // 0–1 found, 0–2 scored low, 1–2 never a candidate; 2–3 a false positive.
      { left: [0, 0, 2], right: [1, 2, 3], probability: [0.99, 0.1, 0.9] },
      0.5,
    )
    const by = Object.fromEntries(rows.map((r) => [r.evidence, r]))
    assert.deepEqual(
      { ...by['three or more name parts'] },
      {
        evidence: 'three or more name parts',
        truePairs: 1,
        blocked: 1,
        found: 1,
        falsePositives: 0,
      },
    )
    assert.deepEqual(
      { ...by['one name part or none'] },
      { evidence: 'one name part or none', truePairs: 2, blocked: 1, found: 0, falsePositives: 1 },
    )
    assert.equal(
      rows.reduce((n, r) => n + r.truePairs, 0),
      3,
    )
  })
})
