/**
 * Linkage inside the system (docs/decisions/0005-linkage-in-the-system.md): batch runs
 * over stored records as jobs, stored candidate pairs with their waterfalls, the review
 * queue, reviewers' decisions as facts the model never overrides, persons with stable
 * ids, explanations, and incremental linking of new records.
 */
import type { Kysely } from 'kysely'
import type {
  CandidatePairRow,
  Database,
  LinkageRunRow,
  PersonRecordRow,
  ReviewDecisionRow,
} from '../db/database.js'
import * as repo from '../db/linkage.repository.js'
import { listUserNames } from '../db/person.repository.js'
import { findRecordsByIds, streamRecords } from '../db/record.repository.js'
import {
  DEFAULT_BANDS,
  MODEL_VERSION,
  bandForProbability,
  collectReviewOutcomes,
  explainGamma,
  findDecisionConflict,
  linkRecords,
  rescalePriorForRecords,
  pairKey as enginePairKey,
  scorePair,
  COMPARISON_COUNT,
  type Band,
  type BandThresholds,
  type ContradictedDecision,
  type DecisionConflict,
  type LinkageModel,
  type LinkageRecordInput,
  type PairExplanation,
  type PairReviewStatus,
  type ReviewVerdict,
  type WaterfallStep,
} from '../core/linkage/index.js'
import { SENSITIVITIES, type Actor, type Sensitivity } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import { nameForms, type NameForms } from '../core/persons/person-names.js'
import { appendAudit } from './audit.service.js'
import { authorize, isAllowed } from './authorize.js'
import type { ServiceContext } from './context.js'
import { startJob } from './job.service.js'
import { reclusterRegion, toReviewDecision } from './linkage-clusters.js'
import {
  enableIncrementalLinkage,
  invalidateLinkerState,
  isDeceasedRow,
  linkerState,
  modelOfRun,
  newId,
  newOrderedId,
  scheduleCatchUp,
  serializeLinkage,
  toLinkageInput,
  toPairRow,
} from './linkage-incremental.js'
import { isDeceasedRecord } from './linkage-sensitivity.js'
import { fieldsOf, getReadableRecords, type StoredRecord } from './record.service.js'

export { enableIncrementalLinkage, whenLinkageIdle } from './linkage-incremental.js'
export { isDeceasedRecord } from './linkage-sensitivity.js'
export type { ContradictedDecision } from '../core/linkage/index.js'

// ---- configuration -------------------------------------------------------------------

/** Linkage settings an installation may put in its configuration (`config.linkage`). */
export interface LinkageSettings {
  thresholds: BandThresholds
}

/**
 * The band thresholds from configuration: `ctx.config.linkage.thresholds` when the
 * installation sets it, else the engine's conservative defaults (auto-link 0.95, review 0.5).
 */
export function linkageSettingsOf(ctx: ServiceContext): LinkageSettings {
  return { thresholds: { ...DEFAULT_BANDS, ...ctx.config.linkage.thresholds } }
}

function checkThresholds(t: BandThresholds): BandThresholds {
  const ok = (p: number): boolean => Number.isFinite(p) && p > 0 && p < 1
  if (!ok(t.autoLink) || !ok(t.review) || t.review >= t.autoLink) {
    throw new DomainError(
      'validation_failed',
      'Thresholds must be probabilities with 0 < review < auto-link < 1.',
      [{ field: 'thresholds', message: `review ${t.review}, auto-link ${t.autoLink}` }],
    )
  }
  return t
}

/** Pair key stored with decisions (ordered ids; PostgreSQL text cannot hold the engine's NUL separator). */
export function storedPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

function orgResource(actor: Actor, type: string, id?: string) {
  return { organisationId: actor.organisationId, type, ...(id !== undefined ? { id } : {}) }
}

