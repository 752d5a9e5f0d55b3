/**
 * Family cases: a report holds the missing person as a person record (source kind
 * `family-report`), the reporter's identifying fields encrypted at rest, the family's
 * consent by purpose, and a status with a dated history (core/cases/case-status.ts).
 * Cases follow the linkage engine: a stored candidate pair makes a case a possible match;
 * a reviewer's "same" confirms it alive, a death needs two different reviewers, and a
 * confirmed case gives a caseworker the task of informing the family — completing that
 * task is the only way to "family informed" (docs/decisions/0006-cases-and-intake.md).
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { CaseFileRow, Database, PersonRecordRow, TaskRow } from '../db/database.js'
import * as repo from '../db/case.repository.js'
import { findRecordById, findRecordsByIds } from '../db/record.repository.js'
import { listUsers } from '../db/access.repository.js'
import { findMemberships } from '../db/linkage.repository.js'
import type { Actor, Sensitivity } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import {
  CASE_STATUSES,
  causeOfRequest,
  checkCaseTransition,
  isCaseStatus,
  mayRequestTransition,
  type CaseStatus,
  type TransitionCause,
} from '../core/cases/case-status.js'
import {
  CONSENT_PURPOSES,
  checkReportForm,
  type ConsentPurpose,
  type FormNameField,
  type ShareablePart,
} from '../core/cases/case-forms.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import { appendAudit, recordAudit } from './audit.service.js'
import { authorize, isAllowed } from './authorize.js'
import type { ServiceContext } from './context.js'
import { decryptField, encryptField } from './field-crypto.js'
import { announceRecords, createRecord, fieldsOf } from './record.service.js'
import { isDeceasedRecord } from './linkage-sensitivity.js'
import { onPairDecided } from './linkage.service.js'

export const MASK = '•••'
type ReporterColumn = 'reporter_name' | 'reporter_relation' | 'reporter_phone' | 'reporter_contact'
/** A caseworker should reach the family within a week of a confirmation. */
const INFORM_WITHIN_DAYS = 7

export interface ReportInput {
  idempotencyKey: string
  person: Partial<Record<FormNameField, string>>
  sex?: 'M' | 'F' | undefined
  age?: number | undefined
  birthDate?: string | undefined
  lastSeenDate?: string | undefined
  lastSeenPlace?: string | undefined
  detentionPlace?: string | undefined
  notes?: string | undefined
  reporter: {
    name: string
    relation: string
    phone?: string | undefined
    otherContact?: string | undefined
  }
  consent: ConsentInput
}

export interface ConsentInput {
  purposes: ConsentPurpose[]
  /** What may be shared; nothing when empty. */
  shareParts?: ShareablePart[] | undefined
  /** Organisation ids the case may be shared with. */
  shareWith?: string[] | undefined
  /** YYYY-MM-DD. */
  givenOn: string
}

export interface Consent {
  purposes: ConsentPurpose[]
  shareParts: ShareablePart[]
  shareWith: string[]
  givenOn: string
  withdrawals: Array<{ at: string; purposes: ConsentPurpose[]; by: string }>
}

export interface Reporter {
  name: string
  relation: string
  phone: string | null
  otherContact: string | null
  masked: boolean
}

export interface CaseHistoryItem {
  kind: string
  from: string | null
  to: string | null
  cause: string
  actorId: string | null
  /** Display name of the acting user (of the case's organisation), null for the engine. */
  actorName: string | null
  at: string
}

export interface CaseView {
  id: string
  organisationId: string
  recordId: string
  /** The person (cluster of accounts) the reported record belongs to, once linkage ran. */
  personId: string | null
  status: CaseStatus
  person: PersonRecordFields | null
  reporter: Reporter
  consent: Consent
  consentWithdrawnAt: string | null
  history: CaseHistoryItem[]
  createdAt: string
  updatedAt: string
}

export interface CaseSummary {
  id: string
  organisationId: string
  status: CaseStatus
  personName: string | null
  createdAt: string
}

