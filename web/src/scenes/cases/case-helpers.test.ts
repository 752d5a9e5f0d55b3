import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { dualDate, dualDateText, shortDay } from './case-dates.js'
import { nameAsWritten, writtenNameParts } from './person-names.js'

void describe('dates in two forms', () => {
  test('a day: Gregorian numerals and month names, English and Arabic', () => {
    assert.equal(dualDateText('2013-05-04', 'en'), '2013-05-04 · 4 May 2013')
    const ar = dualDate('2013-05-04', 'ar')
    assert.equal(ar.numeric, '2013-05-04')
    assert.match(ar.readable, /أيار/)
    assert.match(ar.readable, /2013/)
    assert.doesNotMatch(ar.readable, /[\u0660-\u0669]/, 'digits 0-9')
  })

  test('partial dates keep their precision', () => {
    assert.equal(dualDateText('1992', 'en'), '1992 · 1992')
    assert.equal(dualDateText('2012-03', 'en'), '2012-03 · March 2012')
  })

  test('a timestamp shows its UTC day and time', () => {
    assert.equal(
      dualDateText('2026-11-27T23:30:00.000Z', 'en'),
      '2026-11-27 23:30 · 27 November 2026',
    )
  })

  test('anything else is shown as written', () => {
    assert.equal(dualDateText('about 2012', 'en'), 'about 2012')
    assert.equal(shortDay('2026-11-05', 'en'), '5 Nov')
  })
})

void describe('names as written', () => {
  test('the full name when written, else the name chain in order', () => {
    assert.equal(
      nameAsWritten({ full_name: 'محمد أحمد الحلبي', first_name: 'x' }),
      'محمد أحمد الحلبي',
    )
    assert.equal(
      nameAsWritten({ family_name: 'Al-Basel', first_name: 'حسن', mother_name: 'فاطمة' }),
      'حسن Al-Basel',
    )
    assert.equal(nameAsWritten({ first_name: '  ' }), undefined)
    assert.equal(nameAsWritten(null), undefined)
  })

  test('the written parts, in the order of the chain, letter for letter', () => {
    assert.deepEqual(writtenNameParts({ family_name: 'Hadjdj', first_name: 'Ahmad', age: 3 }), [
      ['first_name', 'Ahmad'],
      ['family_name', 'Hadjdj'],
    ])
  })
})
