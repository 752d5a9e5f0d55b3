import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createGamma, GAMMA_INDEX, PairComparer } from './pair-comparer.js'
import { RecordTable, type LinkageRecordInput } from './record-table.js'

const FIRST = 0
const FATHER = 1
const FAMILY = 3

/** Gamma of the first two records of a fresh table. */
function compareTwo(a: LinkageRecordInput, b: LinkageRecordInput): Uint8Array {
  const table = new RecordTable({ capacity: 3 })
  table.addRecord(a)
  table.addRecord(b)
  const comparer = new PairComparer(table.columns, table.nameValues, table.placeValues)
  const gamma = createGamma()
  comparer.compare(0, 1, gamma)
  return gamma
}

void describe('PairComparer name chain conditions', () => {
  void it('a short name whose second word is the other record’s father: family is void', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'Haitham', family_name: 'Safwan' },
      { record_id: 'b', first_name: 'Haitham', father_name: 'Safwan', family_name: 'Imad' },
    )
    assert.equal(gamma[FIRST], 1)
    assert.equal(gamma[FAMILY], 0)
    // Not counted as a father agreement either (it linked more strangers than it found).
    assert.equal(gamma[FATHER], 0)
  })

  void it('a different family name with no such shift stays different', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'Haitham', family_name: 'Halabi' },
      { record_id: 'b', first_name: 'Haitham', father_name: 'Safwan', family_name: 'Imad' },
    )
    assert.equal(gamma[FAMILY], 7)
  })

  void it('a given name that is part of the other (brothers محمد علي / محمد) voids the chain', () => {
    const gamma = compareTwo(
      {
        record_id: 'a',
        first_name: 'محمد علي',
        father_name: 'علي',
        grandfather_name: 'محمد',
        family_name: 'هيثم',
        birth_date: '1991-11-21',
      },
      {
        record_id: 'b',
        first_name: 'محمد',
        father_name: 'علي',
        grandfather_name: 'محمد',
        family_name: 'الهيثم',
        birth_date: '1990',
      },
    )
    assert.equal(gamma[FIRST], 6)
    assert.equal(gamma[FATHER], 0)
    assert.equal(gamma[2], 0)
    assert.equal(gamma[FAMILY], 0)
    // Personal evidence still counts.
    assert.notEqual(gamma[GAMMA_INDEX.birth_date], 0)
  })
})