export interface FileReportOutcome {
  caseId: string
  recordId: string
  alreadyFiled: boolean
}

function statusOf(row: CaseFileRow): CaseStatus {
  return isCaseStatus(row.status) ? row.status : 'open'
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

function caseResource(row: CaseFileRow) {
  return {
    organisationId: row.organisation_id,
    sensitivity: toSensitivity(row.sensitivity),
    sharedWith: JSON.parse(row.shared_with) as string[],
    type: 'case',
    id: row.id,
  }
}

function parseConsent(text: string): Consent {
  const v = JSON.parse(text) as Partial<Consent>
  return {
    purposes: v.purposes ?? [],
    shareParts: v.shareParts ?? [],
    shareWith: v.shareWith ?? [],
    givenOn: v.givenOn ?? '',
    withdrawals: v.withdrawals ?? [],
  }
}

function clean(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}

function enc(
  ctx: ServiceContext,
  caseId: string,
  field: ReporterColumn,
  value: string | undefined,
): string | null {
  const v = clean(value)
  return v === undefined
    ? null
    : encryptField(ctx.keys.fieldEncryption, v, { recordId: caseId, field })
}

function dec(ctx: ServiceContext, row: CaseFileRow, field: ReporterColumn): string | null {
  const v = row[field]
  return v === null ? null : decryptField(ctx.keys.fieldEncryption, v, { recordId: row.id, field })
}

/** File a family's report: the person record, the case, its first history line, one transaction. */
export async function fileReport(
  ctx: ServiceContext,
  actor: Actor,
  input: ReportInput,
): Promise<FileReportOutcome> {
  await authorize(ctx, actor, 'case.create', {
    organisationId: actor.organisationId,
    sensitivity: 'sensitive',
    type: 'case',
  })
  const problems = checkReportForm(input as unknown as Record<string, unknown>)
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      `The report is not complete: ${problems.map((p) => p.field).join(', ')}.`,
      problems,
    )
  }
  const earlier = await repo.findCaseByKey(
    ctx.handle.db,
    actor.organisationId,
    input.idempotencyKey,
  )
  if (earlier) return { caseId: earlier.id, recordId: earlier.record_id, alreadyFiled: true }
  enableCaseTracking(ctx)
  const at = ctx.clock().toISOString()
  const caseId = randomUUID()
  const consent: Consent = {
    purposes: [...new Set(input.consent.purposes)],
    shareParts: [...new Set(input.consent.shareParts ?? [])],
    shareWith: [...new Set(input.consent.shareWith ?? [])].filter(
      (o) => o !== actor.organisationId,
    ),
    givenOn: input.consent.givenOn,
    withdrawals: [],
  }
  // Sharing is consented per case: other organisations see the case only if the family agreed.
  const sharedWith = consent.shareParts.includes('person') ? consent.shareWith : []
  let record: PersonRecordRow
  try {
    record = await ctx.handle.db.transaction().execute(async (trx) => {
      const rec = await createRecord(ctx, trx, actor, {
        key: caseId,
        sourceKind: 'family-report',
        fields: {
          ...Object.fromEntries(Object.entries(input.person).map(([k, v]) => [k, clean(v)])),
          sex: input.sex,
          age: input.age,
          birth_date: clean(input.birthDate),
          last_seen_date: clean(input.lastSeenDate),
          last_seen_place: clean(input.lastSeenPlace),
          detention_place: clean(input.detentionPlace),
          notes: clean(input.notes),
          source: 'family-report',
        },
      })
      const row: CaseFileRow = {
        id: caseId,
        organisation_id: actor.organisationId,
        record_id: rec.id,
        status: 'open',
        sensitivity: 'sensitive',
        shared_with: JSON.stringify(sharedWith),
        reporter_name: enc(ctx, caseId, 'reporter_name', input.reporter.name) ?? '',
        reporter_relation: enc(ctx, caseId, 'reporter_relation', input.reporter.relation) ?? '',
        reporter_phone: enc(ctx, caseId, 'reporter_phone', input.reporter.phone),
        reporter_contact: enc(ctx, caseId, 'reporter_contact', input.reporter.otherContact),
        consent: JSON.stringify(consent),
        consent_withdrawn_at: null,
        idempotency_key: input.idempotencyKey,
        created_by: actor.userId,
        created_at: at,
        updated_at: at,
      }
      await repo.insertCase(trx, row)
      await repo.insertCaseEvent(trx, {
        id: randomUUID(),
        case_id: caseId,
        kind: 'status',
        from_status: null,
        to_status: 'open',
        cause: 'report',
        actor_id: actor.userId,
        at,
      })
      await appendAudit(ctx, trx, actor, {
        action: 'case.create',
        objectType: 'case',
        objectId: caseId,
        details: { record: rec.id, purposes: consent.purposes, sharedWith: sharedWith.length },
      })
      return rec
    })
  } catch (error) {
    // A double submit racing this one: the unique (organisation, key) lets one through.
    const again = await repo.findCaseByKey(
      ctx.handle.db,
      actor.organisationId,
      input.idempotencyKey,
    )
    if (again) return { caseId: again.id, recordId: again.record_id, alreadyFiled: true }
    throw error
  }
  announceRecords(ctx, [record])
  return { caseId, recordId: record.id, alreadyFiled: false }
}

