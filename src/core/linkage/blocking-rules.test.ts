import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  DEFAULT_BLOCKING_RULES,
  buildBlockIndex,
  forEachCandidatePair,
  reportBlocking,
  type BlockingRule,
} from './blocking-rules.js'
import { buildFixtureFamilies } from './linkage-fixtures.js'
import { RecordTable } from './record-table.js'

function tableOf(inputs: ReturnType<typeof buildFixtureFamilies>): RecordTable {
  const table = new RecordTable()
  for (const r of inputs) table.addRecord(r.input)
  return table
}

describe('blocking', () => {
  const fixture = buildFixtureFamilies(6)
  const table = tableOf(fixture)

  it('emits each unordered pair once across all rules', () => {
    const indices = DEFAULT_BLOCKING_RULES.map((rule) =>
      buildBlockIndex(rule, table.columns, table.nameValues, 1000),
    )
    const seen = new Set<string>()
    let emitted = 0
    indices.forEach((index, r) => {
      forEachCandidatePair(indices, r, 0, index.keyCount, (i, j) => {
        assert.ok(i < j)
        const key = `${i}:${j}`
        assert.ok(!seen.has(key), `pair ${key} emitted twice`)
        seen.add(key)
        emitted++
      })
    })
    // The union of the rules' pairs, computed naively, is the same set.
    const union = new Set<string>()
    for (const index of indices) {
      for (let i = 0; i < table.size; i++) {
        for (let j = i + 1; j < table.size; j++) {
          const k = index.keyOf[i] as number
          if (k >= 0 && k === index.keyOf[j]) union.add(`${i}:${j}`)
        }
      }
    }
    assert.equal(emitted, union.size)
    assert.ok(emitted > 0)
  })

  it('makes Arabic and Latin spellings of one person share a block (cross-script key)', () => {
    const rule = DEFAULT_BLOCKING_RULES.find(
      (r) => r.name === 'first_name~father_name|family_name',
    ) as BlockingRule
    const index = buildBlockIndex(rule, table.columns, table.nameValues, 1000)
    const rows = fixture.flatMap((r, row) => (r.personId === 'f0-child0' ? [row] : []))
    const keys = new Set(rows.map((row) => index.keyOf[row]))
    assert.equal(keys.size, 1, 'register, family report and Latin list line share the key')
  })

  it('meets a German or Turkish spelling of the chain under the loose rule', () => {
    const loose = new RecordTable()
    loose.addRecord({
      record_id: 'a',
      first_name: 'خالد',
      family_name: 'الخلف',
      birth_date: '1980',
    })
    loose.addRecord({ record_id: 'b', first_name: 'Chalid', family_name: 'Halaf' })
    loose.addRecord({ record_id: 'c', first_name: 'Walid', family_name: 'Halaf' })
    const rule = DEFAULT_BLOCKING_RULES.find(
      (r) => r.name === 'first_name.loose~family_name.loose',
    ) as BlockingRule
    const index = buildBlockIndex(rule, loose.columns, loose.nameValues, 1000)
    assert.ok((index.keyOf[0] as number) >= 0)
    assert.equal(index.keyOf[0], index.keyOf[1])
    assert.notEqual(index.keyOf[0], index.keyOf[2])
    // No strict rule puts them together.
    for (const strict of DEFAULT_BLOCKING_RULES.filter((r) => r !== rule)) {
      const ix = buildBlockIndex(strict, loose.columns, loose.nameValues, 1000)
      const k = ix.keyOf[0] as number
      assert.ok(k < 0 || k !== ix.keyOf[1], strict.name)
    }
  })

  it('caps oversized blocks, skips their pairs and reports them', () => {
    const rule: BlockingRule = {
      name: 'family_name',
      parts: [{ kind: 'cross-key', field: 'family_name' }],
    }
    const index = buildBlockIndex(rule, table.columns, table.nameValues, 5)
    const report = reportBlocking(index, (row) => table.ids[row] ?? '')
    assert.ok(report.cappedBlocks > 0)
    assert.ok(report.cappedRecords > 5)
    assert.ok((report.largestCapped[0]?.size ?? 0) > 5)
    let visited = 0
    forEachCandidatePair([index], 0, 0, index.keyCount, () => visited++)
    assert.equal(visited, report.pairs)
  })

  it('a record missing a key part is in no block of that rule', () => {
    const t = new RecordTable()
    t.addRecord({ record_id: 'a', first_name: 'محمد' })
    t.addRecord({ record_id: 'b', first_name: 'محمد' })
    const rule = DEFAULT_BLOCKING_RULES.find(
      (r) => r.name === 'first_name~mother_name',
    ) as BlockingRule
    const index = buildBlockIndex(rule, t.columns, t.nameValues, 100)
    assert.deepEqual([...index.keyOf], [-1, -1])
  })
})
