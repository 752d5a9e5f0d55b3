/**
 * Training, the way Splink recommends rather than pure EM (linkage-anchors §1.2, §5.2):
 * λ from strict deterministic rules and a recall guess; u from random record pairs; m by
 * expectation–maximisation on blocked pairs, one session per blocking rule, each session
 * leaving out the comparisons its rule blocks on (they would look perfect), and the
 * sessions averaged ("round robin"). EM runs on counts of distinct agreement patterns,
 * not on pairs, so it costs milliseconds. Everything random comes from a seeded source.
 */
import {
  COMPARISONS,
  COMPARISON_COUNT,
  COMPARISON_LEVELS,
  NAME_COMPARISONS,
  NAME_COMPARISON_COUNT,
  type ComparisonName,
} from './comparison-levels.js'
import type { BlockIndex, BlockingRule } from './blocking-rules.js'
import {
  DEFAULT_BANDS,
  LEVEL_SLOTS,
  MODEL_FORMAT,
  MODEL_VERSION,
  refreshWeights,
  type BandThresholds,
  type LinkageModel,
} from './linkage-model.js'
import { createGamma, type PairComparer } from './pair-comparer.js'
import type { RecordColumns } from './record-table.js'
import { createRandomSource, type RandomSource } from './seeded-random.js'

/** Starting m per level, and the levels whose m domain knowledge fixes. */
const NAME_START_M = [0.72, 0.07, 0.07, 0.03, 0.05, 0.04, 0.02]
const START_M: Record<ComparisonName, number[]> = {
  first_name: NAME_START_M,
  father_name: NAME_START_M,
  grandfather_name: NAME_START_M,
  family_name: NAME_START_M,
  mother_name: NAME_START_M,
  mother_family_name: NAME_START_M,
  birth_date: [0.6, 0.1, 0.03, 0.12, 0.08, 0.05, 0.02],
  age: [0.7, 0.2, 0.07, 0.03],
  national_id: [0.95, 0.04, 0.01],
  birth_place: [0.8, 0.1, 0.1],
  detention_place: [0.7, 0.1, 0.2],
  sex: [0.999, 0.001],
}

/** Term-frequency share per name level: full at exact/variant/cross-script, half at OCR/close. */
const NAME_TF_WEIGHTS = [1, 1, 1, 0.5, 0.5, 0, 0]

/**
 * Levels whose m is fixed rather than estimated. A sex disagreement is hard evidence
 * against (the issue). A wholly different given name is fixed as rare among matches:
 * siblings agree on father, grandfather, family and mother (correlated fields the model
 * would otherwise add up), so the given name must be able to veto them (anchors §5.4).
 */
export interface FixedLevel {
  comparison: ComparisonName
  level: string
  m: number
}

/** The default fixed levels. */
export const DEFAULT_FIXED_LEVELS: FixedLevel[] = [
  { comparison: 'sex', level: 'different', m: 0.0005 },
  { comparison: 'first_name', level: 'different', m: 0.01 },
  // A birth year more than 5 (written) or 8 (from an age) years off is another generation:
  // father and son share much of a name chain, so the gap must be able to veto it.
  { comparison: 'birth_date', level: 'different', m: 0.002 },
  { comparison: 'age', level: 'inconsistent', m: 0.002 },
]

/**
 * Default assumed recall of the strict rules. Measured ~7–8% on generated Syrian data
 * (thin and cross-script records rarely carry a full date and a full name chain). It was
 * 0.25 while u of the name chain and the birth place were biased low (decision 0007): the
 * inflated agreements then needed a cautious prior. With unbiased u, 0.08 calibrates the
 * 20k held-out set and is slightly over-confident at 200k (pairs predicted 0.55 true 48%
 * of the time), 0.25 under-confident at both (0.45 → 67% at 200k). 0.15 sits between,
 * on the cautious side: a false auto-link merges two people's records without review.
 * Pass `deterministicRecall` to override.
 */
export const DEFAULT_DETERMINISTIC_RECALL = 0.15

