/**
 * Fast accuracy loop of the linkage engine: generate the 20k Syrian held-out set (seed 7)
 * in memory, link it in process training on itself (`linkRecords`), and print pairs
 * completeness, best F1, recall at precision ≥ 0.95, recall per script pair at best F1,
 * calibration by decile of predicted probability,
 * the hard negatives (siblings, father/son) at or above auto-link, and the model's prior.
 *
 * Run: `node --import tsx bench/link-accuracy.bench.ts` (about a minute).
 * Environment: LINK_ACC_RECORDS (default 20000), LINK_ACC_SEED (default 7),
 * LINK_ACC_FLOOR (probability floor of the scored pairs, default 0.01 as in bench:link),
 * LINK_ACC_PROFILE (`syria`, default, or `febrl`: the FEBRL-style set, seed 3 in bench:link).
 */
import { generateRecords } from './generator/index.js'
import {
  countTruePairs,
  evidenceBreakdown,
  linkageInputOf,
  linkRecords,
  measureAtThreshold,
  measureCalibration,
  probabilityFromWeight,
  sweepThresholds,
  type LinkageRecordInput,
} from '../src/core/linkage/index.js'

const RECORDS = Number(process.env.LINK_ACC_RECORDS ?? 20_000)
const SEED = Number(process.env.LINK_ACC_SEED ?? 7)
const FLOOR = Number(process.env.LINK_ACC_FLOOR ?? 0.01)
const PROFILE = process.env.LINK_ACC_PROFILE === 'febrl' ? 'febrl' : 'syria'

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : String(x))

const inputs: LinkageRecordInput[] = []
const personOf: string[] = []
const familyOf: string[] = []
const fatherOf: string[] = []
const scriptOf: string[] = []
for (const g of generateRecords({ seed: SEED, records: RECORDS, profile: PROFILE })) {
  const f = g.fields
  inputs.push(linkageInputOf(f))
  personOf.push(g.truth.person_id)
  familyOf.push(g.truth.family_id)
  fatherOf.push(g.truth.father_person_id ?? '')
  scriptOf.push(g.truth.script.startsWith('ar') ? 'AR' : 'LAT')
}

const started = performance.now()
const result = linkRecords(inputs, { seed: 42, minProbability: 0 })
const linkMs = performance.now() - started

// Rows are added in input order, so row r is inputs[r].
const personIndex = new Map<string, number>()
const truth = Int32Array.from(personOf, (p) => {
  let v = personIndex.get(p)
  if (v === undefined) {
    v = personIndex.size
    personIndex.set(p, v)
  }
  return v
})
const truePairs = countTruePairs(truth)
const pairs = result.pairs
let trueCandidates = 0
const probability: number[] = []
const isMatch: number[] = []
const scriptPair: string[] = []
const autoLink = result.model.bands.autoLink
const hard = { siblings: 0, fatherSon: 0 }
for (let k = 0; k < pairs.length; k++) {
  const i = pairs.left[k] as number
  const j = pairs.right[k] as number
  const match = truth[i] === truth[j]
  if (match) trueCandidates++
  const p = probabilityFromWeight(pairs.weight[k] as number)
  if (!match && p >= autoLink) {
    if (fatherOf[i] === personOf[j] || fatherOf[j] === personOf[i]) hard.fatherSon++
    else if (familyOf[i] === familyOf[j] && fatherOf[i] !== '' && fatherOf[i] === fatherOf[j]) {
      hard.siblings++
    }
  }
  if (p < FLOOR) continue
  probability.push(p)
  isMatch.push(match ? 1 : 0)
  scriptPair.push([scriptOf[i], scriptOf[j]].sort().join('-'))
}
const scored = { probability, isMatch, length: probability.length }
const sweep = sweepThresholds(scored, truePairs)
const auto = measureAtThreshold(scored, truePairs, autoLink)

