import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { dualDateText, readableDate } from './person-dates.js'

void describe('person page dates', () => {
  it('shows numerals and a readable form, keeping the precision written', () => {
    assert.equal(dualDateText('2013-05-04', 'en'), '2013-05-04 · 4 May 2013')
    assert.equal(dualDateText('2013-05', 'en'), '2013-05 · May 2013')
    assert.equal(dualDateText('1990', 'en'), '1990', 'a year says it once')
    assert.equal(dualDateText('2013-05-04', 'ar'), '2013-05-04 · 4 أيار 2013')
    assert.equal(dualDateText('2024-12-09T10:11:12.000Z', 'en'), '2024-12-09 · 9 December 2024')
  })

  it('shows an unreadable value as written', () => {
    assert.equal(readableDate('early 2014', 'en'), '')
    assert.equal(dualDateText('early 2014', 'en'), 'early 2014')
  })
})