function recordResource(row: PersonRecordRow) {
  return {
    organisationId: row.organisation_id,
    sensitivity: toSensitivity(row.sensitivity),
    sharedWith: JSON.parse(row.shared_with) as string[],
    type: 'record',
    id: row.id,
  }
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

// ---- runs ----------------------------------------------------------------------------

export interface LinkageRunOptions {
  /** Training seed (default 42). */
  seed?: number | undefined
  /** Band thresholds for this run (default: configuration). */
  thresholds?: Partial<BandThresholds> | undefined
  /** Score with the newest run's model instead of training a new one. */
  reuseModel?: boolean | undefined
  onProgress?: ((fraction: number, stage: string) => void) | undefined
}

export interface LinkageRunSummary {
  runId: string
  records: number
  candidatePairs: number
  storedPairs: number
  autoLinks: number
  reviewPairs: number
  persons: number
  createdPersons: number
  mergedPersons: number
  splitPersons: number
  thresholds: BandThresholds
  modelSource: 'trained' | 'reused'
}

function highestLinkable(actor: Actor): Sensitivity | undefined {
  let top: Sensitivity | undefined
  for (const s of SENSITIVITIES) {
    if (isAllowed(actor, 'linkage.run', { organisationId: actor.organisationId, sensitivity: s })) {
      top = s
    }
  }
  return top
}

/** Run linkage over the organisation's stored records (the records the actor may link). */
export async function runLinkage(
  ctx: ServiceContext,
  actor: Actor,
  options: LinkageRunOptions = {},
  runId = newId(),
): Promise<LinkageRunSummary> {
  await authorize(
    ctx,
    actor,
    'linkage.run',
    orgResource(actor, 'organisation', actor.organisationId),
  )
  enableIncrementalLinkage(ctx)
  const thresholds = checkThresholds({
    ...linkageSettingsOf(ctx).thresholds,
    ...options.thresholds,
  })
  const maxSensitivity = highestLinkable(actor) ?? 'normal'
  return serializeLinkage(ctx, async () => {
    const startedAt = ctx.clock().toISOString()
    const previous = options.reuseModel
      ? await repo.findLatestRun(ctx.handle.db, actor.organisationId)
      : undefined
    if (options.reuseModel && !previous) {
      throw new DomainError(
        'conflict',
        'There is no model to reuse yet: run linkage once without reusing.',
      )
    }
    const runRow: LinkageRunRow = {
      id: runId,
      organisation_id: actor.organisationId,
      job_id: null,
      status: 'running',
      model: null,
      model_version: MODEL_VERSION,
      auto_link_threshold: thresholds.autoLink,
      review_threshold: thresholds.review,
      max_sensitivity: maxSensitivity,
      record_count: 0,
      candidate_count: 0,
      stored_pair_count: 0,
      auto_link_count: 0,
      review_count: 0,
      person_count: 0,
      started_by: actor.userId,
      started_at: startedAt,
      finished_at: null,
    }
    await repo.insertRun(ctx.handle.db, runRow)
    try {
      const summary = await executeRun(ctx, actor, runRow, options, previous)
      invalidateLinkerState(ctx, actor.organisationId)
      return summary
    } catch (error) {
      await repo.updateRun(ctx.handle.db, runId, {
        status: 'failed',
        finished_at: ctx.clock().toISOString(),
      })
      throw error
    }
  }).finally(() => scheduleCatchUp(ctx, actor.organisationId))
}

async function executeRun(
  ctx: ServiceContext,
  actor: Actor,
  run: LinkageRunRow,
  options: LinkageRunOptions,
  previous: LinkageRunRow | undefined,
): Promise<LinkageRunSummary> {
  const progress = options.onProgress ?? (() => undefined)
  progress(0.02, 'load')
  const scope = new Set<string>(
    SENSITIVITIES.slice(0, SENSITIVITIES.indexOf(run.max_sensitivity as Sensitivity) + 1),
  )
  const inputs: LinkageRecordInput[] = []
  const deceased = new Set<string>()
  for await (const row of streamRecords(ctx.handle.db, {
    organisationIds: [actor.organisationId],
  })) {
    if (!scope.has(row.sensitivity)) continue
    const fields = fieldsOf(row)
    inputs.push(toLinkageInput(row, fields))
    if (isDeceasedRow(row, fields)) deceased.add(row.id)
  }
  progress(0.15, previous ? 'score' : 'train and score')
  const bands: BandThresholds = { autoLink: run.auto_link_threshold, review: run.review_threshold }
  const result = linkRecords(inputs, {
    seed: options.seed ?? 42,
    bands,
    minProbability: bands.review,
    // The organisation's records have grown since the model was trained: its prior follows
    // the count (decision 0007), as `athar link --model` does.
    ...(previous ? { model: rescalePriorForRecords(modelOfRun(previous), inputs.length) } : {}),
  })
  const model: LinkageModel = { ...result.model, bands }
  run.model = JSON.stringify(model)
  progress(0.7, 'explain')
  const at = ctx.clock().toISOString()
  const pairs: CandidatePairRow[] = []
  const ids = result.table.ids
  for (let k = 0; k < result.pairs.length; k++) {
    const i = result.pairs.left[k] as number
    const j = result.pairs.right[k] as number
    const gamma = result.pairs.gammas.subarray(k * COMPARISON_COUNT, (k + 1) * COMPARISON_COUNT)
    const explanation = explainGamma(result.tables, gamma, result.table.columns.names, i, j)
    const a = ids[i] as string
    const b = ids[j] as string
    pairs.push(toPairRow(run, a, b, explanation, deceased.has(a) || deceased.has(b), 'run', at))
  }
  progress(0.8, 'store and cluster')
  const autoLinks = pairs.filter((p) => p.band === 'auto-link').length
  const reviewPairs = pairs.filter((p) => p.band === 'review').length
  const summary = await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.insertPairs(trx, pairs)
    const clusters = await reclusterRegion(
      trx,
      run,
      { all: ids.slice(0, result.table.size) },
      'run',
      at,
    )
    const finished: Partial<LinkageRunRow> = {
      status: 'succeeded',
      model: run.model,
      record_count: inputs.length,
      candidate_count: result.candidatePairs,
      stored_pair_count: pairs.length,
      auto_link_count: autoLinks,
      review_count: reviewPairs,
      person_count: clusters.personCount,
      finished_at: ctx.clock().toISOString(),
    }
    await repo.updateRun(trx, run.id, finished)
    const out: LinkageRunSummary = {
      runId: run.id,
      records: inputs.length,
      candidatePairs: result.candidatePairs,
      storedPairs: pairs.length,
      autoLinks,
      reviewPairs,
      persons: clusters.personCount,
      createdPersons: clusters.createdPersons,
      mergedPersons: clusters.mergedPersons,
      splitPersons: clusters.splitPersons,
      thresholds: bands,
      modelSource: previous ? 'reused' : 'trained',
    }
    await appendAudit(ctx, trx, actor, {
      action: 'linkage.run',
      objectType: 'linkage_run',
      objectId: run.id,
      details: { ...out, movedRecords: clusters.movedRecords },
    })
    return out
  })
  progress(1, 'done')
  return summary
}

