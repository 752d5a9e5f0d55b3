/**
 * The access policy: pure code, deny by default. A decision depends on the actor's role,
 * the actor's organisation against the resource's (and what was shared with it), and the
 * resource's sensitivity. Services call `decide`/`authorize`; routes never decide access.
 * docs/access.md is generated from POLICY (scripts/render-access-doc.ts) and a test keeps
 * the two in step.
 *
 * Need-to-know (ICRC Handbook, ch. 2; ASVS V8): admins run accounts but read no person
 * data; viewers see counts only; a field officer may register and search but never read
 * a reporter's contact details.
 */
import type { Role } from './roles.js'

export const ACTIONS = [
  'user.manage',
  'user.list',
  'audit.verify',
  'stats.read',
  'record.search',
  'record.read',
  'record.import',
  'record.export',
  'case.create',
  'case.read',
  'case.update',
  'case.reveal_contact',
  'intake.create',
  'linkage.run',
  'linkage.review',
  'linkage.review_sensitive',
  'evidence.read',
  'evidence.add',
  'claims.read',
  'claims.update',
  'operations.read',
  'operations.update',
] as const

export type Action = (typeof ACTIONS)[number]

/** How much harm disclosure could do (OCHA data-responsibility classification). */
export const SENSITIVITIES = ['normal', 'sensitive', 'restricted'] as const
export type Sensitivity = (typeof SENSITIVITIES)[number]

/** Who is acting. */
export interface Actor {
  userId: string
  organisationId: string
  role: Role
}

/** What is acted upon; omit for actions on no particular record (e.g. listing users). */
export interface ResourceRef {
  organisationId: string
  sensitivity?: Sensitivity | undefined
  /** Organisations this record has been shared with (read access only). */
  sharedWith?: readonly string[] | undefined
}

interface Grant {
  /** Highest sensitivity this role may touch with this action. */
  upTo: Sensitivity
  /** Whether a record shared with the actor's organisation counts (read actions only). */
  viaSharing: boolean
}

const rank: Record<Sensitivity, number> = { normal: 0, sensitive: 1, restricted: 2 }

const own = (upTo: Sensitivity): Grant => ({ upTo, viaSharing: false })
const shared = (upTo: Sensitivity): Grant => ({ upTo, viaSharing: true })

/** The whole policy: role × action → grant. Anything absent is denied. */
export const POLICY: Readonly<Record<Role, Partial<Record<Action, Grant>>>> = {
  admin: {
    'user.manage': own('restricted'),
    'user.list': own('restricted'),
    'audit.verify': own('restricted'),
    'stats.read': own('normal'),
  },
  coordinator: {
    'user.list': own('normal'),
    'stats.read': own('normal'),
    'record.search': shared('sensitive'),
    'record.read': shared('sensitive'),
    'record.import': own('sensitive'),
    'record.export': own('sensitive'),
    'case.read': shared('normal'),
    'linkage.run': own('sensitive'),
    'evidence.read': shared('sensitive'),
    'claims.read': shared('normal'),
    'claims.update': own('normal'),
    'operations.read': shared('normal'),
    'operations.update': own('normal'),
  },
  field_officer: {
    'stats.read': own('normal'),
    // At the gate a field officer must see the names of the missing to search before
    // registering (issue 5); names are `sensitive`. Reporter contacts stay out of reach.
    'record.search': shared('sensitive'),
    'record.read': shared('sensitive'),
    'intake.create': own('sensitive'),
    'evidence.add': own('sensitive'),
    'operations.read': shared('normal'),
    'operations.update': own('normal'),
  },
  caseworker: {
    'stats.read': own('normal'),
    'record.search': shared('sensitive'),
    'record.read': shared('sensitive'),
    'record.import': own('sensitive'),
    'case.create': own('sensitive'),
    'case.read': shared('sensitive'),
    'case.update': own('sensitive'),
    'case.reveal_contact': own('sensitive'),
    'intake.create': own('sensitive'),
  },
  investigator: {
    'stats.read': own('normal'),
    'record.search': shared('restricted'),
    'record.read': shared('restricted'),
    'record.import': own('restricted'),
    'record.export': own('restricted'),
    'case.read': shared('sensitive'),
    'linkage.run': own('restricted'),
    'evidence.read': shared('restricted'),
    'evidence.add': own('restricted'),
    'claims.read': shared('restricted'),
    'claims.update': own('restricted'),
  },
  reviewer: {
    'stats.read': own('normal'),
    'record.search': shared('sensitive'),
    'record.read': shared('sensitive'),
    'case.read': shared('sensitive'),
    'case.update': own('sensitive'),
    'linkage.review': own('sensitive'),
    'linkage.review_sensitive': own('restricted'),
  },
  viewer: {
    'stats.read': own('normal'),
    'operations.read': own('normal'),
  },
}

export interface Decision {
  allowed: boolean
  /** Why, in words an auditor can read. */
  reason: string
}

/** Decide whether `actor` may perform `action` on `resource` (deny by default). */
export function decide(actor: Actor, action: Action, resource?: ResourceRef): Decision {
  const grant = POLICY[actor.role][action]
  if (!grant) return { allowed: false, reason: `role ${actor.role} may not ${action}` }
  if (!resource) return { allowed: true, reason: `role ${actor.role} may ${action}` }
  const sensitivity = resource.sensitivity ?? 'normal'
  if (rank[sensitivity] > rank[grant.upTo]) {
    return {
      allowed: false,
      reason: `role ${actor.role} may not ${action} on ${sensitivity} records`,
    }
  }
  if (resource.organisationId === actor.organisationId) {
    return { allowed: true, reason: `own organisation, role ${actor.role} may ${action}` }
  }
  if (grant.viaSharing && (resource.sharedWith ?? []).includes(actor.organisationId)) {
    return {
      allowed: true,
      reason: `shared with the actor's organisation, role ${actor.role} may ${action}`,
    }
  }
  return { allowed: false, reason: 'record belongs to another organisation and was not shared' }
}

/** The actions a role holds at all (for menus and the access table). */
export function actionsOf(role: Role): Action[] {
  return ACTIONS.filter((a) => POLICY[role][a] !== undefined)
}

/** The grant of a role for an action, for documentation. */
export function describeGrant(role: Role, action: Action): string {
  const g = POLICY[role][action]
  if (!g) return '—'
  return `${g.upTo}${g.viaSharing ? ', shared' : ''}`
}
