import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildFixtureFamilies } from './linkage-fixtures.js'
import {
  explainGamma,
  probabilityFromWeight,
  rescalePriorForRecords,
  scoreGamma,
  validateModel,
  weightFromProbability,
} from './linkage-model.js'
import { linkRecords } from './record-linker.js'
import { scorePair } from './pair-scoring.js'
import { COMPARISON_COUNT } from './comparison-levels.js'

const fixture = buildFixtureFamilies(6)
const run = linkRecords(
  fixture.map((r) => r.input),
  { seed: 7 },
)

describe('match weight and probability', () => {
  it('weight 0 is probability 0.5 and the two convert both ways', () => {
    assert.equal(probabilityFromWeight(0), 0.5)
    assert.ok(Math.abs(probabilityFromWeight(weightFromProbability(0.9)) - 0.9) < 1e-12)
    assert.ok(Math.abs(probabilityFromWeight(3.17) - 0.9) < 0.001)
  })
})

describe('waterfall', () => {
  it('prior + every step = the pair’s match weight, for every scored pair', () => {
    const { pairs, tables, table } = run
    assert.ok(pairs.length > 0)
    for (let k = 0; k < pairs.length; k++) {
      const gamma = pairs.gammas.subarray(k * COMPARISON_COUNT, (k + 1) * COMPARISON_COUNT)
      const i = pairs.left[k] as number
      const j = pairs.right[k] as number
      const e = explainGamma(tables, gamma, table.columns.names, i, j)
      const sum = e.prior + e.steps.reduce((s, step) => s + step.weight, 0)
      assert.ok(Math.abs(sum - e.matchWeight) < 1e-9)
      assert.ok(Math.abs(e.matchWeight - (pairs.weight[k] as number)) < 1e-9)
      assert.ok(
        Math.abs(scoreGamma(tables, gamma, table.columns.names, i, j) - e.matchWeight) < 1e-9,
      )
      for (const step of e.steps) {
        if (step.levelIndex === 0) assert.equal(step.weight, 0, 'missing values weigh nothing')
      }
    }
  })

  it('scorePair explains two records and gives their band', () => {
    const [a, , c] = fixture
    const scored = scorePair(
      run.model,
      (a as (typeof fixture)[number]).input,
      (c as (typeof fixture)[number]).input,
      {
        population: run.table,
      },
    )
    assert.equal(scored.steps.length, COMPARISON_COUNT)
    assert.ok(['auto-link', 'review', 'below'].includes(scored.band))
    assert.equal(run.table.size, fixture.length, 'the population is left as it was')
  })
})

describe('model file', () => {
  it('a trained model is JSON-serialisable, versioned and validates', () => {
    const copy: unknown = JSON.parse(JSON.stringify(run.model))
    assert.equal(validateModel(copy), undefined)
    assert.match(validateModel({ format: 'other' }) ?? '', /not an Athar linkage model/)
    assert.match(validateModel({ ...run.model, version: 99 }) ?? '', /version 99/)
  })
})

describe('rescalePriorForRecords', () => {
  it('scales λ as 1/(n − 1) for a set of another size and leaves the model alone', () => {
    const model = structuredClone(run.model)
    model.training.records = 1001
    model.prior.probability = 1e-5
    const scaled = rescalePriorForRecords(model, 101)
    assert.ok(Math.abs(scaled.prior.probability - 1e-4) < 1e-12)
    assert.ok(Math.abs(scaled.prior.weight - weightFromProbability(1e-4)) < 1e-9)
    assert.equal(model.prior.probability, 1e-5)
    assert.equal(rescalePriorForRecords(model, 1001).prior.probability, 1e-5)
  })
})