/** Check the right to run linkage at once, then run it as a job with progress. */
export async function startLinkageJob(
  ctx: ServiceContext,
  actor: Actor,
  options: LinkageRunOptions = {},
): Promise<{ jobId: string; runId: string; done: Promise<void> }> {
  await authorize(
    ctx,
    actor,
    'linkage.run',
    orgResource(actor, 'organisation', actor.organisationId),
  )
  checkThresholds({ ...linkageSettingsOf(ctx).thresholds, ...options.thresholds })
  const runId = newId()
  const { id, done } = await startJob(ctx, actor, 'linkage', (job) =>
    runLinkage(ctx, actor, { ...options, onProgress: (f, stage) => job.progress(f, stage) }, runId),
  )
  return { jobId: id, runId, done }
}

// ---- the model -----------------------------------------------------------------------

export interface LinkageRunInfo {
  id: string
  startedBy: string
  startedAt: string
  finishedAt: string | null
  thresholds: BandThresholds
  records: number
  candidatePairs: number
  storedPairs: number
  autoLinks: number
  reviewPairs: number
  persons: number
}

function toRunInfo(run: LinkageRunRow): LinkageRunInfo {
  return {
    id: run.id,
    startedBy: run.started_by,
    startedAt: run.started_at,
    finishedAt: run.finished_at,
    thresholds: { autoLink: run.auto_link_threshold, review: run.review_threshold },
    records: run.record_count,
    candidatePairs: run.candidate_count,
    storedPairs: run.stored_pair_count,
    autoLinks: run.auto_link_count,
    reviewPairs: run.review_count,
    persons: run.person_count,
  }
}

async function authorizeLinkageReader(ctx: ServiceContext, actor: Actor): Promise<void> {
  const resource = orgResource(actor, 'organisation', actor.organisationId)
  if (isAllowed(actor, 'linkage.run', resource) || isAllowed(actor, 'linkage.review', resource)) {
    return
  }
  await authorize(ctx, actor, 'linkage.review', resource)
}

export interface RecordCandidate {
  record: StoredRecord
  probability: number
  band: string
}

/**
 * The stored candidates of one record in the newest run, most likely first, limited to
 * records the actor may read (the person page and the demo's reviewer use it).
 */
export async function candidatesOfRecord(
  ctx: ServiceContext,
  actor: Actor,
  recordId: string,
  limit = 20,
): Promise<RecordCandidate[]> {
  await authorizeLinkageReader(ctx, actor)
  const [self] = await getReadableRecords(ctx, actor, [recordId])
  if (!self) throw new DomainError('not_found', `There is no record ${recordId} you may read.`)
  const run = await repo.findLatestRun(ctx.handle.db, actor.organisationId)
  if (!run) return []
  const pairs = await repo.listPairsOfRecordInRun(ctx.handle.db, run.id, recordId, limit)
  const others = await getReadableRecords(
    ctx,
    actor,
    pairs.map((p) => (p.left_id === recordId ? p.right_id : p.left_id)),
  )
  const byId = new Map(others.map((r) => [r.id, r]))
  const out: RecordCandidate[] = []
  for (const p of pairs) {
    const record = byId.get(p.left_id === recordId ? p.right_id : p.left_id)
    if (record) out.push({ record, probability: p.probability, band: p.band })
  }
  return out
}

