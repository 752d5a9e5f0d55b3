/**
 * The life of a family's missing-person case, as a state machine with the rules that
 * protect families (shared/reference/tracing-anchors.md §5, §8, §11):
 * - a missing person is presumed alive until a "confirmed deceased" conclusion, which needs
 *   two different reviewers and never happens automatically (IIMP, Bayanat methodology);
 * - "family informed" is done by a person — a caseworker's task — never by a machine
 *   (ADMSP practice: bad news is delivered through a witness or a caseworker).
 */
import type { Role } from '../access/roles.js'

export const CASE_STATUSES = [
  'open',
  'possible_match',
  'confirmed_alive',
  'confirmed_deceased',
  'family_informed',
  'closed',
] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]

/** Who or what asks for a transition. */
export type TransitionCause =
  | { kind: 'linkage' } // the engine proposed a candidate
  | { kind: 'review'; reviewerIds: readonly string[] } // confirmed by reviewer decision(s)
  | { kind: 'caseworker'; userId: string } // a person acted (informed the family, closed)

const ALLOWED: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['possible_match', 'closed'],
  possible_match: ['open', 'confirmed_alive', 'confirmed_deceased'],
  confirmed_alive: ['family_informed'],
  confirmed_deceased: ['family_informed'],
  family_informed: ['closed'],
  closed: ['open'],
}

export type TransitionRefusal =
  'not_allowed' | 'needs_two_reviewers' | 'needs_a_person' | 'needs_review'

export type TransitionCheck =
  { ok: true } | { ok: false; reason: TransitionRefusal; message: string }

/** Whether `from → to` may happen for this cause. */
export function checkCaseTransition(
  from: CaseStatus,
  to: CaseStatus,
  cause: TransitionCause,
): TransitionCheck {
  if (!ALLOWED[from].includes(to)) {
    return { ok: false, reason: 'not_allowed', message: `a case cannot go from ${from} to ${to}` }
  }
  switch (to) {
    case 'possible_match':
      return cause.kind === 'caseworker'
        ? {
            ok: false,
            reason: 'needs_review',
            message: 'a possible match comes from the linkage engine or a reviewer',
          }
        : { ok: true }
    case 'confirmed_alive':
      return cause.kind === 'review' && cause.reviewerIds.length >= 1
        ? { ok: true }
        : {
            ok: false,
            reason: 'needs_review',
            message: 'only a reviewer decision confirms a match',
          }
    case 'confirmed_deceased': {
      if (cause.kind !== 'review') {
        return {
          ok: false,
          reason: 'needs_review',
          message: 'a death is concluded by reviewers, never automatically',
        }
      }
      const distinct = new Set(cause.reviewerIds)
      return distinct.size >= 2
        ? { ok: true }
        : {
            ok: false,
            reason: 'needs_two_reviewers',
            message: 'a death needs the decisions of two different reviewers',
          }
    }
    case 'family_informed':
    case 'closed':
      return cause.kind === 'caseworker'
        ? { ok: true }
        : {
            ok: false,
            reason: 'needs_a_person',
            message: 'a family is informed by a person, never by an automatic message',
          }
    case 'open':
      return cause.kind === 'linkage'
        ? { ok: false, reason: 'not_allowed', message: 'the engine does not reopen cases' }
        : { ok: true }
  }
}

/** Until a case is confirmed deceased, the person is presumed alive. */
export function isPresumedAlive(status: CaseStatus): boolean {
  return status !== 'confirmed_deceased'
}

/** Whether a status name is one of ours. */
export function isCaseStatus(value: string): value is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(value)
}

// Who may ask for a transition by hand. Matches are concluded by reviewers (the people who
// decide pairs); closing and reopening belong to the caseworker who follows the family.
// "family_informed" is never asked for: it follows from completing the caseworker's task.
const REQUESTERS: Readonly<Record<CaseStatus, readonly Role[]>> = {
  open: ['reviewer', 'caseworker'],
  possible_match: ['reviewer'],
  confirmed_alive: ['reviewer'],
  confirmed_deceased: ['reviewer'],
  family_informed: [],
  closed: ['caseworker'],
}

/** Whether `role` may request a move to `to` through the case screen. */
export function mayRequestTransition(role: Role, to: CaseStatus): boolean {
  return REQUESTERS[to].includes(role)
}

/** The cause a hand-made request carries, by role. */
export function causeOfRequest(
  role: Role,
  userId: string,
  reviewerIds: readonly string[],
): TransitionCause {
  return role === 'reviewer' ? { kind: 'review', reviewerIds } : { kind: 'caseworker', userId }
}