/** Options of training. */
export interface TrainingOptions {
  seed: number
  /** Random pairs for u (Splink suggests ≥ 10^7 for big data; u converges much earlier here). */
  randomPairs?: number
  /** Blocked pairs sampled per EM session. */
  emPairsPerRule?: number
  /** Assumed recall of the strict rules, for λ (Splink's estimate_probability_two_random_records_match). */
  deterministicRecall?: number
  maxIterations?: number
  convergence?: number
  fixedLevels?: FixedLevel[]
  bands?: BandThresholds
}

/** A fresh, untrained model with starting values. */
export function createStartingModel(options: {
  seed: number
  fixedLevels?: FixedLevel[]
  bands?: BandThresholds
}): LinkageModel {
  const fixed = options.fixedLevels ?? DEFAULT_FIXED_LEVELS
  const model: LinkageModel = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    prior: { probability: 1e-6, weight: 0, method: 'starting value' },
    comparisons: COMPARISONS.map((name) => ({
      name,
      levels: COMPARISON_LEVELS[name].map((label, l) => {
        const fix = fixed.find((f) => f.comparison === name && f.level === label)
        const isName = (NAME_COMPARISONS as readonly string[]).includes(name)
        return {
          label,
          m: fix ? fix.m : (START_M[name][l] ?? 0.01),
          u: 0.5,
          weight: 0,
          ...(fix ? { fixedM: true } : {}),
          tfWeight: isName ? (NAME_TF_WEIGHTS[l] ?? 0) : 0,
        }
      }),
    })),
    termFrequency: { minimumU: 1e-5, fields: [...NAME_COMPARISONS] },
    bands: { ...(options.bands ?? DEFAULT_BANDS) },
    training: { seed: options.seed, records: 0, randomPairs: 0, sessions: [], blockingRules: [] },
  }
  normaliseM(model)
  return refreshWeights(model)
}

/** Make each comparison's m sum to 1, keeping fixed levels as they are. */
function normaliseM(model: LinkageModel): void {
  for (const c of model.comparisons) {
    const fixedSum = c.levels.reduce((s, l) => s + (l.fixedM ? l.m : 0), 0)
    const freeSum = c.levels.reduce((s, l) => s + (l.fixedM ? 0 : l.m), 0)
    if (freeSum <= 0) continue
    for (const l of c.levels) if (!l.fixedM) l.m = (l.m / freeSum) * (1 - fixedSum)
  }
}

/**
 * Estimate u for every level from random record pairs: among pairs of two random
 * records (almost all non-matches), how often does each level occur.
 */
export function estimateU(
  comparer: PairComparer,
  size: number,
  random: RandomSource,
  pairs: number,
): number[][] {
  const counts = COMPARISONS.map((name) => new Float64Array(COMPARISON_LEVELS[name].length + 1))
  const gamma = createGamma()
  let drawn = 0
  for (let t = 0; t < pairs && size > 1; t++) {
    const i = random.nextInt(size)
    let j = random.nextInt(size - 1)
    if (j >= i) j++
    comparer.compare(i, j, gamma)
    for (let f = 0; f < COMPARISON_COUNT; f++) {
      if (isConditionedAway(gamma, f)) continue
      const c = counts[f] as Float64Array
      const g = gamma[f] as number
      c[g] = (c[g] as number) + 1
    }
    drawn++
  }
  return counts.map((c) => {
    let nonNull = 0
    for (let l = 1; l < c.length; l++) nonNull += c[l] as number
    const u: number[] = []
    // Half a pseudo-count keeps unseen levels finite; the clamp handles the rest.
    for (let l = 1; l < c.length; l++) {
      u.push(((c[l] as number) + 0.5 / (c.length - 1)) / (nonNull + 0.5))
    }
    void drawn
    return u
  })
}

const NAME_DIFFERENT = 7
const NAME_PARTIAL = 6
const BIRTH_PLACE = NAME_COMPARISON_COUNT + 3

/**
 * Whether comparison f of this pair sits under a family condition that voids its
 * agreements (PairComparer.applyFamilyConditions): a different (or partial) given name
 * voids the rest of the name chain and the birth place, a different father the
 * grandfather, a different mother her family. Under such a condition only disagreements
 * survive, so counting the pair would make u of the agreement levels far too small (a
 * random pair almost always has different given names): u(same birth place) came out
 * 3e-4, a weight of 11 bits for sharing a town. u is P(level | non-match) among the pairs
 * where the level can be observed at all, so these pairs are left out of f's counts.
 */
