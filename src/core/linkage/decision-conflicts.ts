/**
 * Whether a reviewer's new verdict contradicts what other reviewers have already confirmed.
 * Confirmed "same" decisions join records into one person; confirmed "not the same"
 * decisions keep records apart (record-clustering.ts applies both). A "same" that would put
 * two records a reviewer kept apart into one person, or a "not the same" between two
 * records that reviewers' "same" decisions already chain together, cannot both hold: the
 * clustering would quietly refuse one of them and the person ids the reviewer is shown would
 * not be the ones they decided on. The contradiction is named instead, so that the earlier
 * decision is looked at again by a person (the new one is not recorded until it is).
 *
 * Only human facts count here: a machine auto-link that a "not the same" cuts is the normal
 * use of a "not the same", not a contradiction. A disagreement on the very same pair is not
 * one either: that is a second opinion, which review-bands.ts resolves.
 */
import type { ReviewVerdict } from './review-bands.js'

/** An unordered pair of record ids as stored by collectReviewOutcomes. */
export type RecordPair = readonly [string, string]

/**
 * One earlier decision a refused verdict contradicts, as the API names it (problem
 * `details.contradicts` of the decision route) and the review screen shows it.
 */
export interface ContradictedDecision {
  decisionId: string
  left: string
  right: string
  /** The records' names as written, when the reviewer may read them. */
  leftName: string | null
  rightName: string | null
  /** The persons the records belong to now. */
  leftPerson: string | null
  rightPerson: string | null
  verdict: ReviewVerdict
  reviewerName: string | null
  decidedAt: string
}

/** What a new verdict runs into. */
export type DecisionConflict =
  /** "same" across confirmed "not the same" pairs: each cut has one record on either side. */
  | { kind: 'kept_apart'; pairs: RecordPair[] }
  /** "not the same" between records a chain of confirmed "same" pairs joins (the chain, in order). */
  | { kind: 'linked_by'; pairs: RecordPair[] }

/** The conflict of `verdict` on (left, right) with the confirmed links and cuts, if any. */
export function findDecisionConflict(
  links: readonly RecordPair[],
  cuts: readonly RecordPair[],
  left: string,
  right: string,
  verdict: ReviewVerdict,
): DecisionConflict | undefined {
  if (verdict === 'unsure' || left === right) return undefined
  const isThisPair = ([a, b]: RecordPair): boolean =>
    (a === left && b === right) || (a === right && b === left)
  const adjacency = new Map<string, Array<{ to: string; pair: RecordPair }>>()
  for (const pair of links) {
    if (isThisPair(pair)) continue
    const [a, b] = pair
    push(adjacency, a, { to: b, pair })
    push(adjacency, b, { to: a, pair })
  }
  if (verdict === 'not_same') {
    const chain = pathBetween(adjacency, left, right)
    return chain === undefined ? undefined : { kind: 'linked_by', pairs: chain }
  }
  const leftSide = reachable(adjacency, left)
  if (leftSide.has(right)) return undefined // already one person by reviewers' decisions
  const rightSide = reachable(adjacency, right)
  const across = cuts.filter(
    (cut) =>
      !isThisPair(cut) &&
      ((leftSide.has(cut[0]) && rightSide.has(cut[1])) ||
        (leftSide.has(cut[1]) && rightSide.has(cut[0]))),
  )
  return across.length === 0 ? undefined : { kind: 'kept_apart', pairs: across }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function reachable(
  adjacency: Map<string, Array<{ to: string; pair: RecordPair }>>,
  start: string,
): Set<string> {
  const seen = new Set([start])
  const queue = [start]
  for (let k = 0; k < queue.length; k++) {
    for (const { to } of adjacency.get(queue[k] as string) ?? []) {
      if (!seen.has(to)) {
        seen.add(to)
        queue.push(to)
      }
    }
  }
  return seen
}

/** The shortest chain of pairs from start to goal (breadth first), if one exists. */
function pathBetween(
  adjacency: Map<string, Array<{ to: string; pair: RecordPair }>>,
  start: string,
  goal: string,
): RecordPair[] | undefined {
  const via = new Map<string, { from: string; pair: RecordPair } | null>([[start, null]])
  const queue = [start]
  for (let k = 0; k < queue.length; k++) {
    const at = queue[k] as string
    if (at === goal) break
    for (const { to, pair } of adjacency.get(at) ?? []) {
      if (via.has(to)) continue
      via.set(to, { from: at, pair })
      queue.push(to)
    }
  }
  if (!via.has(goal)) return undefined
  const chain: RecordPair[] = []
  for (let step = via.get(goal); step; step = via.get(step.from)) chain.unshift(step.pair)
  return chain
}
