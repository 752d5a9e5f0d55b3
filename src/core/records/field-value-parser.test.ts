import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import {
  parseAge,
  parseNationalId,
  parsePartialDate,
  parseSex,
  toAsciiDigits,
} from './field-value-parser.js'

const dayFirst = { acceptDayFirst: true }
const strict = { acceptDayFirst: false }

void describe('parsePartialDate', () => {
  const valid: [string, string][] = [
    ['1990', '1990'],
    ['1990-12', '1990-12'],
    ['1990-12-31', '1990-12-31'],
    ['2000-02-29', '2000-02-29'],
    ['1990-1-5', '1990-01-05'],
    ['1990/12/31', '1990-12-31'],
    ['1990-12-31 00:00:00', '1990-12-31'],
    ['١٩٩٠-١٢-٣١', '1990-12-31'],
  ]
  for (const [input, expected] of valid) {
    void it(`reads ${input} as ${expected}`, () => {
      assert.deepEqual(parsePartialDate(input, strict), { ok: true, value: expected })
    })
  }
  for (const input of [
    '2019-13-45',
    '2019-02-30',
    '1900-02-29',
    '1990-00',
    '90',
    '12/1990/31',
    'unknown',
    '0000',
    '31-12-90',
  ]) {
    void it(`refuses ${input} with the format to use`, () => {
      const r = parsePartialDate(input, dayFirst)
      assert.ok(!r.ok)
      assert.match(r.reason, /YYYY-MM-DD/)
    })
  }
  void it('reads 31/12/1990 day-first with a note when allowed', () => {
    const r = parsePartialDate('31/12/1990', dayFirst)
    assert.ok(r.ok)
    assert.equal(r.value, '1990-12-31')
    assert.match(r.note ?? '', /day\/month\/year/)
  })
  void it('reads 12/1990 as a month with a note', () => {
    const r = parsePartialDate('12/1990', dayFirst)
    assert.ok(r.ok)
    assert.equal(r.value, '1990-12')
    assert.ok(r.note)
  })
  void it('refuses a month-first date that cannot be day-first, saying how it was read', () => {
    const r = parsePartialDate('12/31/1990', dayFirst)
    assert.ok(!r.ok)
    assert.match(r.reason, /no month 31 \(read as day\/month\/year\)/)
  })
  void it('refuses day-first dates when they are not accepted', () => {
    const r = parsePartialDate('31/12/1990', strict)
    assert.ok(!r.ok)
    assert.match(r.reason, /YYYY-MM-DD/)
  })
})

void describe('parseSex', () => {
  const table: [string, 'M' | 'F'][] = [
    ['M', 'M'],
    ['m', 'M'],
    ['Male', 'M'],
    ['ذكر', 'M'],
    [' F ', 'F'],
    ['female', 'F'],
    ['أنثى', 'F'],
    ['انثى', 'F'],
    ['انثي', 'F'],
    ['مؤنث', 'F'],
  ]
  for (const [input, expected] of table) {
    void it(`reads "${input}" as ${expected}`, () =>
      assert.deepEqual(parseSex(input), { ok: true, value: expected }))
  }
  void it('refuses other words with the accepted forms', () => {
    const r = parseSex('unknown')
    assert.ok(!r.ok)
    assert.match(r.reason, /M or F/)
  })
})

void describe('parseAge', () => {
  void it('reads whole years, with units and Arabic-Indic digits', () => {
    assert.deepEqual(parseAge('34'), { ok: true, value: { age: 34 } })
    assert.deepEqual(parseAge('34.0'), { ok: true, value: { age: 34 } })
    assert.deepEqual(parseAge('٣٤ سنة'), { ok: true, value: { age: 34 } })
  })
  void it('reads a range as its midpoint and keeps the range', () => {
    const r = parseAge('30-35')
    assert.ok(r.ok)
    assert.deepEqual(r.value, { age: 32, range: '30-35' })
    assert.ok(r.note)
  })
  for (const input of ['-3', '34.5', 'about 40', '200', '40-30']) {
    void it(`refuses ${input}`, () => assert.equal(parseAge(input).ok, false))
  }
})

void describe('parseNationalId', () => {
  void it('keeps 11 digits, removing group separators and folding Arabic-Indic digits', () => {
    assert.deepEqual(parseNationalId('010-1234 5678'), { ok: true, value: '01012345678' })
    assert.deepEqual(parseNationalId('٠١٠١٢٣٤٥٦٧٨'), { ok: true, value: '01012345678' })
  })
  void it('keeps another length with a note', () => {
    const r = parseNationalId('1012345678')
    assert.ok(r.ok)
    assert.equal(r.value, '1012345678')
    assert.match(r.note ?? '', /10 digits/)
  })
  void it('refuses letters and scientific notation', () => {
    assert.equal(parseNationalId('AB123').ok, false)
    const r = parseNationalId('1.01234E+10')
    assert.ok(!r.ok)
    assert.match(r.reason, /scientific notation/)
  })
})

void describe('toAsciiDigits', () => {
  void it('folds both Arabic-Indic digit sets', () =>
    assert.equal(toAsciiDigits('٠١٢۳۴۵x'), '012345x'))
})