async function loadCase(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  action: 'case.read' | 'case.update' | 'case.reveal_contact',
): Promise<CaseFileRow> {
  const row = await repo.findCaseById(ctx.handle.db, id)
  if (!row) throw new DomainError('not_found', 'No such case.')
  // Another organisation's unshared case does not exist for the actor (no existence oracle).
  if (
    row.organisation_id !== actor.organisationId &&
    !(JSON.parse(row.shared_with) as string[]).includes(actor.organisationId)
  ) {
    throw new DomainError('not_found', 'No such case.')
  }
  await authorize(ctx, actor, action, caseResource(row))
  return row
}

async function view(ctx: ServiceContext, row: CaseFileRow, reveal: boolean): Promise<CaseView> {
  const record = await findRecordById(ctx.handle.db, row.record_id)
  const [membership] = await findMemberships(ctx.handle.db, [row.record_id])
  const names = new Map(
    (await listUsers(ctx.handle.db, row.organisation_id)).map((u) => [u.id, u.display_name]),
  )
  const history = (await repo.listCaseEvents(ctx.handle.db, row.id)).map((e) => ({
    kind: e.kind,
    from: e.from_status,
    to: e.to_status,
    cause: e.cause,
    actorId: e.actor_id,
    actorName: e.actor_id === null ? null : (names.get(e.actor_id) ?? null),
    at: e.at,
  }))
  const reporter: Reporter = reveal
    ? {
        name: dec(ctx, row, 'reporter_name') ?? '',
        relation: dec(ctx, row, 'reporter_relation') ?? '',
        phone: dec(ctx, row, 'reporter_phone'),
        otherContact: dec(ctx, row, 'reporter_contact'),
        masked: false,
      }
    : {
        name: MASK,
        relation: MASK,
        phone: row.reporter_phone === null ? null : MASK,
        otherContact: row.reporter_contact === null ? null : MASK,
        masked: true,
      }
  return {
    id: row.id,
    organisationId: row.organisation_id,
    recordId: row.record_id,
    personId: membership?.person_id ?? null,
    status: statusOf(row),
    person: record ? fieldsOf(record) : null,
    reporter,
    consent: parseConsent(row.consent),
    consentWithdrawnAt: row.consent_withdrawn_at,
    history,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** One case, the reporter masked (audited: reading a case is reading person data). */
export async function getCase(ctx: ServiceContext, actor: Actor, id: string): Promise<CaseView> {
  let row = await loadCase(ctx, actor, id, 'case.read')
  row = (await syncCase(ctx, row)) ?? row
  await recordAudit(ctx, actor, { action: 'case.read', objectType: 'case', objectId: id })
  return view(ctx, row, false)
}

/** The reporter in clear, for a caseworker of the case's organisation; every reveal is audited. */
export async function revealReporter(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
): Promise<Reporter> {
  const row = await loadCase(ctx, actor, caseId, 'case.reveal_contact')
  await recordAudit(ctx, actor, {
    action: 'case.reveal_contact',
    objectType: 'case',
    objectId: caseId,
  })
  return (await view(ctx, row, true)).reporter
}

/** Cases of the actor's organisation and those shared with it, newest first. */
export async function listCases(
  ctx: ServiceContext,
  actor: Actor,
  filter: { status?: CaseStatus | undefined; limit?: number | undefined } = {},
): Promise<CaseSummary[]> {
  await authorize(ctx, actor, 'case.read', { organisationId: actor.organisationId })
  await syncOrganisationCases(ctx, actor.organisationId)
  const rows = (
    await repo.listCaseRows(
      ctx.handle.db,
      actor.organisationId,
      Math.min(filter.limit ?? 200, 1000),
    )
  )
    .filter((r) => isAllowed(actor, 'case.read', caseResource(r)))
    .filter((r) => filter.status === undefined || r.status === filter.status)
  const records = new Map(
    (
      await findRecordsByIds(
        ctx.handle.db,
        rows.map((r) => r.record_id),
      )
    ).map((r) => [r.id, r]),
  )
  return rows.map((r) => {
    const rec = records.get(r.record_id)
    const name = rec
      ? (rec.full_name ??
        ([rec.first_name, rec.father_name, rec.family_name].filter((x) => x !== null).join(' ') ||
          null))
      : null
    return {
      id: r.id,
      organisationId: r.organisation_id,
      status: statusOf(r),
      personName: name,
      createdAt: r.created_at,
    }
  })
}

/** Move a case by hand; refusals say why. A death vote waits for a second reviewer. */
export async function transitionCase(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  request: { to: string; note?: string | undefined },
): Promise<{ status: CaseStatus; pendingReviewers: number }> {
  const row = await loadCase(ctx, actor, caseId, 'case.update')
  const to = request.to
  if (!isCaseStatus(to)) {
    throw new DomainError('validation_failed', `"${to}" is not a case status.`, [
      { field: 'to', message: `one of ${CASE_STATUSES.join(', ')}`, reason: 'invalid_value' },
    ])
  }
  if (to === 'family_informed') {
    throw new DomainError(
      'conflict',
      'A family is informed by completing the caseworker task, not by a status change.',
      [{ field: 'to', message: 'complete the "inform the family" task', reason: 'needs_a_person' }],
    )
  }
  if (!mayRequestTransition(actor.role, to)) {
    throw new DomainError('forbidden', `Your role may not move a case to ${to}.`)
  }
  const from = statusOf(row)
  let reviewers: string[] = [actor.userId]
  if (to === 'confirmed_deceased') {
    // Each reviewer's conclusion is kept; the move happens once two different reviewers agree.
    // Votes count only since the case last entered its current status (older ones are stale).
    const events = await repo.listCaseEvents(ctx.handle.db, caseId)
    let since = -1
    events.forEach((e, i) => {
      if (e.kind === 'status') since = i
    })
    const votes = events.slice(since + 1).filter((e) => e.kind === 'deceased_vote')
    reviewers = [...new Set([...votes.map((v) => v.actor_id ?? ''), actor.userId])].filter(
      (x) => x !== '',
    )
  }
  const check = checkCaseTransition(from, to, causeOfRequest(actor.role, actor.userId, reviewers))
  if (!check.ok && check.reason === 'needs_two_reviewers') {
    const at = ctx.clock().toISOString()
    await ctx.handle.db.transaction().execute(async (trx) => {
      await repo.insertCaseEvent(trx, {
        id: randomUUID(),
        case_id: caseId,
        kind: 'deceased_vote',
        from_status: from,
        to_status: 'confirmed_deceased',
        cause: 'review',
        actor_id: actor.userId,
        at,
      })
      await appendAudit(ctx, trx, actor, {
        action: 'case.deceased_vote',
        objectType: 'case',
        objectId: caseId,
        details: { reviewers: reviewers.length },
      })
    })
    return { status: from, pendingReviewers: 2 - reviewers.length }
  }
  if (!check.ok) {
    throw new DomainError('conflict', check.message, [
      { field: 'to', message: check.message, reason: check.reason },
    ])
  }
  await ctx.handle.db.transaction().execute(async (trx) => {
    if (to === 'confirmed_deceased') {
      await repo.insertCaseEvent(trx, {
        id: randomUUID(),
        case_id: caseId,
        kind: 'deceased_vote',
        from_status: from,
        to_status: to,
        cause: 'review',
        actor_id: actor.userId,
        at: ctx.clock().toISOString(),
      })
    }
    await moveCase(ctx, trx, actor, row, to, actor.role === 'reviewer' ? 'review' : 'caseworker')
  })
  return { status: to, pendingReviewers: 0 }
}

/** Apply one checked move inside a transaction: status, history line, audit, and the task a confirmation creates. */
async function moveCase(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  actor: Actor | undefined,
  row: CaseFileRow,
  to: CaseStatus,
  cause: string,
): Promise<void> {
  const at = ctx.clock().toISOString()
  await repo.updateCase(trx, row.id, { status: to, updated_at: at })
  await repo.insertCaseEvent(trx, {
    id: randomUUID(),
    case_id: row.id,
    kind: 'status',
    from_status: row.status,
    to_status: to,
    cause,
    actor_id: actor?.userId ?? null,
    at,
  })
  await appendAudit(ctx, trx, actor, {
    action: 'case.transition',
    objectType: 'case',
    objectId: row.id,
    details: { from: row.status, to, cause },
  })
  if (to === 'confirmed_alive' || to === 'confirmed_deceased') {
    const due = new Date(ctx.clock().getTime() + INFORM_WITHIN_DAYS * 86_400_000).toISOString()
    const task: TaskRow = {
      id: randomUUID(),
      organisation_id: row.organisation_id,
      kind: 'inform_family',
      case_id: row.id,
      assignee_role: 'caseworker',
      assignee_user_id: null,
      status: 'open',
      due_at: due,
      done_by: null,
      done_at: null,
      created_at: at,
    }
    await repo.insertTask(trx, task)
    await appendAudit(ctx, trx, actor, {
      action: 'task.create',
      objectType: 'task',
      objectId: task.id,
      details: { kind: task.kind, case: row.id },
    })
  }
  row.status = to
  row.updated_at = at
}

/** Withdraw consent for some purposes, or all; withdrawing everything also ends sharing. */
export async function withdrawConsent(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  request: { purposes?: string[] | undefined } = {},
): Promise<Consent> {
  const row = await loadCase(ctx, actor, caseId, 'case.update')
  const purposes = request.purposes ?? [...CONSENT_PURPOSES]
  const bad = purposes.filter((p) => !(CONSENT_PURPOSES as readonly string[]).includes(p))
  if (bad.length > 0 || purposes.length === 0) {
    throw new DomainError('validation_failed', 'Name the purposes to withdraw.', [
      {
        field: 'purposes',
        message: 'any of tracing, identification, prosecution',
        reason: 'invalid_value',
      },
    ])
  }
  const consent = parseConsent(row.consent)
  const at = ctx.clock().toISOString()
  const withdrawn = purposes as ConsentPurpose[]
  consent.purposes = consent.purposes.filter((p) => !withdrawn.includes(p))
  consent.withdrawals.push({ at, purposes: withdrawn, by: actor.userId })
  const all = consent.purposes.length === 0
  if (all) {
    consent.shareParts = []
    consent.shareWith = []
  }
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.updateCase(trx, caseId, {
      consent: JSON.stringify(consent),
      ...(all ? { consent_withdrawn_at: at, shared_with: '[]' } : {}),
      updated_at: at,
    })
    await appendAudit(ctx, trx, actor, {
      action: 'case.consent_withdraw',
      objectType: 'case',
      objectId: caseId,
      details: { purposes: withdrawn, all },
    })
  })
  return consent
}