/** The current model (newest succeeded run), inspectable: m, u and weight of every level. */
export async function getLinkageModel(
  ctx: ServiceContext,
  actor: Actor,
): Promise<{ run: LinkageRunInfo | null; model: LinkageModel | null }> {
  await authorizeLinkageReader(ctx, actor)
  const run = await repo.findLatestRun(ctx.handle.db, actor.organisationId)
  if (!run) return { run: null, model: null }
  return { run: toRunInfo(run), model: modelOfRun(run) }
}

// ---- explanations --------------------------------------------------------------------

/** A pair's waterfall with its band under the current thresholds. */
export interface PairWaterfall extends PairExplanation {
  leftId: string
  rightId: string
  band: Band
  runId: string
  /** The stored candidate pair, when the run (or an incremental update) kept it. */
  stored: { band: string; origin: string } | null
  review: PairReviewStatus['status']
}

async function loadPairRecords(
  ctx: ServiceContext,
  actor: Actor,
  a: string,
  b: string,
): Promise<[PersonRecordRow, PersonRecordRow]> {
  if (a === b) {
    throw new DomainError('validation_failed', 'Give two different records.', [
      { field: 'right', message: 'must differ from left' },
    ])
  }
  const rows = await findRecordsByIds(ctx.handle.db, [a, b])
  const left = rows.find((r) => r.id === a)
  const right = rows.find((r) => r.id === b)
  // Another organisation's record is "not found", so ids cannot be probed.
  if (
    !left ||
    !right ||
    left.organisation_id !== actor.organisationId ||
    right.organisation_id !== actor.organisationId
  ) {
    throw new DomainError('not_found', 'No such pair of records.')
  }
  return [left, right]
}

/** Explain any pair of the organisation's records with the newest model, candidate or not. */
export async function explainPair(
  ctx: ServiceContext,
  actor: Actor,
  idA: string,
  idB: string,
): Promise<PairWaterfall> {
  await authorizeLinkageReader(ctx, actor)
  const [left, right] = await loadPairRecords(ctx, actor, idA, idB)
  for (const row of [left, right]) await authorize(ctx, actor, 'record.read', recordResource(row))
  const state = await linkerState(ctx, actor.organisationId)
  if (!state) throw new DomainError('conflict', 'There is no linkage model yet: run linkage first.')
  const [l, r] = left.id < right.id ? [left, right] : [right, left]
  const i = state.rowOf.get(l.id)
  const j = state.rowOf.get(r.id)
  const model = state.linker.model
  const explanation: PairExplanation =
    i !== undefined && j !== undefined
      ? state.linker.explainRows(Math.min(i, j), Math.max(i, j))
      : scorePair(model, toLinkageInput(l), toLinkageInput(r), { population: state.linker.table })
  const stored = await repo.findPair(ctx.handle.db, state.run.id, l.id, r.id)
  const decisions = await repo.listDecisionsForPairs(ctx.handle.db, actor.organisationId, [
    storedPairKey(l.id, r.id),
  ])
  const status =
    collectReviewOutcomes(decisions.map(toReviewDecision)).statuses.get(enginePairKey(l.id, r.id))
      ?.status ?? 'undecided'
  await ctx.handle.db.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'linkage.explain',
      objectType: 'pair',
      objectId: storedPairKey(l.id, r.id),
    }),
  )
  return {
    leftId: l.id,
    rightId: r.id,
    prior: explanation.prior,
    steps: explanation.steps,
    matchWeight: explanation.matchWeight,
    matchProbability: explanation.matchProbability,
    band: bandForProbability(explanation.matchProbability, {
      autoLink: state.run.auto_link_threshold,
      review: state.run.review_threshold,
    }),
    runId: state.run.id,
    stored: stored ? { band: stored.band, origin: stored.origin } : null,
    review: status,
  }
}

// ---- the review queue ----------------------------------------------------------------

/** How a comparison reads to a reviewer: evidence for, against, or nothing to compare. */
export type FieldMark = 'agree' | 'disagree' | 'missing'

export interface ReviewComparison {
  comparison: string
  level: string
  mark: FieldMark
  /** Absent in blind mode. */
  weight?: number
  levelWeight?: number
  termFrequencyAdjustment?: number
}

export interface ReviewQueueItem {
  left: StoredRecord
  right: StoredRecord
  sensitive: boolean
  status: PairReviewStatus['status']
  comparisons: ReviewComparison[]
  /** Each record's name as written and the normalised form the engine compared. */
  names: { left: NameForms; right: NameForms }
  /** Absent in blind mode (Splink #1375: labels uninfluenced by the score). */
  band?: string
  prior?: number
  matchWeight?: number
  matchProbability?: number
}

