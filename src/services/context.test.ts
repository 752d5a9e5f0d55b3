import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { configFromEnv, DEFAULT_CONFIG } from './context.js'

describe('configuration from the environment', () => {
  it('reads the linkage bands, defaulting to 0.95 / 0.5', () => {
    assert.deepEqual(configFromEnv({}).linkage.thresholds, DEFAULT_CONFIG.linkage.thresholds)
    assert.deepEqual(
      configFromEnv({ ATHAR_AUTO_LINK: '0.99', ATHAR_REVIEW_THRESHOLD: '0.3' }).linkage.thresholds,
      { autoLink: 0.99, review: 0.3 },
    )
  })

  it('refuses thresholds that are not probabilities or out of order, naming the variable', () => {
    assert.throws(() => configFromEnv({ ATHAR_AUTO_LINK: '2' }), /ATHAR_AUTO_LINK/)
    assert.throws(() => configFromEnv({ ATHAR_REVIEW_THRESHOLD: 'abc' }), /ATHAR_REVIEW_THRESHOLD/)
    assert.throws(
      () => configFromEnv({ ATHAR_AUTO_LINK: '0.6', ATHAR_REVIEW_THRESHOLD: '0.7' }),
      /below/,
    )
  })

  it('reads the number of search threads (ATHAR_SEARCH_THREADS), unset by default', () => {
    assert.equal(configFromEnv({}).searchThreads, undefined)
    assert.equal(configFromEnv({ ATHAR_SEARCH_THREADS: '0' }).searchThreads, 0)
    assert.equal(configFromEnv({ ATHAR_SEARCH_THREADS: '2' }).searchThreads, 2)
    for (const bad of ['-1', '1.5', 'two', '65']) {
      assert.throws(() => configFromEnv({ ATHAR_SEARCH_THREADS: bad }), /ATHAR_SEARCH_THREADS/)
    }
  })
})