function isConditionedAway(gamma: Uint8Array, f: number): boolean {
  const first = gamma[0] as number
  const chainVoid = first === NAME_DIFFERENT || first === NAME_PARTIAL
  if ((f >= 1 && f < NAME_COMPARISON_COUNT) || f === BIRTH_PLACE) {
    if (chainVoid) return true
  }
  if (f === 2 && gamma[1] === NAME_DIFFERENT) return true
  if (f === 5 && gamma[4] === NAME_DIFFERENT) return true
  return false
}

/** Counts of distinct agreement patterns (gamma vectors packed base 8). */
export type PatternCounts = Map<number, number>

/** Pack a gamma vector into one number (8^12 < 2^53). */
export function packGamma(gamma: Uint8Array): number {
  let key = 0
  for (let f = 0; f < COMPARISON_COUNT; f++) key = key * LEVEL_SLOTS + (gamma[f] as number)
  return key
}

/** Unpack a packed gamma vector. */
export function unpackGamma(key: number, into: Uint8Array = createGamma()): Uint8Array {
  let k = key
  for (let f = COMPARISON_COUNT - 1; f >= 0; f--) {
    const g = k % LEVEL_SLOTS
    into[f] = g
    k = (k - g) / LEVEL_SLOTS
  }
  return into
}

/**
 * Sample up to `maxPairs` pairs from one rule's own blocks (blocks visited in a seeded
 * random order; capped blocks skipped) and count their agreement patterns.
 */
export function countRulePatterns(
  index: BlockIndex,
  comparer: PairComparer,
  random: RandomSource,
  maxPairs: number,
): { patterns: PatternCounts; pairs: number } {
  const patterns: PatternCounts = new Map()
  const keys: number[] = []
  for (let k = 0; k < index.keyCount; k++) {
    const s = (index.starts[k + 1] as number) - (index.starts[k] as number)
    if (s >= 2 && !index.capped[k]) keys.push(k)
  }
  // Fisher–Yates with the seeded source: the sample is reproducible.
  for (let a = keys.length - 1; a > 0; a--) {
    const b = random.nextInt(a + 1)
    const t = keys[a] as number
    keys[a] = keys[b] as number
    keys[b] = t
  }
  const gamma = createGamma()
  let pairs = 0
  outer: for (const k of keys) {
    const s = index.starts[k] as number
    const e = index.starts[k + 1] as number
    for (let a = s; a < e - 1; a++) {
      for (let b = a + 1; b < e; b++) {
        comparer.compare(index.order[a] as number, index.order[b] as number, gamma)
        const key = packGamma(gamma)
        patterns.set(key, (patterns.get(key) ?? 0) + 1)
        if (++pairs >= maxPairs) break outer
      }
    }
  }
  return { patterns, pairs }
}

/** Comparisons a rule blocks on: EM cannot estimate them from that rule's pairs. */
export function comparisonsBlockedBy(rule: BlockingRule): Set<ComparisonName> {
  const out = new Set<ComparisonName>()
  for (const part of rule.parts) {
    if (part.kind === 'national-id') out.add('national_id')
    else if (
      part.kind === 'family-or-father-key' ||
      part.kind === 'father-or-family-key' ||
      part.kind === 'loose-family-or-father-key'
    ) {
      out.add('family_name')
      out.add('father_name')
    } else if (part.kind === 'birth-year') {
      out.add('birth_date')
      out.add('age')
    } else out.add(part.field)
  }
  return out
}

/** Result of one EM session. */
export interface EmResult {
  m: number[][]
  matchShare: number
  iterations: number
}

/**
 * Expectation–maximisation over pattern counts with u held fixed: estimates m for the
 * comparisons not excluded, and the share of matches among the session's pairs.
 */