// ---- following the linkage engine ---------------------------------------------------------

const tracked = new WeakSet<ServiceContext>()

/** Let reviewer decisions move cases at once (idempotent; routes call it at start-up). */
export function enableCaseTracking(ctx: ServiceContext): void {
  if (tracked.has(ctx)) return
  tracked.add(ctx)
  onPairDecided(ctx, async (event) => {
    try {
      const cases = await repo.findCasesByRecords(ctx.handle.db, [event.leftId, event.rightId])
      for (const c of cases) {
        if (c.organisation_id === event.organisationId) await syncCase(ctx, c)
      }
    } catch {
      // The decision is committed; a failed follow-up must not report it as failed.
      // The next read of the case (syncCase) applies the move instead.
    }
  })
}

/** Bring the open cases of an organisation up to date with stored pairs and decisions. */
export async function syncOrganisationCases(
  ctx: ServiceContext,
  organisationId: string,
): Promise<void> {
  for (const row of await repo.listCasesThatMayMove(ctx.handle.db, organisationId)) {
    await syncCase(ctx, row)
  }
}

/**
 * Derive the moves the engine and the reviewers justify for one case, and apply them:
 * a stored candidate pair or any decision makes it a possible match; "same" from one
 * reviewer confirms it alive — unless the other record says the person died, which needs
 * "same" from two different reviewers. Returns the updated row when it moved.
 */
