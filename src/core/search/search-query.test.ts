import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { clampSearchLimit, MAX_SEARCH_LIMIT, parseSearchQuery } from './search-query.js'

void describe('parseSearchQuery', () => {
  const cases: [string, string][] = [
    ['', 'query_too_short'],
    ['   ', 'query_too_short'],
    ['م', 'query_too_short'],
    ['a b c', 'query_too_short'],
    ['0933-123-456', 'query_without_name'],
    ['12345678901', 'query_without_name'],
    ['x'.repeat(201), 'query_too_long'],
    ['aa bb cc dd ee ff gg hh ii', 'query_too_long'],
  ]
  for (const [text, reason] of cases) {
    void it(`refuses ${JSON.stringify(text.slice(0, 20))} with ${reason}`, () => {
      const parsed = parseSearchQuery(text)
      assert.equal(parsed.rejected, true)
      if (parsed.rejected) assert.equal(parsed.reason, reason)
    })
  }

  void it('drops single letters (initials) but keeps the name', () => {
    const parsed = parseSearchQuery('M. Halabi')
    assert.ok(!parsed.rejected)
    assert.equal(parsed.tokens.length, 1)
  })

  void it('accepts two-letter names and keeps the typed order', () => {
    const parsed = parseSearchQuery('Ali Halabi')
    assert.ok(!parsed.rejected)
    assert.equal(parsed.tokens.length, 2)
    assert.equal(parsed.text, 'Ali Halabi')
  })
})

void describe('clampSearchLimit', () => {
  void it('defaults, floors and caps the limit', () => {
    assert.equal(clampSearchLimit(undefined), 10)
    assert.equal(clampSearchLimit(Number.NaN), 10)
    assert.equal(clampSearchLimit(0), 1)
    assert.equal(clampSearchLimit(7.9), 7)
    assert.equal(clampSearchLimit(1e9), MAX_SEARCH_LIMIT)
  })
})
