import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { COMPARISONS, COMPARISON_LEVELS } from './comparison-levels.js'
import { buildFixtureFamilies } from './linkage-fixtures.js'
import {
  createStartingModel,
  estimateU,
  packGamma,
  runExpectationMaximisation,
  unpackGamma,
  type PatternCounts,
} from './model-training.js'
import { createGamma, PairComparer } from './pair-comparer.js'
import { RecordTable } from './record-table.js'
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

describe('u from random pairs', () => {
  it('counts an agreement the family conditions would void only where it could be seen', () => {
    // Six men named محمد, three born in Damascus and three in Aleppo, and six others with
    // names of their own, each born somewhere else. Among pairs with the same given name,
    // 6 of 15 share a birth place; a pair with different given names can never show a
    // shared birth place (the condition voids it), so it must not count as a disagreement.
    const table = new RecordTable()
    const places = ['Damascus', 'Damascus', 'Damascus', 'Aleppo', 'Aleppo', 'Aleppo']
    places.forEach((place, k) =>
      table.addRecord({ record_id: `m${k}`, first_name: 'محمد', birth_place: place }),
    )
    const others = ['خالد', 'عمر', 'سامر', 'باسل', 'ماهر', 'وائل']
    const otherPlaces = ['Homs', 'Hama', 'Idlib', 'Daraa', 'Raqqa', 'Tartus']
    others.forEach((name, k) =>
      table.addRecord({ record_id: `o${k}`, first_name: name, birth_place: otherPlaces[k] }),
    )
    const comparer = new PairComparer(table.columns, table.nameValues, table.placeValues)
    const u = estimateU(comparer, table.size, createRandomSource(7), 20_000)
    const birthPlace = COMPARISONS.indexOf('birth_place')
    const samePlace = (u[birthPlace] as number[])[0] as number
    assert.ok(Math.abs(samePlace - 6 / 15) < 0.05, `u(same place) ${samePlace}`)
  })
})
