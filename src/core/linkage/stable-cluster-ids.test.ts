import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { assignStableClusterIds } from './stable-cluster-ids.js'

function minter(): (members: readonly string[]) => string {
  let n = 0
  return () => `new${++n}`
}

const prev = (entries: Record<string, string>): Map<string, string> =>
  new Map(Object.entries(entries))

describe('stable cluster ids', () => {
  it('a cluster that only grows keeps its id', () => {
    const r = assignStableClusterIds(
      prev({ a: 'P1', b: 'P1', c: 'P2' }),
      [['a', 'b', 'd'], ['c']],
      minter(),
    )
    assert.equal(r.ids.get('a'), 'P1')
    assert.equal(r.ids.get('d'), 'P1')
    assert.equal(r.ids.get('c'), 'P2')
    assert.ok(r.events.every((e) => e.kind === 'kept'))
  })

  it('a merge keeps the id it shares most records with and retires the other', () => {
    const r = assignStableClusterIds(
      prev({ a: 'P1', b: 'P1', c: 'P2' }),
      [['a', 'b', 'c']],
      minter(),
    )
    assert.equal(r.ids.get('c'), 'P1')
    assert.deepEqual(
      r.events.filter((e) => e.kind === 'merged'),
      [{ kind: 'merged', retiredId: 'P2', intoId: 'P1' }],
    )
  })

  it('a split keeps the id on the larger part; the other part gets a new id', () => {
    const r = assignStableClusterIds(
      prev({ a: 'P1', b: 'P1', c: 'P1' }),
      [['c'], ['a', 'b']],
      minter(),
    )
    assert.equal(r.ids.get('a'), 'P1')
    assert.equal(r.ids.get('c'), 'new1')
    assert.deepEqual(
      r.events.filter((e) => e.kind === 'split'),
      [{ kind: 'split', fromId: 'P1', newId: 'new1' }],
    )
  })

  it('a cluster of new records gets a new id; the result does not depend on cluster order', () => {
    const r = assignStableClusterIds(prev({ a: 'P1' }), [['x', 'y'], ['a']], minter())
    assert.equal(r.ids.get('x'), 'new1')
    assert.equal(r.ids.get('a'), 'P1')
    const r2 = assignStableClusterIds(prev({ a: 'P1', b: 'P2' }), [['b'], ['a']], minter())
    assert.equal(r2.ids.get('a'), 'P1')
    assert.equal(r2.ids.get('b'), 'P2')
  })
})
