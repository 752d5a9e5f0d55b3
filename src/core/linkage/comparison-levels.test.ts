import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  compareAgeYears,
  compareBirthDates,
  compareNationalIds,
  comparePlaces,
  compareSexes,
  describeLevel,
} from './comparison-levels.js'
import { parseNationalId, parsePartialDate } from './record-table.js'

const date = (text: string): [number, number, number] => parsePartialDate(text)

describe('birth-date levels', () => {
  const cases: Array<[string, string, string]> = [
    ['1990-05-17', '1990-05-17', 'exact'],
    ['1990-05-17', '1990-05', 'same-year-month'],
    ['1990-05-17', '1990-05-18', 'same-year-month'],
    ['1990-05-07', '1990-07-05', 'day-month-swapped'],
    ['1990-05-17', '1990', 'same-year'],
    ['1990-05-17', '1990-08-01', 'same-year'],
    ['1990', '1991', 'one-year-apart'],
    ['1990', '1994', 'within-5-years'],
    ['1960', '1990', 'different'],
    ['', '1990', 'null'],
  ]
  for (const [a, b, expected] of cases) {
    it(`${a || '(blank)'} vs ${b} → ${expected}`, () => {
      const level = compareBirthDates(...date(a), ...date(b))
      assert.equal(describeLevel('birth_date', level), expected)
    })
  }
})

describe('age against birth year', () => {
  it('an estimate within a year is consistent; two written years are not this comparison', () => {
    assert.equal(describeLevel('age', compareAgeYears(1990, true, 1991, false)), 'consistent')
    assert.equal(describeLevel('age', compareAgeYears(1990, true, 1993, false)), 'within-3-years')
    assert.equal(describeLevel('age', compareAgeYears(1990, true, 1997, true)), 'within-8-years')
    assert.equal(describeLevel('age', compareAgeYears(1960, true, 1990, false)), 'inconsistent')
    assert.equal(compareAgeYears(1990, false, 1990, false), 0)
    assert.equal(compareAgeYears(0, true, 1990, false), 0)
  })
})

describe('national number levels', () => {
  const cases: Array<[string, string, string]> = [
    ['01234567891', '01234567891', 'exact'],
    ['01234567891', '01234567892', 'one-digit-off'],
    ['01234567891', '01234567819', 'one-digit-off'],
    ['01234567891', '01234500000', 'different'],
    ['١٢٣٤٥٦٧٨٩١٠', '12345678910', 'exact'],
  ]
  for (const [a, b, expected] of cases) {
    it(`${a} vs ${b} → ${expected}`, () => {
      assert.equal(
        describeLevel('national_id', compareNationalIds(parseNationalId(a), parseNationalId(b))),
        expected,
      )
    })
  }
  it('placeholder numbers are missing', () => {
    assert.ok(Number.isNaN(parseNationalId('00000000000')))
    assert.equal(
      compareNationalIds(parseNationalId('11111111111'), parseNationalId('11111111111')),
      0,
    )
  })
})

describe('places and sex', () => {
  it('same place, same governorate, different, missing', () => {
    assert.equal(describeLevel('birth_place', comparePlaces(3, 3, 1, 1)), 'same-place')
    assert.equal(describeLevel('birth_place', comparePlaces(3, 4, 1, 1)), 'same-governorate')
    assert.equal(describeLevel('birth_place', comparePlaces(3, 4, 1, 2)), 'different')
    assert.equal(describeLevel('birth_place', comparePlaces(-1, 4, -1, 2)), 'null')
  })
  it('sex agrees, disagrees, or is unknown', () => {
    assert.equal(describeLevel('sex', compareSexes(1, 1)), 'same')
    assert.equal(describeLevel('sex', compareSexes(1, 2)), 'different')
    assert.equal(compareSexes(0, 2), 0)
  })
})

describe('partial dates', () => {
  it('keeps the written precision and drops impossible parts', () => {
    assert.deepEqual(parsePartialDate('1990'), [1990, 0, 0])
    assert.deepEqual(parsePartialDate('1990-07'), [1990, 7, 0])
    assert.deepEqual(parsePartialDate('1990-13-40'), [1990, 0, 0])
    assert.deepEqual(parsePartialDate('unknown'), [0, 0, 0])
  })
})
