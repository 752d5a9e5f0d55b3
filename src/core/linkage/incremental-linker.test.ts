import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { IncrementalLinker } from './incremental-linker.js'
import { buildFixtureFamilies } from './linkage-fixtures.js'
import { linkRecords } from './record-linker.js'
import { RecordTable } from './record-table.js'

describe('incremental linker', () => {
  const fixture = buildFixtureFamilies(6)
  const inputs = fixture.map((r) => r.input)
  const batch = linkRecords(inputs, { seed: 3, minProbability: 0 })
  const last = inputs.length - 1

  it('the top candidates of a new record are the batch run’s pairs of that record, same order', () => {
    const stored = new RecordTable()
    for (const r of inputs.slice(0, last)) stored.addRecord(r)
    const linker = new IncrementalLinker(stored, batch.model)
    const found = linker.findCandidates(inputs[last] as (typeof inputs)[number], 50)
    const expected: Array<{ id: string; w: number }> = []
    for (let k = 0; k < batch.pairs.length; k++) {
      const i = batch.pairs.left[k] as number
      const j = batch.pairs.right[k] as number
      if (j === last) {
        expected.push({ id: batch.table.ids[i] ?? '', w: batch.pairs.weight[k] as number })
      }
    }
    expected.sort((a, b) => b.w - a.w)
    assert.ok(expected.length > 0)
    assert.deepEqual(
      found.map((c) => c.recordId),
      expected.map((e) => e.id),
    )
    // Weights agree up to the term frequencies of one record more or less.
    found.forEach((c, n) => assert.ok(Math.abs(c.matchWeight - (expected[n]?.w ?? 0)) < 0.5))
    assert.equal(linker.size, last, 'a query does not store the record')
  })

  it('adding a record stores it, and clusters update without a re-run', () => {
    const stored = new RecordTable()
    for (const r of inputs.slice(0, last)) stored.addRecord(r)
    const linker = new IncrementalLinker(stored, batch.model)
    const person = fixture[last]?.personId
    const { row, candidates, cluster } = linker.addRecord(inputs[last] as (typeof inputs)[number])
    assert.equal(row, last)
    assert.equal(linker.size, last + 1)
    const top = candidates[0]
    assert.ok(top && top.matchProbability >= batch.model.bands.autoLink)
    assert.equal(fixture[top.row]?.personId, person)
    assert.equal(linker.clusterOf(top.row), cluster)
    // Now stored, the record is found by a later query of the same person.
    const again = linker.findCandidates(inputs[last] as (typeof inputs)[number], 5)
    assert.ok(again.some((c) => c.row === last))
  })
})