interface StoredWaterfall {
  prior: number
  steps: WaterfallStep[]
  matchWeight: number
}

function markOf(step: WaterfallStep): FieldMark {
  if (step.levelIndex === 0) return 'missing'
  return step.weight > 0 ? 'agree' : 'disagree'
}

const MAX_QUEUE = 50

/** The next pairs to review, most uncertain first (closest to 0.5), without a final decision. */
export async function nextPairsForReview(
  ctx: ServiceContext,
  actor: Actor,
  options: {
    limit?: number | undefined
    blind?: boolean | undefined
    /** Only pairs waiting for a second reviewer (sensitive conclusions). */
    awaitingSecondReview?: boolean | undefined
  } = {},
): Promise<ReviewQueueItem[]> {
  await authorize(
    ctx,
    actor,
    'linkage.review',
    orgResource(actor, 'organisation', actor.organisationId),
  )
  const limit = Math.max(1, Math.min(MAX_QUEUE, Math.floor(options.limit ?? 10)))
  const blind = options.blind ?? false
  const run = await repo.findLatestRun(ctx.handle.db, actor.organisationId)
  if (!run) return []
  const chosen: Array<{ pair: CandidatePairRow; status: PairReviewStatus['status'] }> = []
  const page = limit * 4
  // Bounded scan: a reviewer asks again for more.
  for (let offset = 0; chosen.length < limit && offset < page * 25; offset += page) {
    const pairs = await repo.listReviewablePairs(ctx.handle.db, run.id, offset, page, {
      sensitiveOnly: options.awaitingSecondReview === true,
    })
    if (pairs.length === 0) break
    const decisions = await repo.listDecisionsForPairs(
      ctx.handle.db,
      actor.organisationId,
      pairs.map((p) => storedPairKey(p.left_id, p.right_id)),
    )
    const { statuses } = collectReviewOutcomes(decisions.map(toReviewDecision))
    const mine = new Set(
      decisions.filter((d) => d.reviewer_id === actor.userId).map((d) => d.pair_key),
    )
    for (const pair of pairs) {
      const status = statuses.get(enginePairKey(pair.left_id, pair.right_id))?.status ?? 'undecided'
      if (status === 'confirmed_same' || status === 'confirmed_not_same') continue
      if (options.awaitingSecondReview === true && status !== 'awaiting_second_review') continue
      // The same reviewer twice does not count: a pair they decided is not theirs again.
      if (mine.has(storedPairKey(pair.left_id, pair.right_id))) continue
      chosen.push({ pair, status })
      if (chosen.length >= limit * 2) break
    }
  }
  const records = await getReadableRecords(ctx, actor, [
    ...new Set(chosen.flatMap((c) => [c.pair.left_id, c.pair.right_id])),
  ])
  const byId = new Map(records.map((r) => [r.id, r]))
  const items: ReviewQueueItem[] = []
  for (const { pair, status } of chosen) {
    const left = byId.get(pair.left_id)
    const right = byId.get(pair.right_id)
    if (!left || !right || items.length >= limit) continue
    // A second opinion on a sensitive pair is for those who may give it.
    if (
      pair.sensitive === 1 &&
      status === 'awaiting_second_review' &&
      !isAllowed(actor, 'linkage.review_sensitive', {
        organisationId: actor.organisationId,
        sensitivity: maxSensitivity(left, right),
      })
    ) {
      continue
    }
    const waterfall = JSON.parse(pair.contributions) as StoredWaterfall
    items.push(
      reviewItemOf(left, right, pair.sensitive === 1, status, blind, {
        steps: waterfall.steps,
        band: pair.band,
        prior: waterfall.prior,
        matchWeight: pair.weight,
        matchProbability: pair.probability,
      }),
    )
  }
  await ctx.handle.db.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'linkage.review_queue',
      objectType: 'linkage_run',
      objectId: run.id,
      details: {
        pairs: items.length,
        blind,
        records: items.flatMap((i) => [i.left.id, i.right.id]),
      },
    }),
  )
  return items
}

/**
 * One pair, chosen by the reviewer rather than the queue, as a queue item: a decision named
 * by a contradiction, or a pair opened from a person's page, can be looked at again and
 * answered. Scored with the newest model (candidate or not), with its review status now.
 */