export function runExpectationMaximisation(
  patterns: PatternCounts,
  model: LinkageModel,
  excluded: ReadonlySet<ComparisonName>,
  options: { maxIterations?: number; convergence?: number } = {},
): EmResult {
  const maxIterations = options.maxIterations ?? 25
  const convergence = options.convergence ?? 1e-4
  const entries = [...patterns.entries()]
  const gammas = entries.map(([key]) => unpackGamma(key))
  const counts = entries.map(([, count]) => count)
  const active = COMPARISONS.map((name) => !excluded.has(name))
  const m = model.comparisons.map((c) => c.levels.map((l) => l.m))
  const fixed = model.comparisons.map((c) => c.levels.map((l) => l.fixedM === true))
  const logU = model.comparisons.map((c) => c.levels.map((l) => Math.log(Math.max(l.u, 1e-9))))
  let lambda = 0.5
  let iterations = 0
  for (; iterations < maxIterations; iterations++) {
    const logM = m.map((levels) => levels.map((v) => Math.log(Math.max(v, 1e-9))))
    const sums = m.map((levels) => new Float64Array(levels.length))
    let matchMass = 0
    let total = 0
    for (let p = 0; p < gammas.length; p++) {
      const g = gammas[p] as Uint8Array
      let lm = Math.log(lambda)
      let lu = Math.log(1 - lambda)
      for (let f = 0; f < COMPARISON_COUNT; f++) {
        const level = g[f] as number
        if (level === 0 || !active[f]) continue
        lm += (logM[f] as number[])[level - 1] as number
        lu += (logU[f] as number[])[level - 1] as number
      }
      const posterior = 1 / (1 + Math.exp(lu - lm))
      const c = counts[p] as number
      const mass = c * posterior
      matchMass += mass
      total += c
      for (let f = 0; f < COMPARISON_COUNT; f++) {
        const level = g[f] as number
        if (level === 0 || !active[f]) continue
        const s = sums[f] as Float64Array
        s[level - 1] = (s[level - 1] as number) + mass
      }
    }
    let change = 0
    const nextLambda = Math.min(0.999, Math.max(1e-6, matchMass / Math.max(total, 1)))
    change = Math.max(change, Math.abs(nextLambda - lambda))
    lambda = nextLambda
    for (let f = 0; f < COMPARISON_COUNT; f++) {
      if (!active[f]) continue
      const s = sums[f] as Float64Array
      const fx = fixed[f] as boolean[]
      const levels = m[f] as number[]
      let fixedSum = 0
      let freeMass = 0
      for (let l = 0; l < levels.length; l++) {
        if (fx[l]) fixedSum += levels[l] as number
        else freeMass += s[l] as number
      }
      if (freeMass <= 0) continue
      for (let l = 0; l < levels.length; l++) {
        if (fx[l]) continue
        const next = ((s[l] as number) / freeMass) * (1 - fixedSum)
        change = Math.max(change, Math.abs(next - (levels[l] as number)))
        levels[l] = next
      }
    }
    if (change < convergence) {
      iterations++
      break
    }
  }
  return { m, matchShare: lambda, iterations }
}

/** Pairs within the blocks of an index, counting capped blocks too (for λ). */
function countAllPairs(index: BlockIndex): number {
  let pairs = 0
  for (let k = 0; k < index.keyCount; k++) {
    const s = (index.starts[k + 1] as number) - (index.starts[k] as number)
    pairs += (s * (s - 1)) / 2
  }
  return pairs
}

/**
 * Pairs agreeing on a strict deterministic rule: the same national number, or the same
 * normalised first, father's and family name and the same full birth date.
 */
export function countDeterministicPairs(
  columns: RecordColumns,
  nationalIdIndex: BlockIndex | undefined,
): number {
  let pairs = nationalIdIndex ? countAllPairs(nationalIdIndex) : 0
  const groups = new Map<string, number>()
  const [first, father, , family] = columns.names as [
    Int32Array,
    Int32Array,
    Int32Array,
    Int32Array,
  ]
  for (let r = 0; r < columns.size; r++) {
    const a = first[r] as number
    const b = father[r] as number
    const c = family[r] as number
    const d = columns.birthDay[r] as number
    if (a < 0 || b < 0 || c < 0 || d === 0) continue
    const key = `${a}.${b}.${c}.${columns.birthYear[r]}.${columns.birthMonth[r]}.${d}`
    groups.set(key, (groups.get(key) ?? 0) + 1)
  }
  for (const s of groups.values()) pairs += (s * (s - 1)) / 2
  return pairs
}