export async function syncCase(
  ctx: ServiceContext,
  row: CaseFileRow,
): Promise<CaseFileRow | undefined> {
  const from = statusOf(row)
  if (from !== 'open' && from !== 'possible_match') return undefined
  const pairs = await repo.listPairsOfRecord(ctx.handle.db, row.organisation_id, row.record_id)
  const decisions = (await repo.listDecisionsOfRecord(ctx.handle.db, row.record_id)).filter(
    (d) => d.organisation_id === row.organisation_id,
  )
  const moves: Array<{ to: CaseStatus; cause: TransitionCause; label: string }> = []
  // The latest verdict of each reviewer on each other record.
  const latest = new Map<string, Map<string, string>>()
  for (const d of decisions) {
    const other = d.left_id === row.record_id ? d.right_id : d.left_id
    const byReviewer = latest.get(other) ?? new Map<string, string>()
    byReviewer.set(d.reviewer_id, d.verdict)
    latest.set(other, byReviewer)
  }
  let confirm: { to: CaseStatus; reviewers: string[] } | undefined
  const others = await findRecordsByIds(ctx.handle.db, [...latest.keys()])
  for (const other of others) {
    const same = [...(latest.get(other.id) ?? new Map<string, string>()).entries()]
      .filter(([, v]) => v === 'same')
      .map(([k]) => k)
    if (same.length === 0) continue
    const deceased = isDeceasedRecord({ sourceKind: other.source_kind, fields: fieldsOf(other) })
    if (!deceased) confirm = { to: 'confirmed_alive', reviewers: same }
    else if (same.length >= 2 && confirm === undefined) {
      confirm = { to: 'confirmed_deceased', reviewers: same }
    }
  }
  if (from === 'open' && (pairs.length > 0 || decisions.length > 0)) {
    moves.push({
      to: 'possible_match',
      cause: { kind: 'linkage' },
      label: decisions.length > 0 ? 'review' : 'linkage',
    })
  }
  if (confirm) {
    moves.push({
      to: confirm.to,
      cause: { kind: 'review', reviewerIds: confirm.reviewers },
      label: 'review',
    })
  }
  if (moves.length === 0) return undefined
  await ctx.handle.db.transaction().execute(async (trx) => {
    // Re-read inside the transaction: a concurrent sync may have moved the case already.
    const fresh = await repo.findCaseById(trx, row.id)
    if (!fresh || fresh.status !== row.status) return
    for (const m of moves) {
      if (!checkCaseTransition(statusOf(fresh), m.to, m.cause).ok) continue
      await moveCase(ctx, trx, undefined, fresh, m.to, m.label)
    }
  })
  return repo.findCaseById(ctx.handle.db, row.id)
}