export async function pairForReview(
  ctx: ServiceContext,
  actor: Actor,
  idA: string,
  idB: string,
  options: { blind?: boolean | undefined } = {},
): Promise<ReviewQueueItem> {
  await authorize(
    ctx,
    actor,
    'linkage.review',
    orgResource(actor, 'organisation', actor.organisationId),
  )
  const waterfall = await explainPair(ctx, actor, idA, idB)
  const [left, right] = await getReadableRecords(ctx, actor, [waterfall.leftId, waterfall.rightId])
  if (left === undefined || right === undefined) {
    throw new DomainError('not_found', 'No such pair of records.')
  }
  const sensitive = [left, right].some((r) =>
    isDeceasedRecord({ sourceKind: r.provenance.source_kind, fields: r.fields }),
  )
  return reviewItemOf(left, right, sensitive, waterfall.review, options.blind ?? false, waterfall)
}

/** A pair as the review screen shows it; in blind mode without any score (Splink #1375). */
function reviewItemOf(
  left: StoredRecord,
  right: StoredRecord,
  sensitive: boolean,
  status: PairReviewStatus['status'],
  blind: boolean,
  scored: {
    steps: readonly WaterfallStep[]
    band: string
    prior: number
    matchWeight: number
    matchProbability: number
  },
): ReviewQueueItem {
  const item: ReviewQueueItem = {
    left,
    right,
    names: { left: nameForms(left.fields), right: nameForms(right.fields) },
    sensitive,
    status,
    comparisons: scored.steps.map((s) =>
      blind
        ? { comparison: s.comparison, level: s.level, mark: markOf(s) }
        : {
            comparison: s.comparison,
            level: s.level,
            mark: markOf(s),
            weight: s.weight,
            levelWeight: s.levelWeight,
            termFrequencyAdjustment: s.termFrequencyAdjustment,
          },
    ),
  }
  if (!blind) {
    Object.assign(item, {
      band: scored.band,
      prior: scored.prior,
      matchWeight: scored.matchWeight,
      matchProbability: scored.matchProbability,
    })
  }
  return item
}

function maxSensitivity(a: StoredRecord, b: StoredRecord): Sensitivity {
  return SENSITIVITIES.indexOf(a.sensitivity) >= SENSITIVITIES.indexOf(b.sensitivity)
    ? a.sensitivity
    : b.sensitivity
}

// ---- decisions -----------------------------------------------------------------------

export interface DecisionRequest {
  left: string
  right: string
  verdict: ReviewVerdict
  note?: string | undefined
}

export interface DecisionOutcome {
  decisionId: string
  status: PairReviewStatus['status']
  sensitive: boolean
  /** Person of each record after the decision (absent before the first run). */
  persons: { left: string | null; right: string | null }
}

const VERDICTS: readonly ReviewVerdict[] = ['same', 'not_same', 'unsure']

/** A committed reviewer decision, as told to listeners (cases follow their matches). */
export interface PairDecidedEvent {
  organisationId: string
  leftId: string
  rightId: string
  verdict: ReviewVerdict
  reviewerId: string
}
export type PairDecidedListener = (event: PairDecidedEvent) => Promise<void>
const decisionListeners = new WeakMap<ServiceContext, PairDecidedListener[]>()

/** Be told of each decision after it is committed; decidePair waits for the listener. */
export function onPairDecided(ctx: ServiceContext, listener: PairDecidedListener): void {
  decisionListeners.set(ctx, [...(decisionListeners.get(ctx) ?? []), listener])
}

