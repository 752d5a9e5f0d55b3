import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { newOrderedId } from './linkage-incremental.js'

void describe('ordered ids', () => {
  const UUID7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

  it('are UUID version 7 and sort in the order they were made, within one millisecond too', () => {
    const at = Date.parse('2030-01-01T00:00:00Z')
    const ids = Array.from({ length: 5000 }, () => newOrderedId(at))
    for (const id of ids) assert.match(id, UUID7)
    assert.deepEqual([...ids].sort(), ids)
    assert.equal(new Set(ids).size, ids.length)
  })

  it('never go back when the clock does', () => {
    const first = newOrderedId(Date.parse('2031-01-01T00:00:01Z'))
    const second = newOrderedId(Date.parse('2031-01-01T00:00:00Z'))
    assert.ok(second > first)
  })
})