// True pairs per script pair.
const members = new Map<number, number[]>()
truth.forEach((p, r) => {
  const list = members.get(p)
  if (list) list.push(r)
  else members.set(p, [r])
})
const trueBy: Record<string, number> = {}
for (const rows of members.values()) {
  for (let x = 0; x < rows.length; x++) {
    for (let y = x + 1; y < rows.length; y++) {
      const key = [scriptOf[rows[x] as number], scriptOf[rows[y] as number]].sort().join('-')
      trueBy[key] = (trueBy[key] ?? 0) + 1
    }
  }
}
const foundBy: Record<string, number> = {}
for (let k = 0; k < scored.length; k++) {
  if (!isMatch[k] || (probability[k] as number) < sweep.bestF1.threshold) continue
  const key = scriptPair[k] as string
  foundBy[key] = (foundBy[key] ?? 0) + 1
}

// Calibration of the low band (under-confidence shows here).
let low = 0
let lowTrue = 0
for (let k = 0; k < scored.length; k++) {
  if ((probability[k] as number) < 0.1) {
    low++
    if (isMatch[k]) lowTrue++
  }
}

console.log(
  [
    `records ${inputs.length}  true pairs ${truePairs}  candidates ${result.candidatePairs}  link ${fmt(linkMs / 1000, 1)} s`,
    `prior λ ${result.model.prior.probability.toExponential(3)}  (${result.model.prior.method})`,
    `pairs completeness ${fmt(trueCandidates / Math.max(1, truePairs))}`,
    `best F1 ${fmt(sweep.bestF1.f1)} at p ≥ ${fmt(sweep.bestF1.threshold, 4)} (P ${fmt(sweep.bestF1.precision)}, R ${fmt(sweep.bestF1.recall)})`,
    `recall at P ≥ 0.95 ${fmt(sweep.recallAtPrecision.recall)} at p ≥ ${fmt(sweep.recallAtPrecision.threshold, 4)}`,
    `auto-link p ≥ ${autoLink}: P ${fmt(auto.precision)} R ${fmt(auto.recall)} F1 ${fmt(auto.f1)}`,
    `recall by scripts at best F1: ${Object.keys(trueBy)
      .sort()
      .map((k) => `${k} ${fmt((foundBy[k] ?? 0) / (trueBy[k] as number))} (${trueBy[k]})`)
      .join(', ')}`,
    `pairs p < 0.1: ${low}, true share ${fmt(lowTrue / Math.max(1, low))}`,
    `hard negatives ≥ auto-link: siblings ${hard.siblings}, father/son ${hard.fatherSon}`,
    `calibration (decile: mean predicted → observed, pairs): ${measureCalibration(scored)
      .map((b) => `${fmt(b.meanProbability, 2)}→${fmt(b.matchRate, 2)} (${b.pairs})`)
      .join(', ')}`,
  ].join('\n'),
)
const byEvidence = evidenceBreakdown(
  result.table.columns,
  truth,
  {
    left: pairs.left,
    right: pairs.right,
    probability: Array.from(pairs.weight.subarray(0, pairs.length), probabilityFromWeight),
  },
  sweep.bestF1.threshold,
)
console.log('by shared evidence at best F1 (true pairs: completeness / recall; false positives):')
for (const r of byEvidence) {
  console.log(
    `  ${r.evidence.padEnd(30)} ${String(r.truePairs).padStart(6)}: ${fmt(r.blocked / Math.max(1, r.truePairs))} / ${fmt(r.found / Math.max(1, r.truePairs))}; FP ${r.falsePositives}`,
  )
}
if (process.env.LINK_ACC_SESSIONS === '1') {
  console.log(JSON.stringify(result.model.training.sessions, null, 1))
  for (const c of result.model.comparisons) {
    console.log(
      c.name.padEnd(20),
      c.levels
        .map((l) => `${l.label}:m${fmt(l.m, 3)}/u${l.u.toExponential(1)}/w${fmt(l.weight, 1)}`)
        .join(' '),
    )
  }
}