// ---- tasks -------------------------------------------------------------------------------

export interface TaskView {
  id: string
  kind: string
  caseId: string
  assigneeRole: string | null
  assigneeUserId: string | null
  status: string
  dueAt: string | null
  doneBy: string | null
  doneAt: string | null
  createdAt: string
}

function toTaskView(t: TaskRow): TaskView {
  return {
    id: t.id,
    kind: t.kind,
    caseId: t.case_id,
    assigneeRole: t.assignee_role,
    assigneeUserId: t.assignee_user_id,
    status: t.status,
    dueAt: t.due_at,
    doneBy: t.done_by,
    doneAt: t.done_at,
    createdAt: t.created_at,
  }
}

function isAssignee(actor: Actor, t: TaskRow): boolean {
  return (
    t.assignee_user_id === actor.userId ||
    (t.assignee_user_id === null && t.assignee_role === actor.role)
  )
}

/** Tasks of the actor's organisation assigned to the actor or the actor's role. */
export async function listTasks(
  ctx: ServiceContext,
  actor: Actor,
  filter: { status?: 'open' | 'done' | undefined } = {},
): Promise<TaskView[]> {
  await authorize(ctx, actor, 'case.update', { organisationId: actor.organisationId })
  await syncOrganisationCases(ctx, actor.organisationId)
  return (await repo.listTaskRows(ctx.handle.db, actor.organisationId, filter.status))
    .filter((t) => isAssignee(actor, t))
    .map(toTaskView)
}

