/**
 * The Fellegi–Sunter model as a JSON-serialisable, versioned object, and the arithmetic
 * of scoring with it. Each comparison level has its own m = P(level | match) and
 * u = P(level | non-match); its weight is log2(m/u); a pair's match weight is the prior
 * log2(λ/(1−λ)) plus each comparison's weight plus term-frequency adjustments, and its
 * probability is 2^w / (1 + 2^w) (Fellegi & Sunter 1969; Splink's theory guide).
 */
import {
  COMPARISONS,
  COMPARISON_COUNT,
  COMPARISON_LEVELS,
  NAME_COMPARISON_COUNT,
  describeLevel,
  type ComparisonName,
} from './comparison-levels.js'

/** Format tag of a saved model file. */
export const MODEL_FORMAT = 'athar-linkage-model'
/** Bump when the meaning of a saved model changes (levels, comparisons, formulas). */
export const MODEL_VERSION = 1
/** Slots per comparison in flat weight tables (null level + up to 7 levels). */
export const LEVEL_SLOTS = 8
/** m and u are clamped before the log so no level is infinitely decisive (Splink clamps too). */
export const PROBABILITY_CLAMP = 1e-6

/** One level's parameters. */
export interface LevelParameters {
  label: string
  m: number
  u: number
  /** log2(m/u). */
  weight: number
  /** m fixed by domain knowledge, not estimated (Splink's fix_m_probability). */
  fixedM?: boolean | undefined
  /** Share of the term-frequency adjustment applied at this level (0 = none). */
  tfWeight: number
}

/** One comparison's parameters. */
export interface ComparisonParameters {
  name: ComparisonName
  levels: LevelParameters[]
}

/** Thresholds of the review bands, as match probabilities. */
export interface BandThresholds {
  /** At or above: linked without review. */
  autoLink: number
  /** At or above (and below autoLink): sent to review. Below: not linked. */
  review: number
}

/** A trained model (what `athar model show` prints and `--model` loads). */
export interface LinkageModel {
  format: typeof MODEL_FORMAT
  version: typeof MODEL_VERSION
  prior: { probability: number; weight: number; method: string }
  comparisons: ComparisonParameters[]
  termFrequency: { minimumU: number; fields: ComparisonName[] }
  bands: BandThresholds
  training: {
    seed: number
    records: number
    randomPairs: number
    sessions: Array<{
      rule: string
      pairs: number
      iterations: number
      matchShare: number
      estimated: string[]
    }>
    blockingRules: string[]
  }
}

/** Default bands: conservative auto-links, since a false "found" harms a family. */
export const DEFAULT_BANDS: BandThresholds = { autoLink: 0.95, review: 0.5 }

/** Match probability of a match weight. */
export function probabilityFromWeight(weight: number): number {
  return 1 / (1 + Math.pow(2, -weight))
}

/** Match weight of a probability. */
export function weightFromProbability(probability: number): number {
  const p = Math.min(1 - 1e-15, Math.max(1e-15, probability))
  return Math.log2(p / (1 - p))
}

/** Weight of a level from its m and u (clamped). */
export function levelWeight(m: number, u: number): number {
  return Math.log2(Math.max(m, PROBABILITY_CLAMP) / Math.max(u, PROBABILITY_CLAMP))
}

/** Recompute every level's weight and the prior weight from m, u and λ. */
export function refreshWeights(model: LinkageModel): LinkageModel {
  for (const comparison of model.comparisons) {
    for (const level of comparison.levels) level.weight = levelWeight(level.m, level.u)
  }
  model.prior.weight = weightFromProbability(model.prior.probability)
  return model
}

/**
 * The model's prior for scoring a different set of records. λ is the chance that two
 * random records of the TRAINING set match; with a steady number of records per person it
 * falls as 1/(n − 1) when the set grows, so a model trained on 1,000,000 records and
 * applied to 20,000 under-states λ fifty-fold. On the 20k held-out set scored with a
 * model trained at 200k, pairs predicted 0.03 were true 33% of the time; rescaled, 6%
 * (decision 0007). Returns a copy; the model is unchanged when the counts are unknown.
 */