/** Train a model: u by random pairs, λ by deterministic rules, m by round-robin EM. */
export function trainModel(
  columns: RecordColumns,
  comparer: PairComparer,
  indices: readonly BlockIndex[],
  options: TrainingOptions,
): LinkageModel {
  const model = createStartingModel({
    seed: options.seed,
    ...(options.fixedLevels ? { fixedLevels: options.fixedLevels } : {}),
    ...(options.bands ? { bands: options.bands } : {}),
  })
  const size = columns.size
  const randomPairs = options.randomPairs ?? 300_000
  const random = createRandomSource(options.seed)
  const u = estimateU(comparer, size, random, randomPairs)
  model.comparisons.forEach((c, f) =>
    c.levels.forEach((l, level) => (l.u = (u[f] as number[])[level] ?? l.u)),
  )

  // m: one EM session per blocking rule, then the average of the sessions that estimated it.
  const sums = model.comparisons.map((c) => c.levels.map(() => 0))
  const sessionsPer = model.comparisons.map(() => 0)
  const emPairs = options.emPairsPerRule ?? 150_000
  for (const index of indices) {
    const { patterns, pairs } = countRulePatterns(index, comparer, random, emPairs)
    const excluded = comparisonsBlockedBy(index.rule)
    if (pairs < 50) {
      model.training.sessions.push({
        rule: index.rule.name,
        pairs,
        iterations: 0,
        matchShare: 0,
        estimated: [],
      })
      continue
    }
    const result = runExpectationMaximisation(patterns, model, excluded, {
      ...(options.maxIterations !== undefined ? { maxIterations: options.maxIterations } : {}),
      ...(options.convergence !== undefined ? { convergence: options.convergence } : {}),
    })
    const estimated: string[] = []
    COMPARISONS.forEach((name, f) => {
      if (excluded.has(name)) return
      estimated.push(name)
      sessionsPer[f] = (sessionsPer[f] as number) + 1
      const target = sums[f] as number[]
      ;(result.m[f] as number[]).forEach((v, l) => (target[l] = (target[l] as number) + v))
    })
    model.training.sessions.push({
      rule: index.rule.name,
      pairs,
      iterations: result.iterations,
      matchShare: result.matchShare,
      estimated,
    })
  }
  model.comparisons.forEach((c, f) => {
    const n = sessionsPer[f] as number
    if (n === 0) return
    c.levels.forEach((l, level) => {
      if (!l.fixedM) l.m = ((sums[f] as number[])[level] as number) / n
    })
  })
  // λ (Splink's recipe): pairs agreeing on strict rules, divided by a guess of those
  // rules' recall, over all pairs. On generated Syrian data the strict rules find ~7–8% of
  // true pairs; the earlier guess 0.25 under-estimated λ about threefold, so the model was
  // under-confident (most pairs it scored below 0.1 were true). EM's own match share among
  // candidates was tried and overshot sixfold: within-block non-matches (relatives) look
  // like matches.
  const recall = options.deterministicRecall ?? DEFAULT_DETERMINISTIC_RECALL
  const totalPairs = (size * (size - 1)) / 2
  const nationalIndex = indices.find(
    (ix) => ix.rule.parts.length === 1 && ix.rule.parts[0]?.kind === 'national-id',
  )
  const deterministic = countDeterministicPairs(columns, nationalIndex)
  const lambda =
    totalPairs > 0
      ? Math.min(0.5, Math.max(1e-12, Math.max(1, deterministic) / recall / totalPairs))
      : 0.5
  model.prior = {
    probability: lambda,
    weight: 0,
    method: `strict rules (same national_id; same first+father+family and full birth date): ${deterministic} pairs / assumed recall ${recall} / ${totalPairs} pairs`,
  }
  model.training.records = size
  model.training.randomPairs = randomPairs
  model.training.blockingRules = indices.map((ix) => ix.rule.name)
  return refreshWeights(model)
}
