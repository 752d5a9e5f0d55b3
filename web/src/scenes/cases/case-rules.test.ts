/**
 * The case screen's copy of the status machine must agree with src/core/cases: a button
 * shown for a move the server always refuses (or one missing) would mislead people at work.
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { ROLES } from '../../../../src/core/access/roles.js'
import {
  CASE_STATUSES as CORE_STATUSES,
  checkCaseTransition,
  mayRequestTransition,
} from '../../../../src/core/cases/case-status.js'
import { CASE_STATUSES } from '../../api/cases.api.js'
import { mayMoveCases, nextStatuses, refusalOf } from './case-rules.js'
import { findRoute } from '../routes.js'
import { ROLE_HOMES } from '../role-homes.js'

void describe('case rules of the case screen', () => {
  test('the statuses are the core ones, in order', () => {
    assert.deepEqual([...CASE_STATUSES], [...CORE_STATUSES])
  })

  test('a move is offered exactly when the core lets the role ask for it', () => {
    for (const role of ROLES) {
      for (const from of CORE_STATUSES) {
        const expected = CORE_STATUSES.filter((to) => {
          if (to === 'family_informed' || !mayRequestTransition(role, to)) return false
          // The transition must exist; two reviewers for a death are the server's to count.
          const check = checkCaseTransition(
            from,
            to,
            role === 'reviewer'
              ? { kind: 'review', reviewerIds: ['a', 'b'] }
              : { kind: 'caseworker', userId: 'u' },
          )
          return check.ok
        })
        assert.deepEqual(nextStatuses(role, from), expected, `${role} from ${from}`)
      }
    }
  })

  test('examples: a caseworker closes an open case, a reviewer concludes a possible match', () => {
    assert.deepEqual(nextStatuses('caseworker', 'open'), ['closed'])
    assert.deepEqual(nextStatuses('reviewer', 'possible_match'), [
      'open',
      'confirmed_alive',
      'confirmed_deceased',
    ])
    assert.deepEqual(nextStatuses('caseworker', 'confirmed_alive'), [], 'informed by the task')
    assert.deepEqual(nextStatuses('viewer', 'open'), [])
    assert.equal(mayMoveCases('viewer'), false)
    assert.equal(mayMoveCases('caseworker'), true)
  })

  test('the reason of a refusal is read from the first field problem', () => {
    assert.equal(
      refusalOf({ errors: [{ field: 'to', message: 'x', reason: 'needs_two_reviewers' }] }),
      'needs_two_reviewers',
    )
    assert.equal(refusalOf({ errors: [{ field: 'to', message: 'x', reason: 'other' }] }), undefined)
    assert.equal(refusalOf({}), undefined)
  })

  test('the case scenes open for the roles that hold case.read, with the case id', () => {
    assert.equal(findRoute('/cases', 'caseworker')?.route.scene, 'cases')
    assert.deepEqual(findRoute('/cases/c-1', 'reviewer')?.params, { id: 'c-1' })
    assert.equal(findRoute('/cases/c-1', 'investigator')?.route.scene, 'case')
    for (const role of ['viewer', 'admin', 'field_officer'] as const) {
      assert.equal(findRoute('/cases', role), undefined, role)
      assert.equal(findRoute('/cases/c-1', role), undefined, role)
    }
  })

  test("the caseworker's cards lead to the case list; the coordinator's to the dashboard", () => {
    const path = (role: 'caseworker' | 'coordinator', id: string) =>
      ROLE_HOMES[role].find((a) => a.id === id)?.path
    assert.equal(path('caseworker', 'cases'), '/cases')
    assert.equal(path('caseworker', 'informFamilies'), '/cases?status=inform')
    assert.equal(path('coordinator', 'dashboards'), '/dashboard')
    assert.equal(findRoute('/dashboard', 'viewer')?.route.scene, 'home')
  })
})
