/**
 * Review bands and reviewer decisions. The model proposes; people decide. A decision is
 * a fact: re-running the model never overrides it. A conclusion that would reach a
 * family with grave news (a match to a deceased record) needs two different reviewers.
 */
import type { BandThresholds } from './linkage-model.js'

/** Where a scored pair falls. */
export type Band = 'auto-link' | 'review' | 'below'

/** Band of a match probability under thresholds from configuration. */
export function bandForProbability(probability: number, thresholds: BandThresholds): Band {
  if (probability >= thresholds.autoLink) return 'auto-link'
  if (probability >= thresholds.review) return 'review'
  return 'below'
}

/** A reviewer's verdict on a pair. */
export type ReviewVerdict = 'same' | 'not_same' | 'unsure'

/** One reviewer decision on one pair of records. */
export interface ReviewDecision {
  leftId: string
  rightId: string
  verdict: ReviewVerdict
  reviewerId: string
  note?: string | undefined
  /** ISO timestamp, given by the caller (core reads no clock). */
  decidedAt: string
  /** Sensitive conclusion (e.g. a match to a deceased record): needs two distinct reviewers. */
  sensitive?: boolean | undefined
}

/** The effective human status of a pair after all its decisions. */
export type PairReviewStatus =
  | { status: 'confirmed_same' }
  | { status: 'confirmed_not_same' }
  | { status: 'awaiting_second_review'; firstReviewerId: string }
  | { status: 'unsure' }
  | { status: 'undecided' }

/** Canonical key of an unordered pair of record ids. */
export function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`
}

/**
 * Resolve a pair's decisions (in the order they were made). The latest verdict of each
 * reviewer counts. "same" needs one reviewer, or two different reviewers when the pair is
 * sensitive; "not_same" from any reviewer cuts unless a later "same" quorum overrides it.
 */
export function resolvePairReview(
  decisions: readonly ReviewDecision[],
  sensitive = false,
): PairReviewStatus {
  if (decisions.length === 0) return { status: 'undecided' }
  const latest = new Map<string, ReviewDecision>()
  for (const d of decisions) latest.set(d.reviewerId, d)
  const needsTwo = sensitive || decisions.some((d) => d.sensitive === true)
  const ordered = [...latest.values()].sort((a, b) => a.decidedAt.localeCompare(b.decidedAt))
  const last = ordered[ordered.length - 1] as ReviewDecision
  const same = ordered.filter((d) => d.verdict === 'same')
  const notSame = ordered.filter((d) => d.verdict === 'not_same')
  if (last.verdict === 'not_same') return { status: 'confirmed_not_same' }
  if (last.verdict === 'same') {
    if (!needsTwo) return { status: 'confirmed_same' }
    if (same.length >= 2) return { status: 'confirmed_same' }
    return notSame.length > 0
      ? { status: 'confirmed_not_same' }
      : { status: 'awaiting_second_review', firstReviewerId: last.reviewerId }
  }
  // Latest is "unsure": an earlier firm verdict by another reviewer still stands.
  if (notSame.length > 0) return { status: 'confirmed_not_same' }
  if (same.length >= (needsTwo ? 2 : 1)) return { status: 'confirmed_same' }
  return { status: 'unsure' }
}

/** Group decisions by pair and resolve each: confirmed links and cuts for clustering. */
export function collectReviewOutcomes(
  decisions: readonly ReviewDecision[],
  isSensitive: (leftId: string, rightId: string) => boolean = () => false,
): {
  links: Array<[string, string]>
  cuts: Array<[string, string]>
  statuses: Map<string, PairReviewStatus>
} {
  const byPair = new Map<string, ReviewDecision[]>()
  for (const d of decisions) {
    const key = pairKey(d.leftId, d.rightId)
    const list = byPair.get(key)
    if (list) list.push(d)
    else byPair.set(key, [d])
  }
  const links: Array<[string, string]> = []
  const cuts: Array<[string, string]> = []
  const statuses = new Map<string, PairReviewStatus>()
  for (const [key, list] of byPair) {
    const first = list[0] as ReviewDecision
    const status = resolvePairReview(list, isSensitive(first.leftId, first.rightId))
    statuses.set(key, status)
    if (status.status === 'confirmed_same') links.push([first.leftId, first.rightId])
    if (status.status === 'confirmed_not_same') cuts.push([first.leftId, first.rightId])
  }
  return { links, cuts, statuses }
}
