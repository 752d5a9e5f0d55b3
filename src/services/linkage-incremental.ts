/**
 * Incremental linkage: one IncrementalLinker per organisation per process, built lazily
 * from the stored records and the newest run's model (like the search index), kept
 * current as imports add records. A new record is scored against the stored ones (and
 * the other new ones), its candidate pairs are stored with their waterfalls, and only
 * its region's persons are reclustered — no full re-run.
 *
 * Catch-up is the one mechanism: "link every record of the organisation that belongs to
 * no person yet". The import listener triggers it, so does building the state, so
 * records imported by another process (the CLI) are linked the next time the server
 * touches linkage. Without a run there is no model, and nothing happens.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CandidatePairRow, Database, LinkageRunRow, PersonRecordRow } from '../db/database.js'
import * as repo from '../db/linkage.repository.js'
import { findRecordsByIds, streamRecords } from '../db/record.repository.js'
import {
  IncrementalLinker,
  RecordTable,
  bandForProbability,
  validateModel,
  type LinkageModel,
  type LinkageRecordInput,
  type PairExplanation,
} from '../core/linkage/index.js'
import { SENSITIVITIES, type Sensitivity } from '../core/access/policy.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import { appendAudit } from './audit.service.js'
import type { ServiceContext } from './context.js'
import { reclusterRegion } from './linkage-clusters.js'
import { isDeceasedRecord } from './linkage-sensitivity.js'
import { fieldsOf, onRecordsAdded } from './record.service.js'
import { linkageInputOf } from '../core/linkage/index.js'

/** How many candidates of a new record are kept (then those at or above the review threshold are stored). */
export const INCREMENTAL_TOP_K = 10

/** The engine's view of a stored record: its database id is the record id. */
export function toLinkageInput(
  row: PersonRecordRow,
  f: PersonRecordFields = fieldsOf(row),
): LinkageRecordInput {
  return linkageInputOf(f, row.id)
}

/** Whether a stored row is a deceased record (makes its pairs sensitive). */
export function isDeceasedRow(
  row: PersonRecordRow,
  fields: PersonRecordFields = fieldsOf(row),
): boolean {
  return isDeceasedRecord({ sourceKind: row.source_kind, fields })
}

/** The sensitivities up to and including `max`. */
export function sensitivitiesUpTo(max: string): Sensitivity[] {
  const top = SENSITIVITIES.indexOf(max as Sensitivity)
  return SENSITIVITIES.slice(0, top < 0 ? 2 : top + 1)
}

/** The stored (run's) model of a run row. */
export function modelOfRun(run: LinkageRunRow): LinkageModel {
  const parsed: unknown = JSON.parse(run.model ?? 'null')
  const problem = validateModel(parsed)
  if (problem !== undefined) {
    throw new Error(`stored model of run ${run.id} is unusable: ${problem}`)
  }
  return parsed as LinkageModel
}

/** A candidate-pair row from an explanation (ids ordered so each pair has one key). */
export function toPairRow(
  run: LinkageRunRow,
  a: string,
  b: string,
  explanation: PairExplanation,
  sensitive: boolean,
  origin: 'run' | 'incremental',
  at: string,
): CandidatePairRow {
  const [left, right] = a < b ? [a, b] : [b, a]
  return {
    run_id: run.id,
    organisation_id: run.organisation_id,
    left_id: left,
    right_id: right,
    probability: explanation.matchProbability,
    weight: explanation.matchWeight,
    band: bandForProbability(explanation.matchProbability, {
      autoLink: run.auto_link_threshold,
      review: run.review_threshold,
    }),
    sensitive: sensitive ? 1 : 0,
    origin,
    contributions: JSON.stringify({
      prior: explanation.prior,
      steps: explanation.steps,
      matchWeight: explanation.matchWeight,
    }),
    created_at: at,
  }
}

// ---- one writer at a time per process -------------------------------------------------

const chains = new WeakMap<ServiceContext, Promise<unknown>>()

/** Run `work` after every earlier linkage write of this process (runs, decisions, catch-ups). */
export function serializeLinkage<T>(ctx: ServiceContext, work: () => Promise<T>): Promise<T> {
  const previous = chains.get(ctx) ?? Promise.resolve()
  const next = previous.then(work, work)
  chains.set(
    ctx,
    next.catch(() => undefined),
  )
  return next
}

// ---- the per-organisation linker -----------------------------------------------------

export interface LinkerState {
  run: LinkageRunRow
  linker: IncrementalLinker
  rowOf: Map<string, number>
  deceased: Set<string>
  /** Whether the records no person held when the linker was built have been linked. */
  caughtUp: boolean
}

