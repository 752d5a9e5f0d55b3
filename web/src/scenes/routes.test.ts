import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { findRoute, matchPath } from './routes.js'

void describe('routes', () => {
  it('matches literal paths and hands over named segments', () => {
    assert.deepEqual(matchPath('/', '/'), {})
    assert.deepEqual(matchPath('/cases/:id', '/cases/c-1'), { id: 'c-1' })
    assert.deepEqual(matchPath('/cases/:id', '/cases/%D8%A3'), { id: 'أ' })
    assert.equal(matchPath('/cases/:id', '/cases/'), undefined)
    assert.equal(matchPath('/cases/:id', '/cases/a/b'), undefined)
    assert.equal(matchPath('/cases/:id', '/persons/a'), undefined)
    assert.equal(matchPath('/cases/:id', '/cases/%E0%A4%A'), undefined)
  })

  it('gives a scene only to the roles it names', () => {
    assert.equal(findRoute('/reports/new', 'caseworker')?.route.scene, 'report')
    assert.equal(findRoute('/reports/new', 'viewer'), undefined)
    assert.equal(findRoute('/', 'viewer')?.route.scene, 'home')
    assert.equal(findRoute('/nowhere', 'admin'), undefined)
    assert.deepEqual(findRoute('/persons/p-9', 'reviewer')?.params, { id: 'p-9' })
    assert.equal(findRoute('/persons/p-9', 'viewer'), undefined)
  })
})
