/**
 * The one door to the policy for services: decide, and on denial record the attempt in
 * the audit chain (ASVS 16.3.2) and throw `forbidden`.
 */
import { decide, type Action, type Actor, type ResourceRef } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import { recordAudit } from './audit.service.js'
import type { ServiceContext } from './context.js'

export async function authorize(
  ctx: ServiceContext,
  actor: Actor,
  action: Action,
  resource?: ResourceRef & { type?: string; id?: string },
): Promise<void> {
  const decision = decide(actor, action, resource)
  if (decision.allowed) return
  await recordAudit(ctx, actor, {
    action,
    objectType: resource?.type ?? 'none',
    objectId: resource?.id ?? null,
    outcome: 'denied',
    details: { reason: decision.reason },
  })
  throw new DomainError('forbidden', 'You do not have access to this.')
}

/** True when allowed; for shaping output (hiding fields) rather than refusing. */
export function isAllowed(actor: Actor, action: Action, resource?: ResourceRef): boolean {
  return decide(actor, action, resource).allowed
}