const states = new WeakMap<ServiceContext, Map<string, Promise<LinkerState | undefined>>>()

async function buildState(
  ctx: ServiceContext,
  organisationId: string,
): Promise<LinkerState | undefined> {
  const run = await repo.findLatestRun(ctx.handle.db, organisationId)
  if (!run) return undefined
  const linked = new Set(
    (await repo.listMemberships(ctx.handle.db, organisationId)).map((m) => m.record_id),
  )
  const table = new RecordTable({ capacity: linked.size + 16 })
  const rowOf = new Map<string, number>()
  const deceased = new Set<string>()
  const scope = new Set<string>(sensitivitiesUpTo(run.max_sensitivity))
  for await (const row of streamRecords(ctx.handle.db, { organisationIds: [organisationId] })) {
    if (!linked.has(row.id) || !scope.has(row.sensitivity)) continue
    const fields = fieldsOf(row)
    rowOf.set(row.id, table.addRecord(toLinkageInput(row, fields)))
    if (isDeceasedRow(row, fields)) deceased.add(row.id)
  }
  return {
    run,
    linker: new IncrementalLinker(table, modelOfRun(run)),
    rowOf,
    deceased,
    caughtUp: false,
  }
}

/** The organisation's linker, built on first use (undefined while no run exists). */
export async function linkerState(
  ctx: ServiceContext,
  organisationId: string,
): Promise<LinkerState | undefined> {
  let byOrg = states.get(ctx)
  if (!byOrg) {
    byOrg = new Map()
    states.set(ctx, byOrg)
  }
  let state = byOrg.get(organisationId)
  if (!state) {
    state = buildState(ctx, organisationId)
    byOrg.set(organisationId, state)
    // A failed build is not cached: the next call tries again.
    state.catch(() => byOrg.delete(organisationId))
  }
  const built = await state
  // No run yet: do not cache "nothing", a run may come.
  if (!built) byOrg.delete(organisationId)
  return built
}

/** Forget the organisation's linker (a new run brought a new model). */
export function invalidateLinkerState(ctx: ServiceContext, organisationId: string): void {
  states.get(ctx)?.delete(organisationId)
}

// ---- catch-up ------------------------------------------------------------------------

const BATCH = 500

/** Outcome of linking new records. */
export interface CatchUpOutcome {
  records: number
  pairs: number
}

/**
 * Link new records of the organisation (inside the writer queue): the given ids, or — the
 * first time after the linker is built, or when no ids are given — every record in no
 * person yet (the catch-up for records another process imported).
 */
export async function linkNewRecords(
  ctx: ServiceContext,
  organisationId: string,
  recordIds?: readonly string[],
): Promise<CatchUpOutcome> {
  const state = await linkerState(ctx, organisationId)
  const total: CatchUpOutcome = { records: 0, pairs: 0 }
  if (!state) return total
  const scope = sensitivitiesUpTo(state.run.max_sensitivity)
  if (recordIds !== undefined && state.caughtUp) {
    const linked = new Set(
      (await repo.findMemberships(ctx.handle.db, recordIds)).map((m) => m.record_id),
    )
    const rows = (await findRecordsByIds(ctx.handle.db, recordIds)).filter(
      (r) =>
        r.organisation_id === organisationId &&
        scope.includes(toSensitivity(r.sensitivity)) &&
        !linked.has(r.id),
    )
    rows.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))
    for (let i = 0; i < rows.length; i += BATCH) {
      await linkRows(ctx, state, rows.slice(i, i + BATCH), total)
    }
    return total
  }
  for (;;) {
    const rows = await repo.listUnlinkedRecords(ctx.handle.db, organisationId, scope, BATCH)
    if (rows.length === 0) break
    await linkRows(ctx, state, rows, total)
    // Every record of a reclustered region gets a person; fewer than a batch means done.
    if (rows.length < BATCH) break
  }
  state.caughtUp = true
  return total
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

async function linkRows(
  ctx: ServiceContext,
  state: LinkerState,
  rows: readonly PersonRecordRow[],
  total: CatchUpOutcome,
): Promise<void> {
  if (rows.length === 0) return
  const at = ctx.clock().toISOString()
  const pairs = scoreNewRows(state, rows, at)
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.insertPairs(trx, pairs)
    const outcome = await reclusterRegion(
      trx,
      state.run,
      { seeds: rows.map((r) => r.id) },
      'incremental',
      at,
    )
    await appendIncrementalAudit(
      ctx,
      trx,
      state.run,
      rows.length,
      pairs,
      outcome.createdPersons,
      outcome.mergedPersons,
    )
  })
  total.records += rows.length
  total.pairs += pairs.length
}

