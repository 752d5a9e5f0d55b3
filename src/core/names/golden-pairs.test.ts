import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { compareNames, compareNamesWithOptions, NAME_MATCH_LEVELS } from './index.js'
import type { NameMatchLevel } from './index.js'
import { listGoldenPairs, PARTIAL_PAIRS } from './golden-pairs.js'

/** Levels that count as "same name" (docs/names.md): everything above 'partial'. */
const SAME_LEVELS: ReadonlySet<NameMatchLevel> = new Set([
  'exact',
  'variant',
  'cross-script',
  'ocr',
  'close',
])

/** Floors documented in docs/names.md; measured values are printed by this test. */
const PRECISION_FLOOR = 0.98
const RECALL_FLOOR = 0.95
/** Floors for the skeleton keys alone (no variant table): the fallback for unlisted names. */
const SKELETON_PRECISION_FLOOR = 0.93
const SKELETON_RECALL_FLOOR = 0.95

void describe('golden name pairs', () => {
  void it('holds at least 400 labelled pairs', () => {
    assert.ok(listGoldenPairs().length >= 400, `only ${listGoldenPairs().length} pairs`)
  })

  void it('keeps precision and recall of compareNames above the documented floor', () => {
    let tp = 0
    let fp = 0
    let fn = 0
    let tn = 0
    const misses: string[] = []
    const byLevel = new Map<NameMatchLevel, number>()
    for (const p of listGoldenPairs()) {
      const r = compareNames(p.a, p.b)
      const saysSame = SAME_LEVELS.has(r.level)
      if (p.label === 'same') byLevel.set(r.level, (byLevel.get(r.level) ?? 0) + 1)
      if (saysSame && p.label === 'same') tp++
      else if (saysSame) {
        fp++
        misses.push(`FP ${p.a} ~ ${p.b}: ${r.level}`)
      } else if (p.label === 'same') {
        fn++
        misses.push(`FN [${p.topic}] ${p.a} ~ ${p.b}: ${r.level}`)
      } else tn++
    }
    const precision = tp / (tp + fp)
    const recall = tp / (tp + fn)
    const levels = NAME_MATCH_LEVELS.map((l) => `${l}=${byLevel.get(l) ?? 0}`).join(' ')
    console.log(
      `golden names: pairs=${tp + fp + fn + tn} same=${tp + fn} different=${fp + tn} ` +
        `precision=${precision.toFixed(4)} recall=${recall.toFixed(4)} (tp=${tp} fp=${fp} fn=${fn} tn=${tn})`,
    )
    console.log(`golden names: levels of same pairs: ${levels}`)
    if (process.env['NAMES_GOLDEN_VERBOSE'] !== undefined) for (const m of misses) console.log(m)
    assert.ok(
      precision >= PRECISION_FLOOR,
      `precision ${precision} < ${PRECISION_FLOOR}\n${misses.join('\n')}`,
    )
    assert.ok(recall >= RECALL_FLOOR, `recall ${recall} < ${RECALL_FLOOR}\n${misses.join('\n')}`)
  })

  void it('keeps precision without the variant table above its own floor (skeletons alone)', () => {
    let tp = 0
    let fp = 0
    let fn = 0
    for (const p of listGoldenPairs()) {
      const r = compareNamesWithOptions(p.a, p.b, { useVariantTable: false })
      const saysSame = SAME_LEVELS.has(r.level)
      if (saysSame && p.label === 'same') tp++
      else if (saysSame) fp++
      else if (p.label === 'same') fn++
    }
    const precision = tp / (tp + fp)
    const recall = tp / (tp + fn)
    console.log(
      `golden names without variant table: precision=${precision.toFixed(4)} recall=${recall.toFixed(4)} (tp=${tp} fp=${fp} fn=${fn})`,
    )
    assert.ok(precision >= SKELETON_PRECISION_FLOOR, `precision ${precision}`)
    assert.ok(recall >= SKELETON_RECALL_FLOOR, `recall ${recall}`)
  })

  void it('finds a dropped or moved part at least partial, never different', () => {
    for (const [a, b] of PARTIAL_PAIRS) {
      const r = compareNames(a, b)
      assert.notEqual(r.level, 'different', `${a} ~ ${b}`)
    }
  })
})