export function rescalePriorForRecords(model: LinkageModel, records: number): LinkageModel {
  const trained = model.training.records
  const copy = structuredClone(model)
  if (!(trained > 1) || !(records > 1) || trained === records) return copy
  const lambda = Math.min(0.5, (model.prior.probability * (trained - 1)) / (records - 1))
  copy.prior.probability = lambda
  copy.prior.weight = weightFromProbability(lambda)
  copy.prior.method = `${model.prior.method}; rescaled from ${trained} to ${records} records`
  return copy
}

/** Check a parsed JSON value is a model this engine can use; returns a message when not. */
export function validateModel(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'not a JSON object'
  const v = value as Partial<LinkageModel>
  if (v.format !== MODEL_FORMAT) return `not an Athar linkage model (format ${String(v.format)})`
  if (v.version !== MODEL_VERSION) {
    return `model version ${String(v.version)} is not supported (expected ${MODEL_VERSION})`
  }
  if (!Array.isArray(v.comparisons) || v.comparisons.length !== COMPARISON_COUNT) {
    return 'wrong number of comparisons'
  }
  for (let f = 0; f < COMPARISON_COUNT; f++) {
    const c = v.comparisons[f]
    const name = COMPARISONS[f] as ComparisonName
    if (c?.name !== name) return `comparison ${f} should be ${name}`
    if (c.levels.length !== COMPARISON_LEVELS[name].length) {
      return `comparison ${name} has the wrong number of levels`
    }
  }
  return undefined
}

/** Flat, worker-transferable tables for fast scoring. */
export interface ScoringTables {
  prior: number
  /** weights[f * LEVEL_SLOTS + level]; level 0 (null) weighs 0. */
  weights: Float64Array
  /** tfWeight[f * LEVEL_SLOTS + level]. */
  tfWeights: Float64Array
  /** Per name comparison: TF adjustment per cross-script key id (log2(u_exact) − log2(tf)). */
  tfAdjust: Float32Array[]
  /** Cross-script key id per name value id. */
  nameCrossKey: Int32Array
}

/** Flatten a model's weights. */
export function buildWeightTables(model: LinkageModel): {
  weights: Float64Array
  tfWeights: Float64Array
} {
  const weights = new Float64Array(COMPARISON_COUNT * LEVEL_SLOTS)
  const tfWeights = new Float64Array(COMPARISON_COUNT * LEVEL_SLOTS)
  model.comparisons.forEach((c, f) => {
    c.levels.forEach((level, l) => {
      weights[f * LEVEL_SLOTS + l + 1] = level.weight
      tfWeights[f * LEVEL_SLOTS + l + 1] = level.tfWeight
    })
  })
  return { weights, tfWeights }
}

/**
 * Term-frequency adjustments per name comparison: for each cross-script key, how much
 * rarer or commoner than average an agreement on it is. Agreeing on محمد is weak, on a
 * rare family name strong (Splink term-frequency guide: log2(u_exact) − log2(tf)).
 */
export function buildTermFrequencyAdjustments(
  model: LinkageModel,
  nameColumns: readonly Int32Array[],
  size: number,
  nameCrossKey: ArrayLike<number>,
  crossKeyCount: number,
): Float32Array[] {
  const result: Float32Array[] = []
  for (let f = 0; f < NAME_COMPARISON_COUNT; f++) {
    const counts = new Float64Array(crossKeyCount)
    const column = nameColumns[f] as Int32Array
    let total = 0
    for (let r = 0; r < size; r++) {
      const v = column[r] as number
      if (v >= 0) {
        counts[nameCrossKey[v] as number] = (counts[nameCrossKey[v] as number] as number) + 1
        total++
      }
    }
    const uExact = model.comparisons[f]?.levels[0]?.u ?? 0.01
    const adjust = new Float32Array(crossKeyCount)
    const minU = model.termFrequency.minimumU
    const logU = Math.log2(Math.max(uExact, PROBABILITY_CLAMP))
    for (let k = 0; k < crossKeyCount; k++) {
      const tf = total === 0 ? uExact : (counts[k] as number) / total
      adjust[k] = logU - Math.log2(Math.max(tf, minU))
    }
    result.push(adjust)
  }
  return result
}