function scoreNewRows(
  state: LinkerState,
  rows: readonly PersonRecordRow[],
  at: string,
): CandidatePairRow[] {
  const pairs: CandidatePairRow[] = []
  for (const row of rows) {
    if (isDeceasedRow(row)) state.deceased.add(row.id)
    let own = state.rowOf.get(row.id)
    let candidates: Array<{ row: number; recordId: string; matchProbability: number }>
    if (own === undefined) {
      const added = state.linker.addRecord(toLinkageInput(row), INCREMENTAL_TOP_K)
      own = added.row
      state.rowOf.set(row.id, own)
      candidates = added.candidates
    } else {
      // Already indexed (e.g. its person was lost): score it against the others again.
      candidates = state.linker
        .findCandidates(toLinkageInput(row), INCREMENTAL_TOP_K + 1)
        .filter((c) => c.row !== own)
    }
    for (const c of candidates) {
      if (c.matchProbability < state.run.review_threshold) continue
      const explanation = state.linker.explainRows(Math.min(own, c.row), Math.max(own, c.row))
      const sensitive = state.deceased.has(row.id) || state.deceased.has(c.recordId)
      pairs.push(
        toPairRow(state.run, row.id, c.recordId, explanation, sensitive, 'incremental', at),
      )
    }
  }
  return pairs
}

async function appendIncrementalAudit(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  run: LinkageRunRow,
  records: number,
  pairs: readonly CandidatePairRow[],
  created: number,
  merged: number,
): Promise<void> {
  await appendAudit(ctx, trx, undefined, {
    action: 'linkage.incremental',
    objectType: 'linkage_run',
    objectId: run.id,
    details: {
      organisationId: run.organisation_id,
      records,
      pairs: pairs.length,
      autoLinks: pairs.filter((p) => p.band === 'auto-link').length,
      createdPersons: created,
      mergedPersons: merged,
    },
  })
}

// ---- wiring to imports ---------------------------------------------------------------

const enabled = new WeakSet<ServiceContext>()
const failures = new WeakMap<ServiceContext, unknown[]>()
const idle = new WeakMap<ServiceContext, Promise<unknown>>()

/** Queue a catch-up of an organisation; failures are kept for `whenLinkageIdle`. */
export function scheduleCatchUp(
  ctx: ServiceContext,
  organisationId: string,
  recordIds?: readonly string[],
): void {
  const job = serializeLinkage(ctx, () => linkNewRecords(ctx, organisationId, recordIds)).catch(
    (error: unknown) => {
      const list = failures.get(ctx) ?? []
      list.push(error)
      failures.set(ctx, list)
    },
  )
  idle.set(ctx, Promise.all([idle.get(ctx), job]))
}

/** Listen to imports: new records are linked as they arrive (idempotent). */
export function enableIncrementalLinkage(ctx: ServiceContext): void {
  if (enabled.has(ctx)) return
  enabled.add(ctx)
  onRecordsAdded(ctx, (records) => {
    for (const org of new Set(records.map((r) => r.organisationId))) {
      scheduleCatchUp(
        ctx,
        org,
        records.filter((r) => r.organisationId === org).map((r) => r.id),
      )
    }
  })
}

/** Resolves when every queued catch-up has finished; rejects with the first failure since the last call. */
export async function whenLinkageIdle(ctx: ServiceContext): Promise<void> {
  for (;;) {
    const pending = idle.get(ctx)
    await pending
    await serializeLinkage(ctx, async () => undefined)
    if (idle.get(ctx) === pending) break
  }
  const list = failures.get(ctx) ?? []
  failures.delete(ctx)
  if (list.length > 0) throw list[0] instanceof Error ? list[0] : new Error(String(list[0]))
}

/** A fresh id for a decision or run. */
export const newId = (): string => randomUUID()

let lastMs = 0
let sequence = 0

/**
 * A fresh id that sorts in the order ids were made (UUID version 7: milliseconds, then a
 * counter within the millisecond, then random bits). Reviewer decisions are read "latest
 * last" by their time and then their id: two decisions in one millisecond (or under a
 * test's fixed clock) must still come back in the order they were made.
 */
export function newOrderedId(now: number = Date.now()): string {
  if (now > lastMs) {
    lastMs = now
    sequence = 0
  } else if (++sequence > 0xfff) {
    // 4,096 ids in one millisecond: borrow the next one, order is what matters.
    lastMs += 1
    sequence = 0
  }
  const hex = lastMs.toString(16).padStart(12, '0')
  const random = randomBytes(8)
  random[0] = ((random[0] as number) & 0x3f) | 0x80 // variant 10
  const tail = random.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7${sequence.toString(16).padStart(3, '0')}-${tail.slice(0, 4)}-${tail.slice(4, 16)}`
}
