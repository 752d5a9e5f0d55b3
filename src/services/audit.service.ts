/**
 * Appending to and verifying the audit chain. Every write service appends its entry in
 * the SAME transaction as the change it records, so a change without its audit entry
 * (or the reverse) cannot be committed.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/database.js'
import {
  lockAuditHead,
  insertAuditEntry,
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
  const head = await lockAuditHead(trx, ctx.handle.dialect)
  const seq = (head?.seq ?? 0) + 1
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
    head?.hash ?? GENESIS_HASH,
  )
  await insertAuditEntry(trx, {
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
  await writeAuditHead(trx, {
    id: 1,
    seq,
    hash: sealed.hash,
    seal: sealChainHead(seq, sealed.hash, ctx.keys.auditSeal),
  })
  return seq
}

/** Append one entry in a transaction of its own (for events that change nothing else). */
export async function recordAudit(
  ctx: ServiceContext,
  actor: Pick<Actor, 'userId' | 'organisationId'> | undefined,
  event: AuditEvent,
): Promise<void> {
  await ctx.handle.db.transaction().execute((trx) => appendAudit(ctx, trx, actor, event))
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