/** Build everything scoring needs from a model and the data being scored. */
export function buildScoringTables(
  model: LinkageModel,
  nameColumns: readonly Int32Array[],
  size: number,
  nameCrossKey: ArrayLike<number>,
  crossKeyCount: number,
): ScoringTables {
  const { weights, tfWeights } = buildWeightTables(model)
  return {
    prior: model.prior.weight,
    weights,
    tfWeights,
    tfAdjust: buildTermFrequencyAdjustments(model, nameColumns, size, nameCrossKey, crossKeyCount),
    nameCrossKey: Int32Array.from(nameCrossKey),
  }
}

/** TF adjustment of one name comparison for two value ids at a level. */
export function termFrequencyAdjustment(
  tables: ScoringTables,
  field: number,
  level: number,
  a: number,
  b: number,
): number {
  const share = tables.tfWeights[field * LEVEL_SLOTS + level] as number
  if (share === 0 || a < 0 || b < 0) return 0
  const adjust = tables.tfAdjust[field] as Float32Array
  // New values (added after the tables were built) count as rare-but-unknown: no adjustment.
  const ta = adjust[tables.nameCrossKey[a] ?? -1] ?? 0
  const tb = adjust[tables.nameCrossKey[b] ?? -1] ?? 0
  // The commoner of the two values sets the evidence (Splink: greatest(tf_l, tf_r)).
  return share * (ta < tb ? ta : tb)
}

/** Match weight of a gamma vector for rows whose name value ids are given per field. */
export function scoreGamma(
  tables: ScoringTables,
  gamma: Uint8Array,
  nameColumns: readonly Int32Array[],
  i: number,
  j: number,
): number {
  let w = tables.prior
  const weights = tables.weights
  for (let f = 0; f < COMPARISON_COUNT; f++) {
    const level = gamma[f] as number
    w += weights[f * LEVEL_SLOTS + level] as number
    if (f < NAME_COMPARISON_COUNT && level !== 0) {
      const col = nameColumns[f] as Int32Array
      w += termFrequencyAdjustment(tables, f, level, col[i] as number, col[j] as number)
    }
  }
  return w
}

/** One bar of a pair's waterfall. */
export interface WaterfallStep {
  comparison: ComparisonName
  level: string
  /** Level index, 0 = null (missing: weighs nothing). */
  levelIndex: number
  levelWeight: number
  termFrequencyAdjustment: number
  /** levelWeight + termFrequencyAdjustment. */
  weight: number
}

/** A pair's explanation: prior + each comparison's weight = total. */
export interface PairExplanation {
  prior: number
  steps: WaterfallStep[]
  matchWeight: number
  matchProbability: number
}

/** Explain a scored pair as a waterfall whose steps sum (with the prior) to the total. */
export function explainGamma(
  tables: ScoringTables,
  gamma: Uint8Array,
  nameColumns: readonly Int32Array[],
  i: number,
  j: number,
): PairExplanation {
  const steps: WaterfallStep[] = []
  let total = tables.prior
  for (let f = 0; f < COMPARISON_COUNT; f++) {
    const name = COMPARISONS[f] as ComparisonName
    const level = gamma[f] as number
    const lw = tables.weights[f * LEVEL_SLOTS + level] as number
    let tf = 0
    if (f < NAME_COMPARISON_COUNT && level !== 0) {
      const col = nameColumns[f] as Int32Array
      tf = termFrequencyAdjustment(tables, f, level, col[i] as number, col[j] as number)
    }
    steps.push({
      comparison: name,
      level: describeLevel(name, level),
      levelIndex: level,
      levelWeight: lw,
      termFrequencyAdjustment: tf,
      weight: lw + tf,
    })
    total += lw + tf
  }
  return {
    prior: tables.prior,
    steps,
    matchWeight: total,
    matchProbability: probabilityFromWeight(total),
  }
}
