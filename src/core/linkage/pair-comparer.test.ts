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
  void it('a short name whose second word is the other record’s father: a father agreement', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'Haitham', family_name: 'Safwan' },
      { record_id: 'b', first_name: 'Haitham', father_name: 'Safwan', family_name: 'Imad' },
    )
    assert.equal(gamma[FIRST], 1)
    assert.equal(gamma[FAMILY], 0)
    // The second word was the father's name: it counts as the father's agreement.
    assert.equal(gamma[FATHER], 1)
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

void describe('PairComparer name levels across scripts', () => {
  void it('a variant or equal skeleton across scripts is the exact level', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'حسين', father_name: 'ضياء', family_name: 'الأحمد' },
      { record_id: 'b', first_name: 'Hussein', father_name: 'Diaa', family_name: 'Ahmad' },
    )
    assert.equal(gamma[FIRST], 1)
    assert.equal(gamma[FATHER], 1)
    assert.equal(gamma[FAMILY], 1)
  })

  void it('so is an equal skeleton between two Latin lists', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'Khaled', family_name: 'Al-Halabi' },
      { record_id: 'b', first_name: 'Khalid', family_name: 'Halaby' },
    )
    assert.equal(gamma[FIRST], 1)
    assert.equal(gamma[FAMILY], 1)
  })

  void it('but two Arabic spellings with one skeleton stay merely close (هشام / هاشم)', () => {
    const gamma = compareTwo(
      { record_id: 'a', first_name: 'هشام', family_name: 'الحلبي' },
      { record_id: 'b', first_name: 'هاشم', family_name: 'الحلبي' },
    )
    assert.equal(gamma[FIRST], 5)
  })
})
