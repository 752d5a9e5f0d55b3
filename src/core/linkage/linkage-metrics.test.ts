import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  countTruePairs,
  measureAtThreshold,
  measureBCubed,
  measureCalibration,
  precisionRecallCurve,
  sweepThresholds,
} from './linkage-metrics.js'

describe('evaluation metrics', () => {
  const scored = { probability: [0.99, 0.9, 0.8, 0.4, 0.2], isMatch: [1, 1, 0, 1, 0], length: 5 }

  it('counts true pairs from a labelling', () => {
    assert.equal(countTruePairs([0, 0, 0, 1, 1, 2]), 4)
  })

  it('precision, recall and F1 at a threshold', () => {
    const m = measureAtThreshold(scored, 4, 0.85)
    assert.equal(m.truePositives, 2)
    assert.equal(m.falsePositives, 0)
    assert.equal(m.precision, 1)
    assert.equal(m.recall, 0.5)
  })

  it('best F1 and recall at precision ≥ 0.95 over thresholds', () => {
    const { bestF1, recallAtPrecision } = sweepThresholds(scored, 4)
    assert.equal(bestF1.threshold, 0.4)
    assert.ok(Math.abs(bestF1.f1 - 0.75) < 1e-12)
    assert.equal(recallAtPrecision.recall, 0.5)
    assert.equal(recallAtPrecision.threshold, 0.9)
  })

  it('traces the precision–recall curve down the thresholds, thinned by recall', () => {
    const curve = precisionRecallCurve(scored, 4)
    assert.deepEqual(
      curve.map((c) => [c.threshold, c.precision, c.recall]),
      [
        [0.99, 1, 0.25],
        [0.9, 1, 0.5],
        // 0.8 adds a false pair at the same recall: no step in recall, no point
        [0.4, 0.75, 0.75],
        [0.2, 0.6, 0.75],
      ],
    )
    // Thinned: with two points wanted, steps under half the recall are skipped, the end kept.
    const thin = precisionRecallCurve(scored, 4, 2)
    assert.deepEqual(
      thin.map((c) => c.threshold),
      [0.99, 0.4, 0.2],
    )
    // Ties are one point: a threshold cannot split them.
    const tied = { probability: [0.5, 0.5, 0.1], isMatch: [1, 0, 1], length: 3 }
    assert.deepEqual(
      precisionRecallCurve(tied, 2).map((c) => [c.threshold, c.precision, c.recall]),
      [
        [0.5, 0.5, 0.5],
        [0.1, 2 / 3, 1],
      ],
    )
  })

  it('B-cubed is 1 for the truth and lower for a merge', () => {
    assert.deepEqual(measureBCubed([0, 0, 1], [5, 5, 6]), { precision: 1, recall: 1, f1: 1 })
    const merged = measureBCubed([0, 0, 0], [5, 5, 6])
    assert.ok(merged.precision < 1 && merged.recall === 1)
  })

  it('calibration bins by decile', () => {
    const bins = measureCalibration(scored)
    assert.equal(bins.length, 10)
    assert.equal(bins[9]?.pairs, 2)
    assert.equal(bins[9]?.matchRate, 1)
  })
})
