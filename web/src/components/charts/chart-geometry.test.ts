import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  dayX,
  labelledDays,
  niceMax,
  plotBounds,
  ticks,
  valueY,
  type Frame,
} from './chart-geometry.js'

const frame: Frame = { width: 330, height: 200, axis: 30, bottom: 30, top: 10, end: 0 }

void describe('chart geometry', () => {
  test('the scale rounds up to 1, 2 or 5 times a power of ten, at least 4', () => {
    assert.equal(niceMax(0), 4)
    assert.equal(niceMax(3), 4)
    assert.equal(niceMax(7), 10)
    assert.equal(niceMax(11), 20)
    assert.equal(niceMax(20), 20)
    assert.equal(niceMax(420), 500)
    assert.deepEqual(ticks(20), [0, 5, 10, 15, 20])
    assert.deepEqual(ticks(4), [0, 1, 2, 3, 4])
    assert.deepEqual(ticks(5), [0, 1, 2, 3, 4, 5])
    assert.deepEqual(ticks(10), [0, 2, 4, 6, 8, 10])
    assert.deepEqual(ticks(500), [0, 100, 200, 300, 400, 500])
    assert.deepEqual(ticks(1000), [0, 200, 400, 600, 800, 1000])
  })

  test('days run left to right in English and right to left in Arabic', () => {
    assert.deepEqual(plotBounds(frame, false), { x0: 30, x1: 330 })
    assert.deepEqual(plotBounds(frame, true), { x0: 0, x1: 300 })
    // 30 days over 300 px: 10 px each.
    assert.equal(dayX(0, 30, frame, false), 35)
    assert.equal(dayX(29, 30, frame, false), 325)
    assert.equal(dayX(0, 30, frame, true), 295)
    assert.equal(dayX(29, 30, frame, true), 5)
    // Mirrored: the same day sits at the same distance from the reading start.
    assert.equal(330 - dayX(3, 30, frame, false), dayX(3, 30, frame, true))
  })

  test('values map from the baseline up to the top of the plot', () => {
    assert.equal(valueY(0, 10, frame), 170)
    assert.equal(valueY(10, 10, frame), 10)
    assert.equal(valueY(5, 10, frame), 90)
    assert.equal(valueY(-3, 10, frame), 170)
  })

  test('day labels are spaced out and always include the last day', () => {
    const days = labelledDays(30, frame, 60)
    assert.equal(days.at(-1), 29)
    assert.deepEqual(
      days,
      [4, 10, 16, 22, 28].map((d) => d + 1),
    )
    assert.deepEqual(labelledDays(0, frame, 60), [])
    assert.deepEqual(labelledDays(3, frame, 10), [0, 1, 2])
  })
})
