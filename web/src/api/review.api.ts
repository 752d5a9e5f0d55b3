/**
 * The calls of the match review screen. The shapes mirror ReviewQueueItem and
 * DecisionOutcome of src/services/linkage.service.ts as src/http/routes/linkage.routes.ts
 * serves them (web/ may import only src/contract, so they are restated here, limited to
 * what the screen reads).
 */
import { requestJson, type ApiResult } from './http-client.js'

export type Sensitivity = 'normal' | 'sensitive' | 'restricted'

/** A stored record: its fields as written in its source, and where it came from. */
/** A name as its source wrote it, and the normalised form the engine compared (null when the same). */
export interface ReviewNameForms {
  written: string | null
  normalised: string | null
  script: string | null
}

export interface ReviewRecord {
  id: string
  /** Spec column → value as the source wrote it; `extra` holds columns the spec does not name. */
  fields: Record<string, unknown> & { extra?: Record<string, string> }
  provenance: {
    source_kind?: string
    document?: string
    row_number?: number
    imported_at?: string
  }
  sensitivity: Sensitivity
}

/** How the server reads a comparison: evidence for, against, or nothing to compare. */
export type ServerMark = 'agree' | 'disagree' | 'missing'

export interface ReviewComparison {
  comparison: string
  level: string
  mark: ServerMark
  /** Absent in blind mode. */
  weight?: number
}

export type PairStatus =
  'undecided' | 'unsure' | 'awaiting_second_review' | 'confirmed_same' | 'confirmed_not_same'

export interface ReviewQueueItem {
  left: ReviewRecord
  right: ReviewRecord
  /** A conclusion on this pair needs two reviewers (a record of a deceased person). */
  sensitive: boolean
  status: PairStatus
  comparisons: ReviewComparison[]
  names?: { left: ReviewNameForms; right: ReviewNameForms }
  /** The scores are absent in blind mode (the server leaves them out). */
  band?: string
  prior?: number
  matchWeight?: number
  matchProbability?: number
}

export type Verdict = 'same' | 'not_same' | 'unsure'

export interface DecisionRequest {
  left: string
  right: string
  verdict: Verdict
  note?: string
}

export interface DecisionOutcome {
  decisionId: string
  status: PairStatus
  sensitive: boolean
  /** The person of each record after the decision (null before any linkage run). */
  persons: { left: string | null; right: string | null }
}

/**
 * The next pairs to review, families' cases first then the most uncertain
 * (GET /api/linkage/review-queue); `secondOpinion` asks only for pairs awaiting a second reviewer.
 */
export async function fetchReviewQueue(options: {
  limit: number
  blind: boolean
  secondOpinion?: boolean
}): Promise<ApiResult<ReviewQueueItem[]>> {
  const params = new URLSearchParams({ limit: String(options.limit) })
  if (options.blind) params.set('blind', 'true')
  if (options.secondOpinion === true) params.set('status', 'awaiting_second_review')
  const result = await requestJson<{ items: ReviewQueueItem[] }>(
    'GET',
    `/api/linkage/review-queue?${params}`,
  )
  return result.ok ? { ok: true, value: result.value.items } : result
}

/** Records a decision on a pair (POST /api/linkage/decisions, with the CSRF header). */
export function decidePair(body: DecisionRequest): Promise<ApiResult<DecisionOutcome>> {
  return requestJson<DecisionOutcome>('POST', '/api/linkage/decisions', body)
}

/** One chosen pair as a review item (GET /api/linkage/pair): to look at a decision again. */
export function fetchPair(
  left: string,
  right: string,
  blind: boolean,
): Promise<ApiResult<ReviewQueueItem>> {
  const params = new URLSearchParams({ left, right })
  if (blind) params.set('blind', 'true')
  return requestJson<ReviewQueueItem>('GET', `/api/linkage/pair?${params}`)
}
