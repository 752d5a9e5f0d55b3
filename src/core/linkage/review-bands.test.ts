import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  bandForProbability,
  collectReviewOutcomes,
  resolvePairReview,
  type ReviewDecision,
} from './review-bands.js'

const decision = (over: Partial<ReviewDecision>): ReviewDecision => ({
  leftId: 'a',
  rightId: 'b',
  verdict: 'same',
  reviewerId: 'r1',
  decidedAt: '2026-01-01T00:00:00Z',
  ...over,
})

describe('bands', () => {
  const bands = { autoLink: 0.95, review: 0.5 }
  it('splits probabilities into auto-link, review and below by configured thresholds', () => {
    assert.equal(bandForProbability(0.99, bands), 'auto-link')
    assert.equal(bandForProbability(0.95, bands), 'auto-link')
    assert.equal(bandForProbability(0.7, bands), 'review')
    assert.equal(bandForProbability(0.49, bands), 'below')
    assert.equal(bandForProbability(0.7, { autoLink: 0.6, review: 0.1 }), 'auto-link')
  })
})

describe('reviewer decisions', () => {
  it('one reviewer confirms an ordinary pair', () => {
    assert.deepEqual(resolvePairReview([decision({})]), { status: 'confirmed_same' })
    assert.deepEqual(resolvePairReview([decision({ verdict: 'not_same' })]), {
      status: 'confirmed_not_same',
    })
    assert.deepEqual(resolvePairReview([decision({ verdict: 'unsure', note: 'photo unclear' })]), {
      status: 'unsure',
    })
    assert.deepEqual(resolvePairReview([]), { status: 'undecided' })
  })

  it('a sensitive pair needs two different reviewers', () => {
    const first = decision({ sensitive: true })
    assert.deepEqual(resolvePairReview([first]), {
      status: 'awaiting_second_review',
      firstReviewerId: 'r1',
    })
    const again = decision({ sensitive: true, decidedAt: '2026-01-02T00:00:00Z' })
    assert.equal(
      resolvePairReview([first, again]).status,
      'awaiting_second_review',
      'the same reviewer twice is one reviewer',
    )
    const second = decision({ reviewerId: 'r2', decidedAt: '2026-01-03T00:00:00Z' })
    assert.deepEqual(resolvePairReview([first, second]), { status: 'confirmed_same' })
  })

  it('the latest verdict of each reviewer counts', () => {
    const d1 = decision({ verdict: 'not_same' })
    const d2 = decision({ verdict: 'same', decidedAt: '2026-02-01T00:00:00Z' })
    assert.deepEqual(resolvePairReview([d1, d2]), { status: 'confirmed_same' })
  })

  it('collects confirmed links and cuts per pair, whatever the id order', () => {
    const outcome = collectReviewOutcomes([
      decision({ leftId: 'x', rightId: 'y', verdict: 'same' }),
      decision({ leftId: 'b', rightId: 'a', verdict: 'not_same' }),
    ])
    assert.deepEqual(outcome.links, [['x', 'y']])
    assert.deepEqual(outcome.cuts, [['b', 'a']])
  })
})
