import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Problem } from '../../../../src/contract/auth.contract.js'
import {
  normalisedTokens,
  refusalOf,
  scorePercent,
  textField,
  writtenName,
} from './search-results.js'

const problem = (code: string, status: number, errors?: unknown[]): Problem =>
  ({ type: 'about:blank', title: code, code, status, ...(errors ? { errors } : {}) }) as Problem

void describe('search results for the screen', () => {
  it('shows the name as the source wrote it: full name, else the parts in order', () => {
    assert.equal(
      writtenName({ full_name: ' Mouhammad El Halabi ', first_name: 'x' }),
      'Mouhammad El Halabi',
    )
    assert.equal(
      writtenName({
        family_name: 'الحلبي',
        first_name: 'محمد',
        father_name: 'أحمد',
        mother_name: 'فاطمة',
      }),
      'محمد أحمد الحلبي',
      'first, father, family; the mother is not part of the name',
    )
    assert.equal(writtenName({}), '')
    assert.equal(textField({ a: '  ' }, 'a'), undefined, 'a blank cell is unknown')
    assert.equal(textField({ a: 3 }, 'a'), undefined)
  })

  it('lists each normalised token the query met once', () => {
    const m = (token: string) => ({ query: 'q', token, part: 'first_name', level: 'exact' })
    assert.deepEqual(normalisedTokens([m('mhmd'), m('hlby'), m('mhmd'), m('')]), ['mhmd', 'hlby'])
  })

  it('shows the score as a bounded whole percentage', () => {
    assert.equal(scorePercent(0.904), 90)
    assert.equal(scorePercent(1.2), 100)
    assert.equal(scorePercent(Number.NaN), 0)
  })

  it('names each refusal from the problem code and the core reason', () => {
    const rejected = (reason: string) =>
      problem('query_rejected', 400, [{ field: 'q', message: 'm', reason }])
    assert.equal(refusalOf(rejected('query_too_short')), 'query_too_short')
    assert.equal(refusalOf(rejected('query_without_name')), 'query_without_name')
    assert.equal(refusalOf(rejected('query_too_long')), 'query_too_long')
    assert.equal(refusalOf(rejected('something_new')), undefined, 'generic message')
    assert.equal(refusalOf(problem('rate_limited', 429)), 'rate_limited')
    assert.equal(refusalOf(problem('unknown', 429)), 'rate_limited')
    assert.equal(
      refusalOf(problem('validation_failed', 400, [{ field: 'q', message: 'too long' }])),
      'query_too_long',
    )
    assert.equal(
      refusalOf(problem('validation_failed', 400, [{ field: 'birthYearFrom', message: 'x' }])),
      undefined,
    )
    assert.equal(refusalOf(problem('forbidden', 403)), undefined)
  })
})
