/**
 * Appending to and verifying the audit chain. Every write service appends its entry in
 * the SAME transaction as the change it records, so a change without its audit entry
 * (or the reverse) cannot be committed.
 */
import type { Kysely } from 'kysely'
import type { Database, NewAuditEntryRow } from '../db/database.js'
import {
  lockAuditHead,
  insertAuditEntries,
  writeAuditHead,
  readAuditHead,
  streamAuditEntries,
  listAuditEntries,
} from '../db/audit.repository.js'
import {
  AuditChainVerifier,
  GENESIS_HASH,
  sealAuditEntry,
  sealChainHead,
  type ChainVerification,
} from '../core/audit/audit-chain.js'
import type { Actor } from '../core/access/policy.js'
import type { ServiceContext } from './context.js'

export interface AuditEvent {
  action: string
  objectType: string
  objectId?: string | null | undefined
  outcome?: 'success' | 'denied' | 'failure'
  /** Ids, counts and codes only — never names, contacts or other personal data. */
  details?: Record<string, unknown>
}

/** Append one entry inside the caller's transaction. */
export async function appendAudit(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  actor: Pick<Actor, 'userId' | 'organisationId'> | undefined,
  event: AuditEvent,
): Promise<number> {
  const [seq] = await appendAuditEntries(ctx, trx, [{ actor, event }])
  return seq ?? 0
}

interface AuditItem {
  actor: Pick<Actor, 'userId' | 'organisationId'> | undefined
  event: AuditEvent
}

/**
 * Append entries, in the order given, inside the caller's transaction: the head is locked,
 * read and written once however many entries there are.
 */
async function appendAuditEntries(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  items: readonly AuditItem[],
): Promise<number[]> {
  const head = await lockAuditHead(trx, ctx.handle.dialect)
  let seq = head?.seq ?? 0
  let hash = head?.hash ?? GENESIS_HASH
  const rows: NewAuditEntryRow[] = []
  for (const { actor, event } of items) {
    seq += 1
    const sealed = sealAuditEntry(
      {
        seq,
        at: ctx.clock().toISOString(),
        actorUserId: actor?.userId ?? null,
        actorOrganisationId: actor?.organisationId ?? null,
        action: event.action,
        objectType: event.objectType,
        objectId: event.objectId ?? null,
        outcome: event.outcome ?? 'success',
        details: event.details ?? {},
      },
      hash,
    )
    hash = sealed.hash
    rows.push({
      seq,
      at: sealed.at,
      actor_user_id: sealed.actorUserId,
      actor_organisation_id: sealed.actorOrganisationId,
      action: sealed.action,
      object_type: sealed.objectType,
      object_id: sealed.objectId,
      outcome: sealed.outcome,
      details: JSON.stringify(sealed.details),
      prev_hash: sealed.prevHash,
      hash: sealed.hash,
    })
  }
  if (rows.length === 0) return []
  await insertAuditEntries(trx, rows)
  await writeAuditHead(trx, {
    id: 1,
    seq,
    hash,
    seal: sealChainHead(seq, hash, ctx.keys.auditSeal),
  })
  return rows.map((r) => r.seq)
}

interface QueuedAudit extends AuditItem {
  done: (error?: Error) => void
}

/** Entries waiting for the next group commit, per context; present while a commit is due or under way. */
const auditQueues = new WeakMap<ServiceContext, QueuedAudit[]>()

/**
 * Append one entry in a transaction of its own (for events that change nothing else: reads,
 * searches, refusals). Resolves once the entry is committed, so a caller still answers only
 * after its audit entry is stored.
 *
 * Group commit: the entries of concurrent callers are appended in one transaction (one head
 * lock, one head write, one commit: six statements) instead of one transaction each. Under
 * 32 concurrent searches a group held 2.3 entries on average (docs/benchmarks-search.md). A
 * failed commit fails every caller in it: none of their entries is stored, none of them answers.
 */
export function recordAudit(
  ctx: ServiceContext,
  actor: Pick<Actor, 'userId' | 'organisationId'> | undefined,
  event: AuditEvent,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const done = (error?: Error): void => (error === undefined ? resolve() : reject(error))
    const queue = auditQueues.get(ctx)
    if (queue !== undefined) {
      queue.push({ actor, event, done })
      return
    }
    auditQueues.set(ctx, [{ actor, event, done }])
    // Let the callers of this turn of the event loop join before committing.
    setImmediate(() => void commitQueuedAudit(ctx))
  })
}

async function commitQueuedAudit(ctx: ServiceContext): Promise<void> {
  const batch = auditQueues.get(ctx) ?? []
  // Callers arriving from now on start the next batch, committed after this one.
  const next: QueuedAudit[] = []
  auditQueues.set(ctx, next)
  let failure: Error | undefined
  try {
    await ctx.handle.db.transaction().execute((trx) => appendAuditEntries(ctx, trx, batch))
  } catch (error) {
    failure = error instanceof Error ? error : new Error(`audit commit failed: ${String(error)}`)
  }
  for (const item of batch) item.done(failure)
  if (next.length > 0) setImmediate(() => void commitQueuedAudit(ctx))
  else auditQueues.delete(ctx)
}

/** Walk the whole chain and report the first broken link. */
export async function verifyAuditChain(
  ctx: ServiceContext,
  onProgress?: (checked: number) => void,
): Promise<ChainVerification> {
  const verifier = new AuditChainVerifier()
  let n = 0
  for await (const row of streamAuditEntries(ctx.handle.db)) {
    const ok = verifier.push({
      seq: row.seq,
      at: row.at,
      actorUserId: row.actor_user_id,
      actorOrganisationId: row.actor_organisation_id,
      action: row.action,
      objectType: row.object_type,
      objectId: row.object_id,
      outcome: row.outcome as 'success' | 'denied' | 'failure',
      details: parseDetails(row.details),
      prevHash: row.prev_hash,
      hash: row.hash,
    })
    n += 1
    if (onProgress && n % 10_000 === 0) onProgress(n)
    if (!ok) break
  }
  const head = await readAuditHead(ctx.handle.db)
  return verifier.finish(head, ctx.keys.auditSeal)
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(text)
    return v !== null && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : { _unparsable: text }
  } catch {
    // A mangled details field must fail verification, not crash it.
    return { _unparsable: text }
  }
}

export interface AuditListItem {
  seq: number
  at: string
  actorUserId: string | null
  action: string
  objectType: string
  objectId: string | null
  outcome: string
}

/** Recent audit entries about one object (for "who revealed this contact"). */
export async function listAuditFor(
  ctx: ServiceContext,
  filter: { objectType?: string; objectId?: string; action?: string; limit?: number },
): Promise<AuditListItem[]> {
  const rows = await listAuditEntries(ctx.handle.db, { ...filter, limit: filter.limit ?? 100 })
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    actorUserId: r.actor_user_id,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    outcome: r.outcome,
  }))
}