/** Store a reviewer's decision as a fact and update the persons it touches. */
export async function decidePair(
  ctx: ServiceContext,
  actor: Actor,
  request: DecisionRequest,
): Promise<DecisionOutcome> {
  await authorize(ctx, actor, 'linkage.review', orgResource(actor, 'pair'))
  if (!VERDICTS.includes(request.verdict)) {
    throw new DomainError('validation_failed', 'The verdict must be same, not_same or unsure.', [
      { field: 'verdict', message: 'same, not_same or unsure' },
    ])
  }
  const note = request.note?.trim() ?? ''
  if (note.length > 2000) {
    throw new DomainError('validation_failed', 'The note is longer than 2000 characters.', [
      { field: 'note', message: 'at most 2000 characters' },
    ])
  }
  const [a, b] = await loadPairRecords(ctx, actor, request.left, request.right)
  for (const row of [a, b]) {
    const res = recordResource(row)
    if (!isAllowed(actor, 'linkage.review', res)) {
      await authorize(ctx, actor, 'linkage.review_sensitive', res)
    }
  }
  const [left, right] = a.id < b.id ? [a, b] : [b, a]
  const sensitive = isDeceasedRow(left) || isDeceasedRow(right)
  const key = storedPairKey(left.id, right.id)
  enableIncrementalLinkage(ctx)
  const outcome = await serializeLinkage(ctx, async () => {
    const earlier = await repo.listDecisionsForPairs(ctx.handle.db, actor.organisationId, [key])
    if (request.verdict !== 'unsure') {
      await refuseContradiction(ctx, actor, left.id, right.id, request.verdict)
    }
    if (sensitive && request.verdict === 'same' && secondSame(earlier, actor.userId)) {
      // The confirming second "same" on a sensitive pair is a sensitive conclusion.
      const top =
        SENSITIVITIES.indexOf(toSensitivity(left.sensitivity)) >=
        SENSITIVITIES.indexOf(toSensitivity(right.sensitivity))
          ? left
          : right
      await authorize(ctx, actor, 'linkage.review_sensitive', recordResource(top))
    }
    const run = await repo.findLatestRun(ctx.handle.db, actor.organisationId)
    const stored = run ? await repo.findPair(ctx.handle.db, run.id, left.id, right.id) : undefined
    const at = ctx.clock().toISOString()
    const row: ReviewDecisionRow = {
      // Ordered: "the latest verdict" must not depend on a random id when times tie.
      id: newOrderedId(),
      organisation_id: actor.organisationId,
      pair_key: key,
      left_id: left.id,
      right_id: right.id,
      verdict: request.verdict,
      note: note === '' ? null : note,
      reviewer_id: actor.userId,
      sensitive: sensitive ? 1 : 0,
      run_id: run?.id ?? null,
      probability: stored?.probability ?? null,
      decided_at: at,
    }
    const status =
      collectReviewOutcomes([...earlier, row].map(toReviewDecision)).statuses.get(
        enginePairKey(left.id, right.id),
      )?.status ?? 'undecided'
    return ctx.handle.db.transaction().execute(async (trx) => {
      await repo.insertDecision(trx, row)
      const persons = run
        ? await reclusterAfterDecision(trx, run, left.id, right.id, at)
        : { left: null, right: null }
      await appendAudit(ctx, trx, actor, {
        action: 'linkage.decide',
        objectType: 'pair',
        objectId: key,
        details: {
          decision: row.id,
          verdict: row.verdict,
          status,
          sensitive,
          hasNote: row.note !== null,
        },
      })
      return { decisionId: row.id, status, sensitive, persons }
    })
  })
  const event = {
    organisationId: actor.organisationId,
    leftId: left.id,
    rightId: right.id,
    verdict: request.verdict,
    reviewerId: actor.userId,
  }
  for (const listener of decisionListeners.get(ctx) ?? []) await listener(event)
  return outcome
}

/**
 * Refuse a verdict that contradicts reviewers' confirmed decisions (decision-conflicts.ts),
 * naming each earlier decision so that it can be looked at again first. All the
 * organisation's decisions are read: they are human facts, thousands at most, and a chain
 * of "same" decisions may run through any of them.
 */
async function refuseContradiction(
  ctx: ServiceContext,
  actor: Actor,
  left: string,
  right: string,
  verdict: ReviewVerdict,
): Promise<void> {
  const all = await repo.listDecisions(ctx.handle.db, actor.organisationId)
  const { links, cuts } = collectReviewOutcomes(all.map(toReviewDecision))
  const conflict = findDecisionConflict(links, cuts, left, right, verdict)
  if (conflict === undefined) return
  const firm = conflict.kind === 'kept_apart' ? 'not_same' : 'same'
  const latestOf = (pair: readonly [string, string]): ReviewDecisionRow | undefined =>
    all
      .filter(
        (d) =>
          d.verdict === firm &&
          ((d.left_id === pair[0] && d.right_id === pair[1]) ||
            (d.left_id === pair[1] && d.right_id === pair[0])),
      )
      .at(-1)
  const rows = conflict.pairs.map(latestOf).filter((d): d is ReviewDecisionRow => d !== undefined)
  const names = new Map(
    (
      await listUserNames(
        ctx.handle.db,
        rows.map((d) => d.reviewer_id),
      )
    ).map((u) => [u.id, u.display_name]),
  )
  const ids = [...new Set(rows.flatMap((d) => [d.left_id, d.right_id]))]
  const nameOf = new Map(
    (await getReadableRecords(ctx, actor, ids)).map((r) => [r.id, nameForms(r.fields).written]),
  )
  const personOf = new Map(
    (await repo.findMemberships(ctx.handle.db, ids)).map((m) => [m.record_id, m.person_id]),
  )
  const decisions: ContradictedDecision[] = rows.map((d) => ({
    decisionId: d.id,
    left: d.left_id,
    right: d.right_id,
    leftName: nameOf.get(d.left_id) ?? null,
    rightName: nameOf.get(d.right_id) ?? null,
    leftPerson: personOf.get(d.left_id) ?? null,
    rightPerson: personOf.get(d.right_id) ?? null,
    verdict: d.verdict as ReviewVerdict,
    reviewerName: names.get(d.reviewer_id) ?? null,
    decidedAt: d.decided_at,
  }))
  throw new DomainError(
    'conflict',
    contradictionMessage(conflict, decisions),
    decisions.map((d) => ({
      field: 'verdict',
      reason: conflict.kind === 'kept_apart' ? 'contradicts_not_same' : 'contradicts_same',
      message: `${d.leftName ?? d.left} / ${d.rightName ?? d.right}: ${d.verdict === 'same' ? 'the same person' : 'not the same person'} (${d.reviewerName ?? 'a reviewer'}, ${d.decidedAt.slice(0, 10)})`,
    })),
    { contradicts: decisions },
  )
}

