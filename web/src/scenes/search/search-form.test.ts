import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  EMPTY_SEARCH,
  SEARCH_LIMIT,
  activeFilterCount,
  apiQueryOf,
  checkYears,
  formFromQuery,
  parseYear,
  queryTooLong,
  searchPath,
} from './search-form.js'

void describe('search form in the address bar', () => {
  it('reads a shared URL back into the form, dropping values it does not know', () => {
    const form = formFromQuery(
      new URLSearchParams('q=محمد الحلبي&sex=X&birthYearFrom=1980&sourceKind=register'),
    )
    assert.equal(form.q, 'محمد الحلبي')
    assert.equal(form.sex, '', 'an unknown sex is no filter')
    assert.equal(form.birthYearFrom, '1980')
    assert.equal(form.sourceKind, 'register')
    assert.equal(form.detentionPlace, '')
    assert.deepEqual(formFromQuery(new URLSearchParams('')), EMPTY_SEARCH)
  })

  it('writes one URL per search: trimmed, empty filters left out, fixed order', () => {
    assert.equal(searchPath(EMPTY_SEARCH), '/search')
    const path = searchPath({
      ...EMPTY_SEARCH,
      detentionPlace: ' صيدنايا ',
      q: '  moh halab ',
      sex: 'M',
      birthYearTo: '١٩٩٠',
    })
    assert.equal(
      path,
      `/search?q=moh+halab&sex=M&birthYearTo=1990&detentionPlace=${encodeURIComponent('صيدنايا')}`,
    )
    // The URL it writes reads back to the same search.
    const back = formFromQuery(new URL(path, 'http://x').searchParams)
    assert.equal(searchPath(back), path)
  })

  it('builds the API query with the limit, and nothing to send without a name', () => {
    assert.equal(apiQueryOf({ ...EMPTY_SEARCH, sex: 'F' }), undefined)
    assert.equal(apiQueryOf({ ...EMPTY_SEARCH, q: '   ' }), undefined)
    const query = new URLSearchParams(
      apiQueryOf({ ...EMPTY_SEARCH, q: 'Ahmad', birthPlace: 'x'.repeat(150) }) ?? '',
    )
    assert.equal(query.get('q'), 'Ahmad')
    assert.equal(query.get('limit'), String(SEARCH_LIMIT))
    assert.equal(query.get('birthPlace')?.length, 100, 'cut to the route bound')
  })

  it('accepts four-digit years 1900-2100 in either digit set', () => {
    assert.equal(parseYear(''), undefined)
    assert.equal(parseYear('1985'), 1985)
    assert.equal(parseYear('١٩٨٥'), 1985)
    assert.ok(Number.isNaN(parseYear('85')))
    assert.ok(Number.isNaN(parseYear('1850')))
    assert.ok(Number.isNaN(parseYear('19a5')))
  })

  it('flags an invalid year on its field and a reversed range on the second', () => {
    assert.deepEqual(checkYears({ birthYearFrom: '', birthYearTo: '' }), {})
    assert.deepEqual(checkYears({ birthYearFrom: '1980', birthYearTo: '1990' }), {})
    assert.deepEqual(checkYears({ birthYearFrom: '80', birthYearTo: '1990' }), {
      birthYearFrom: 'invalid',
    })
    assert.deepEqual(checkYears({ birthYearFrom: '1990', birthYearTo: '1980' }), {
      birthYearTo: 'order',
    })
    // An invalid year never reaches the URL (the form refuses it before navigating).
    assert.equal(searchPath({ ...EMPTY_SEARCH, q: 'x', birthYearFrom: '80' }), '/search?q=x')
  })

  it('counts the filters that are set, and knows an over-long query', () => {
    assert.equal(activeFilterCount(EMPTY_SEARCH), 0)
    assert.equal(
      activeFilterCount({ ...EMPTY_SEARCH, q: 'a', sex: 'M', birthPlace: ' ', sourceKind: 'pfif' }),
      2,
    )
    assert.equal(queryTooLong('a'.repeat(200)), false)
    assert.equal(queryTooLong('a'.repeat(201)), true)
  })
})
