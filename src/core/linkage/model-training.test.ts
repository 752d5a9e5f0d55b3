import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { COMPARISONS, COMPARISON_LEVELS } from './comparison-levels.js'
import { buildFixtureFamilies } from './linkage-fixtures.js'
import {
  createStartingModel,
  packGamma,
  runExpectationMaximisation,
  unpackGamma,
  type PatternCounts,
} from './model-training.js'
import { createGamma } from './pair-comparer.js'
import { linkRecords } from './record-linker.js'
import { createRandomSource } from './seeded-random.js'

describe('EM on agreement-pattern counts', () => {
  it('recovers known m and λ when u is known', () => {
    // Three comparisons carry information; the others are missing (null) in every pair.
    const fields = [0, 6, 11] // first_name, birth_date, sex
    const trueM = [
      [0.7, 0.1, 0.05, 0.05, 0.04, 0.03, 0.03],
      [0.5, 0.1, 0.02, 0.2, 0.1, 0.05, 0.03],
      [0.98, 0.02],
    ]
    const trueU = [
      [0.01, 0.01, 0.005, 0.005, 0.01, 0.02, 0.94],
      [0.001, 0.005, 0.001, 0.03, 0.05, 0.15, 0.763],
      [0.5, 0.5],
    ]
    const lambda = 0.2
    const total = 1_000_000
    const patterns: PatternCounts = new Map()
    const gamma = createGamma()
    const sizes = trueM.map((m) => m.length)
    const walk = (depth: number, pm: number, pu: number): void => {
      if (depth === fields.length) {
        patterns.set(packGamma(gamma), total * (lambda * pm + (1 - lambda) * pu))
        return
      }
      for (let l = 0; l < (sizes[depth] as number); l++) {
        gamma[fields[depth] as number] = l + 1
        walk(
          depth + 1,
          pm * ((trueM[depth] as number[])[l] as number),
          pu * ((trueU[depth] as number[])[l] as number),
        )
      }
      gamma[fields[depth] as number] = 0
    }
    walk(0, 1, 1)
    const model = createStartingModel({ seed: 1, fixedLevels: [] })
    fields.forEach((f, d) => {
      model.comparisons[f]?.levels.forEach(
        (level, l) => (level.u = (trueU[d] as number[])[l] as number),
      )
    })
    const result = runExpectationMaximisation(patterns, model, new Set(), {
      maxIterations: 200,
      convergence: 1e-9,
    })
    assert.ok(Math.abs(result.matchShare - lambda) < 0.01, `λ ${result.matchShare}`)
    fields.forEach((f, d) => {
      ;(trueM[d] as number[]).forEach((m, l) => {
        const got = (result.m[f] as number[])[l] as number
        assert.ok(
          Math.abs(got - m) < 0.02,
          `${COMPARISONS[f]} ${COMPARISON_LEVELS[COMPARISONS[f] as 'sex'][l]}: ${got} vs ${m}`,
        )
      })
    })
  })

  it('packs and unpacks gamma vectors losslessly', () => {
    const random = createRandomSource(3)
    for (let t = 0; t < 100; t++) {
      const g = createGamma()
      for (let f = 0; f < g.length; f++) g[f] = random.nextInt(8)
      assert.deepEqual(unpackGamma(packGamma(g)), g)
    }
  })
})

describe('training', () => {
  const records = buildFixtureFamilies(8).map((r) => r.input)

  it('is reproducible: same seed and parameters give an identical model JSON', () => {
    const a = JSON.stringify(linkRecords(records, { seed: 11 }).model)
    const b = JSON.stringify(linkRecords(records, { seed: 11 }).model)
    assert.equal(a, b)
  })

  it('keeps fixed levels fixed and makes every comparison’s m sum to one', () => {
    const model = linkRecords(records, { seed: 11 }).model
    const sexDifferent = model.comparisons.find((c) => c.name === 'sex')?.levels[1]
    assert.equal(sexDifferent?.fixedM, true)
    assert.equal(sexDifferent?.m, 0.0005)
    for (const c of model.comparisons) {
      const sum = c.levels.reduce((s, l) => s + l.m, 0)
      assert.ok(Math.abs(sum - 1) < 1e-9, `${c.name} m sums to ${sum}`)
    }
    assert.ok(model.training.sessions.length > 0)
    assert.ok(model.prior.probability > 0 && model.prior.probability < 1)
  })

  it('the seeded source is deterministic and seed-dependent', () => {
    const a = createRandomSource(5)
    const b = createRandomSource(5)
    const c = createRandomSource(6)
    const xs = Array.from({ length: 5 }, () => a.next())
    assert.deepEqual(
      xs,
      Array.from({ length: 5 }, () => b.next()),
    )
    assert.notDeepEqual(
      xs,
      Array.from({ length: 5 }, () => c.next()),
    )
  })
})