/** Complete a task; completing "inform the family" moves its case to family_informed. */
export async function completeTask(
  ctx: ServiceContext,
  actor: Actor,
  taskId: string,
): Promise<TaskView> {
  await authorize(ctx, actor, 'case.update', { organisationId: actor.organisationId })
  const task = await repo.findTaskById(ctx.handle.db, taskId)
  if (!task || task.organisation_id !== actor.organisationId) {
    throw new DomainError('not_found', 'No such task.')
  }
  const row = await loadCase(ctx, actor, task.case_id, 'case.update')
  if (!isAssignee(actor, task)) {
    throw new DomainError('forbidden', 'This task is assigned to someone else.')
  }
  if (task.status === 'done') {
    throw new DomainError('conflict', 'The task is already done.', [
      { field: 'status', message: 'already done', reason: 'already_done' },
    ])
  }
  const at = ctx.clock().toISOString()
  const next = task.kind === 'inform_family' ? 'family_informed' : undefined
  if (next) {
    const check = checkCaseTransition(statusOf(row), next, {
      kind: 'caseworker',
      userId: actor.userId,
    })
    if (!check.ok) {
      throw new DomainError('conflict', check.message, [
        { field: 'task', message: check.message, reason: check.reason },
      ])
    }
  }
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.updateTask(trx, taskId, { status: 'done', done_by: actor.userId, done_at: at })
    await appendAudit(ctx, trx, actor, {
      action: 'task.complete',
      objectType: 'task',
      objectId: taskId,
      details: { kind: task.kind, case: task.case_id },
    })
    if (next) await moveCase(ctx, trx, actor, row, next, 'caseworker')
  })
  return toTaskView({ ...task, status: 'done', done_by: actor.userId, done_at: at })
}
