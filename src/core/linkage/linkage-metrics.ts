/**
 * Evaluation against a known truth (generated data): pairwise precision/recall/F1 at a
 * threshold, the best F1 over thresholds, recall at precision ≥ 0.95, pairs completeness
 * of blocking, B-cubed cluster precision/recall/F1, and calibration by decile
 * (linkage-anchors §6.4).
 */

/** Scored pairs with whether each is a true match. */
export interface ScoredTruth {
  probability: ArrayLike<number>
  isMatch: ArrayLike<number>
  length: number
}

/** Precision, recall and F1. */
export interface PrecisionRecall {
  threshold: number
  precision: number
  recall: number
  f1: number
  truePositives: number
  falsePositives: number
}

function f1Of(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}

/** Number of true matching pairs implied by a truth labelling (Σ C(n, 2) per entity). */
export function countTruePairs(truth: ArrayLike<number>): number {
  const sizes = new Map<number, number>()
  for (let i = 0; i < truth.length; i++) {
    const t = truth[i] as number
    sizes.set(t, (sizes.get(t) ?? 0) + 1)
  }
  let pairs = 0
  for (const s of sizes.values()) pairs += (s * (s - 1)) / 2
  return pairs
}

/** Pairwise P/R/F1 of the pairs at or above `threshold` against `truePairs` true pairs. */
export function measureAtThreshold(
  scored: ScoredTruth,
  truePairs: number,
  threshold: number,
): PrecisionRecall {
  let tp = 0
  let fp = 0
  for (let k = 0; k < scored.length; k++) {
    if ((scored.probability[k] as number) < threshold) continue
    if (scored.isMatch[k]) tp++
    else fp++
  }
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp)
  const recall = truePairs === 0 ? 1 : tp / truePairs
  return {
    threshold,
    precision,
    recall,
    f1: f1Of(precision, recall),
    truePositives: tp,
    falsePositives: fp,
  }
}

/** Sweep all thresholds: the best F1, and the best recall whose precision is ≥ `minPrecision`. */
export function sweepThresholds(
  scored: ScoredTruth,
  truePairs: number,
  minPrecision = 0.95,
): { bestF1: PrecisionRecall; recallAtPrecision: PrecisionRecall } {
  const order = Array.from({ length: scored.length }, (_, k) => k).sort(
    (a, b) => (scored.probability[b] as number) - (scored.probability[a] as number),
  )
  let tp = 0
  let fp = 0
  let best: PrecisionRecall = {
    threshold: 1,
    precision: 1,
    recall: 0,
    f1: 0,
    truePositives: 0,
    falsePositives: 0,
  }
  let atPrecision: PrecisionRecall = { ...best }
  for (let n = 0; n < order.length; n++) {
    const k = order[n] as number
    if (scored.isMatch[k]) tp++
    else fp++
    const p = scored.probability[k] as number
    // Evaluate only at the end of a run of equal scores (a threshold cannot split ties).
    const nextK = order[n + 1]
    if (nextK !== undefined && (scored.probability[nextK] as number) === p) continue
    const precision = tp / (tp + fp)
    const recall = truePairs === 0 ? 1 : tp / truePairs
    const point = {
      threshold: p,
      precision,
      recall,
      f1: f1Of(precision, recall),
      truePositives: tp,
      falsePositives: fp,
    }
    if (point.f1 > best.f1) best = point
    if (precision >= minPrecision && recall > atPrecision.recall) atPrecision = point
  }
  return { bestF1: best, recallAtPrecision: atPrecision }
}

/** B-cubed precision, recall and F1 of a clustering against the truth. */
export function measureBCubed(
  predicted: ArrayLike<number>,
  truth: ArrayLike<number>,
): { precision: number; recall: number; f1: number } {
  const n = predicted.length
  const joint = new Map<string, number>()
  const predSize = new Map<number, number>()
  const truthSize = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const p = predicted[i] as number
    const t = truth[i] as number
    predSize.set(p, (predSize.get(p) ?? 0) + 1)
    truthSize.set(t, (truthSize.get(t) ?? 0) + 1)
    const key = `${p}:${t}`
    joint.set(key, (joint.get(key) ?? 0) + 1)
  }
  let precision = 0
  let recall = 0
  for (let i = 0; i < n; i++) {
    const p = predicted[i] as number
    const t = truth[i] as number
    const both = joint.get(`${p}:${t}`) as number
    precision += both / (predSize.get(p) as number)
    recall += both / (truthSize.get(t) as number)
  }
  precision = n === 0 ? 1 : precision / n
  recall = n === 0 ? 1 : recall / n
  return { precision, recall, f1: f1Of(precision, recall) }
}

/**
 * The precision–recall curve over all thresholds, thinned to about `points` points evenly
 * spaced in recall (a plot needs its shape, not every one of a million pairs).
 */
export function precisionRecallCurve(
  scored: ScoredTruth,
  truePairs: number,
  points = 200,
): Array<{ threshold: number; precision: number; recall: number }> {
  const order = Array.from({ length: scored.length }, (_, k) => k).sort(
    (a, b) => (scored.probability[b] as number) - (scored.probability[a] as number),
  )
  const out: Array<{ threshold: number; precision: number; recall: number }> = []
  let tp = 0
  let fp = 0
  let lastRecall = -1
  for (let n = 0; n < order.length; n++) {
    const k = order[n] as number
    if (scored.isMatch[k]) tp++
    else fp++
    const p = scored.probability[k] as number
    const nextK = order[n + 1]
    const last = nextK === undefined
    if (!last && (scored.probability[nextK] as number) === p) continue
    const recall = truePairs === 0 ? 1 : tp / truePairs
    if (!last && recall - lastRecall < 1 / points) continue
    out.push({ threshold: p, precision: tp / (tp + fp), recall })
    lastRecall = recall
  }
  return out
}

/** Calibration: per probability decile, the mean predicted probability and the observed match rate. */
export function measureCalibration(
  scored: ScoredTruth,
): Array<{ from: number; to: number; pairs: number; meanProbability: number; matchRate: number }> {
  const bins = Array.from({ length: 10 }, (_, d) => ({
    from: d / 10,
    to: (d + 1) / 10,
    pairs: 0,
    sumP: 0,
    matches: 0,
  }))
  for (let k = 0; k < scored.length; k++) {
    const p = scored.probability[k] as number
    const bin = bins[Math.min(9, Math.floor(p * 10))] as (typeof bins)[number]
    bin.pairs++
    bin.sumP += p
    if (scored.isMatch[k]) bin.matches++
  }
  return bins.map((b) => ({
    from: b.from,
    to: b.to,
    pairs: b.pairs,
    meanProbability: b.pairs === 0 ? 0 : b.sumP / b.pairs,
    matchRate: b.pairs === 0 ? 0 : b.matches / b.pairs,
  }))
}
