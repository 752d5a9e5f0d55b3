import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { checkCaseTransition, isPresumedAlive, CASE_STATUSES } from './case-status.js'

describe('case status machine', () => {
  it('lets the engine propose a possible match, and only reviewers confirm', () => {
    assert.equal(checkCaseTransition('open', 'possible_match', { kind: 'linkage' }).ok, true)
    assert.equal(
      checkCaseTransition('possible_match', 'confirmed_alive', { kind: 'linkage' }).ok,
      false,
    )
    assert.equal(
      checkCaseTransition('possible_match', 'confirmed_alive', {
        kind: 'review',
        reviewerIds: ['r1'],
      }).ok,
      true,
    )
  })

  it('needs two different reviewers to conclude a death, never the engine', () => {
    assert.deepEqual(
      checkCaseTransition('possible_match', 'confirmed_deceased', {
        kind: 'review',
        reviewerIds: ['r1', 'r1'],
      }),
      {
        ok: false,
        reason: 'needs_two_reviewers',
        message: 'a death needs the decisions of two different reviewers',
      },
    )
    assert.equal(
      checkCaseTransition('possible_match', 'confirmed_deceased', {
        kind: 'review',
        reviewerIds: ['r1', 'r2'],
      }).ok,
      true,
    )
    assert.equal(
      checkCaseTransition('possible_match', 'confirmed_deceased', { kind: 'linkage' }).ok,
      false,
    )
  })

  it('has a person inform the family, never an automatic step', () => {
    assert.equal(
      checkCaseTransition('confirmed_alive', 'family_informed', { kind: 'linkage' }).ok,
      false,
    )
    assert.equal(
      checkCaseTransition('confirmed_alive', 'family_informed', {
        kind: 'review',
        reviewerIds: ['r1'],
      }).ok,
      false,
    )
    assert.equal(
      checkCaseTransition('confirmed_alive', 'family_informed', {
        kind: 'caseworker',
        userId: 'c1',
      }).ok,
      true,
    )
  })

  it('refuses jumps that skip the path', () => {
    const jump = checkCaseTransition('open', 'confirmed_alive', {
      kind: 'review',
      reviewerIds: ['r1'],
    })
    assert.equal(jump.ok ? 'ok' : jump.reason, 'not_allowed')
    assert.equal(
      checkCaseTransition('open', 'family_informed', { kind: 'caseworker', userId: 'c' }).ok,
      false,
    )
  })

  it('presumes a person alive in every status but confirmed deceased', () => {
    assert.deepEqual(
      CASE_STATUSES.filter((s) => !isPresumedAlive(s)),
      ['confirmed_deceased'],
    )
  })
})

describe('who may request a transition by hand', () => {
  it('gives confirmations to reviewers, closing to caseworkers, and "family informed" to no one', async () => {
    const { mayRequestTransition, causeOfRequest, isCaseStatus } = await import('./case-status.js')
    assert.equal(mayRequestTransition('reviewer', 'confirmed_deceased'), true)
    assert.equal(mayRequestTransition('caseworker', 'confirmed_alive'), false)
    assert.equal(mayRequestTransition('caseworker', 'closed'), true)
    assert.equal(mayRequestTransition('reviewer', 'closed'), false)
    for (const role of [
      'admin',
      'coordinator',
      'field_officer',
      'caseworker',
      'investigator',
      'reviewer',
      'viewer',
    ] as const) {
      assert.equal(mayRequestTransition(role, 'family_informed'), false, role)
    }
    assert.deepEqual(causeOfRequest('reviewer', 'u1', ['u1', 'u2']), {
      kind: 'review',
      reviewerIds: ['u1', 'u2'],
    })
    assert.deepEqual(causeOfRequest('caseworker', 'u3', ['u3']), {
      kind: 'caseworker',
      userId: 'u3',
    })
    assert.equal(isCaseStatus('possible_match'), true)
    assert.equal(isCaseStatus('lost'), false)
  })
})