function contradictionMessage(
  conflict: DecisionConflict,
  decisions: readonly ContradictedDecision[],
): string {
  const who = (d: ContradictedDecision | undefined): string =>
    d === undefined
      ? 'a reviewer'
      : `${d.reviewerName ?? 'a reviewer'} (${d.decidedAt.slice(0, 10)})`
  return conflict.kind === 'kept_apart'
    ? `Not recorded: this would make one person of records that ${who(decisions[0])} decided are not the same person (${decisions.length === 1 ? 'one decision' : `${decisions.length} decisions`}, listed). Review that decision first, or ask its reviewer.`
    : `Not recorded: these records are already one person through ${decisions.length === 1 ? 'a "same" decision' : `a chain of ${decisions.length} "same" decisions`} (listed; the first by ${who(decisions[0])}). Review the decision in that chain that is wrong instead.`
}

function secondSame(earlier: readonly ReviewDecisionRow[], reviewerId: string): boolean {
  const latest = new Map<string, string>()
  for (const d of earlier) latest.set(d.reviewer_id, d.verdict)
  return [...latest].some(([who, verdict]) => who !== reviewerId && verdict === 'same')
}

async function reclusterAfterDecision(
  trx: Kysely<Database>,
  run: LinkageRunRow,
  left: string,
  right: string,
  at: string,
): Promise<{ left: string | null; right: string | null }> {
  const outcome = await reclusterRegion(trx, run, { seeds: [left, right] }, 'decision', at)
  return { left: outcome.personOf.get(left) ?? null, right: outcome.personOf.get(right) ?? null }
}

// ---- persons -------------------------------------------------------------------------

export interface PersonHistoryEvent {
  personId: string
  kind: string
  otherPersonId: string | null
  cause: string
  runId: string | null
  at: string
}

export interface PersonView {
  id: string
  /** The id asked for, when it was merged into this one. */
  requestedId: string
  status: string
  splitFrom: string | null
  createdAt: string
  records: StoredRecord[]
  history: PersonHistoryEvent[]
}

/** A person: the records the actor may read, and the history of its id. A merged id resolves to its survivor. */
export async function findPerson(
  ctx: ServiceContext,
  actor: Actor,
  personId: string,
): Promise<PersonView> {
  await authorize(ctx, actor, 'record.read')
  let person = await repo.findPersonById(ctx.handle.db, personId)
  for (
    let hops = 0;
    person && person.status === 'merged' && person.merged_into && hops < 20;
    hops++
  ) {
    person = await repo.findPersonById(ctx.handle.db, person.merged_into)
  }
  if (!person || person.organisation_id !== actor.organisationId) {
    throw new DomainError('not_found', 'No such person.')
  }
  const members = await repo.listMembersOfPersons(ctx.handle.db, [person.id])
  const records = await getReadableRecords(ctx, actor, members.map((m) => m.record_id).sort())
  if (records.length === 0) throw new DomainError('not_found', 'No such person.')
  const ids = new Set([person.id, personId])
  const history: PersonHistoryEvent[] = []
  for (const id of ids) {
    for (const e of await repo.listPersonEvents(ctx.handle.db, id)) {
      if (
        !history.some(
          (h) =>
            h.at === e.at &&
            h.personId === e.person_id &&
            h.kind === e.kind &&
            h.otherPersonId === e.other_person_id,
        )
      ) {
        history.push({
          personId: e.person_id,
          kind: e.kind,
          otherPersonId: e.other_person_id,
          cause: e.cause,
          runId: e.run_id,
          at: e.at,
        })
      }
    }
  }
  history.sort((x, y) => x.at.localeCompare(y.at))
  await ctx.handle.db.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'person.read',
      objectType: 'person',
      objectId: person.id,
      details: { records: records.length },
    }),
  )
  return {
    id: person.id,
    requestedId: personId,
    status: person.status,
    splitFrom: person.split_from,
    createdAt: person.created_at,
    records,
    history,
  }
}
