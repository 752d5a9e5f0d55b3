import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { ACTIONS, decide, type Actor } from './policy.js'
import { ROLES } from './roles.js'
import { renderAccessTable } from './access-table.js'

const actor = (role: Actor['role'], organisationId = 'org-a'): Actor => ({
  userId: 'u',
  organisationId,
  role,
})

describe('access policy', () => {
  it('denies by default: an action a role does not hold is refused', () => {
    assert.equal(decide(actor('viewer'), 'record.read', { organisationId: 'org-a' }).allowed, false)
    assert.equal(decide(actor('admin'), 'record.read', { organisationId: 'org-a' }).allowed, false)
    assert.equal(
      decide(actor('field_officer'), 'case.reveal_contact', { organisationId: 'org-a' }).allowed,
      false,
    )
  })

  it('bounds each role by sensitivity', () => {
    assert.equal(
      decide(actor('field_officer'), 'record.read', {
        organisationId: 'org-a',
        sensitivity: 'normal',
      }).allowed,
      true,
    )
    assert.equal(
      decide(actor('field_officer'), 'record.read', {
        organisationId: 'org-a',
        sensitivity: 'sensitive',
      }).allowed,
      true,
    )
    assert.equal(
      decide(actor('field_officer'), 'record.read', {
        organisationId: 'org-a',
        sensitivity: 'restricted',
      }).allowed,
      false,
    )
    assert.equal(
      decide(actor('caseworker'), 'record.read', {
        organisationId: 'org-a',
        sensitivity: 'restricted',
      }).allowed,
      false,
    )
    assert.equal(
      decide(actor('investigator'), 'record.read', {
        organisationId: 'org-a',
        sensitivity: 'restricted',
      }).allowed,
      true,
    )
  })

  it('keeps organisations apart unless a record was shared, and sharing only opens reads', () => {
    const foreign = { organisationId: 'org-b', sensitivity: 'sensitive' as const }
    assert.equal(decide(actor('caseworker'), 'case.read', foreign).allowed, false)
    assert.equal(
      decide(actor('caseworker'), 'case.read', { ...foreign, sharedWith: ['org-a'] }).allowed,
      true,
    )
    assert.equal(
      decide(actor('caseworker'), 'case.update', { ...foreign, sharedWith: ['org-a'] }).allowed,
      false,
    )
    assert.equal(
      decide(actor('caseworker'), 'case.reveal_contact', { ...foreign, sharedWith: ['org-a'] })
        .allowed,
      false,
    )
  })

  it('gives every role at least one action and admins no person data', () => {
    for (const role of ROLES) {
      assert.ok(
        ACTIONS.some((a) => decide(actor(role), a).allowed),
        role,
      )
    }
    for (const a of [
      'record.read',
      'record.search',
      'case.read',
      'case.reveal_contact',
      'record.export',
    ] as const) {
      assert.equal(decide(actor('admin'), a).allowed, false, a)
    }
  })

  it('is documented: docs/access.md holds the current table', () => {
    const doc = readFileSync(new URL('../../../docs/access.md', import.meta.url), 'utf8')
    assert.ok(
      doc.includes(renderAccessTable()),
      'run `npm run docs:access` after changing the policy',
    )
  })
})
