/**
 * The review screen is reachable: a route for reviewers only, and the reviewer's home card
 * points at it.
 * Run: node --import tsx --test web/src/scenes/review/review-route.test.ts
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ROLE_HOMES } from '../role-homes.js'
import { findRoute } from '../routes.js'

void describe('review route', () => {
  void test('/review is the reviewer’s, and no other role’s', () => {
    assert.equal(findRoute('/review', 'reviewer')?.route.scene, 'review')
    for (const role of ['admin', 'coordinator', 'caseworker', 'viewer'] as const) {
      assert.equal(findRoute('/review', role), undefined, role)
    }
  })

  void test('the reviewer’s review-queue card opens it', () => {
    const card = ROLE_HOMES.reviewer.find((a) => a.id === 'reviewQueue')
    assert.equal(card?.path, '/review')
  })
})
