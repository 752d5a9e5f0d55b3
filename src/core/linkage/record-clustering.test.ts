import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { clusterRecords, groupClusters } from './record-clustering.js'

const edges = (pairs: Array<[number, number]>) => ({
  left: pairs.map((p) => p[0]),
  right: pairs.map((p) => p[1]),
  length: pairs.length,
})

describe('clustering', () => {
  it('connected components of links, labelled by their smallest row', () => {
    const c = clusterRecords(
      6,
      edges([
        [0, 1],
        [1, 2],
        [4, 5],
      ]),
    )
    assert.deepEqual([...c.label], [0, 0, 0, 3, 4, 4])
    assert.equal(c.clusterCount, 3)
    assert.deepEqual(groupClusters(c.label), [[0, 1, 2], [3], [4, 5]])
  })

  it('a confirmed "not the same" cuts the chain that would join the two records', () => {
    const c = clusterRecords(
      4,
      edges([
        [0, 1],
        [1, 2],
        [2, 3],
      ]),
      edges([]),
      [[0, 3]],
    )
    assert.notEqual(c.label[0], c.label[3])
    assert.equal(c.refusedEdges, 1)
    // Strongest first: edges 0-1 and 1-2 are applied, 2-3 is refused.
    assert.deepEqual([...c.label], [0, 0, 0, 3])
  })

  it('confirmed links join records the model did not link, and come before auto-links', () => {
    const c = clusterRecords(
      4,
      edges([[1, 2]]),
      edges([
        [0, 3],
        [0, 1],
      ]),
      [[3, 2]],
    )
    assert.equal(c.label[0], c.label[3])
    assert.equal(c.label[0], c.label[1])
    assert.notEqual(c.label[2], c.label[3], 'the auto-link 1-2 would join 2 with 3: refused')
  })
})
