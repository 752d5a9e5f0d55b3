import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findDecisionConflict, type RecordPair } from './decision-conflicts.js'
import { clusterRecords } from './record-clustering.js'

void describe('contradictions between reviewers’ decisions', () => {
  // Reviewers joined a–b and c–d, and kept b and c apart.
  const links: RecordPair[] = [
    ['a', 'b'],
    ['c', 'd'],
  ]
  const cuts: RecordPair[] = [['b', 'c']]

  void it('a "same" that would join records kept apart names the "not the same" it contradicts', () => {
    assert.deepEqual(findDecisionConflict(links, cuts, 'a', 'd', 'same'), {
      kind: 'kept_apart',
      pairs: [['b', 'c']],
    })
    // The clustering would refuse that edge: without the check the reviewer's "same" is lost.
    const ids = ['a', 'b', 'c', 'd']
    const row = (id: string): number => ids.indexOf(id)
    const confirmed = [...links, ['a', 'd'] as RecordPair]
    const clustering = clusterRecords(
      4,
      { left: [], right: [], length: 0 },
      { left: confirmed.map(([x]) => row(x)), right: confirmed.map(([, y]) => row(y)), length: 3 },
      cuts.map(([x, y]) => [row(x), row(y)] as const),
    )
    assert.equal(clustering.refusedEdges, 1)
  })

  void it('a "not the same" between records joined by a chain of "same" names the chain', () => {
    const chain: RecordPair[] = [
      ['a', 'b'],
      ['b', 'e'],
      ['e', 'f'],
    ]
    assert.deepEqual(findDecisionConflict(chain, [], 'a', 'f', 'not_same'), {
      kind: 'linked_by',
      pairs: chain,
    })
  })

  void it('no conflict when the decisions agree or do not touch', () => {
    assert.equal(findDecisionConflict(links, cuts, 'a', 'b', 'same'), undefined)
    assert.equal(findDecisionConflict(links, cuts, 'a', 'x', 'same'), undefined)
    assert.equal(findDecisionConflict(links, cuts, 'a', 'c', 'not_same'), undefined)
    assert.equal(findDecisionConflict(links, cuts, 'a', 'd', 'unsure'), undefined)
  })

  void it('a second opinion on the same pair is not a contradiction', () => {
    // b–c was kept apart; another reviewer may say "same" on b–c itself.
    assert.equal(findDecisionConflict(links, cuts, 'b', 'c', 'same'), undefined)
    assert.equal(findDecisionConflict(links, cuts, 'c', 'b', 'same'), undefined)
    // a–b was joined; another reviewer may say "not the same" on a–b itself.
    assert.equal(findDecisionConflict(links, cuts, 'b', 'a', 'not_same'), undefined)
  })

  void it('machine links are not decisions: only the confirmed facts passed in count', () => {
    // With no human link from a to b, a "same" a–d meets no cut between a's and d's sides.
    assert.equal(findDecisionConflict([['c', 'd']], cuts, 'a', 'd', 'same'), undefined)
  })

  void it('lists every cut across the two sides', () => {
    const conflict = findDecisionConflict(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [
        ['b', 'c'],
        ['a', 'd'],
        ['x', 'y'],
      ],
      'a',
      'c',
      'same',
    )
    assert.equal(conflict?.kind, 'kept_apart')
    assert.deepEqual(conflict?.pairs, [
      ['b', 'c'],
      ['a', 'd'],
    ])
  })
})
