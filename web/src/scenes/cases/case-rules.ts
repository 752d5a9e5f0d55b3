/**
 * Which moves the case screen offers as buttons. A copy of the status machine's shape in
 * src/core/cases/case-status.ts (web/ may not import src/core; case-rules.test.ts checks
 * the copy against it). The buttons are a convenience: the server decides every move.
 */
import type { Role } from '../../../../src/contract/auth.contract.js'
import type { CaseStatus } from '../../api/cases.api.js'

const ALLOWED: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  open: ['possible_match', 'closed'],
  possible_match: ['open', 'confirmed_alive', 'confirmed_deceased'],
  confirmed_alive: ['family_informed'],
  confirmed_deceased: ['family_informed'],
  family_informed: ['closed'],
  closed: ['open'],
}

// "family_informed" is never a button: it follows from the caseworker's task.
const REQUESTERS: Readonly<Record<CaseStatus, readonly Role[]>> = {
  open: ['reviewer', 'caseworker'],
  possible_match: ['reviewer'],
  confirmed_alive: ['reviewer'],
  confirmed_deceased: ['reviewer'],
  family_informed: [],
  closed: ['caseworker'],
}

/** The statuses a user of `role` may ask to move a case to from `from`. */
export function nextStatuses(role: Role, from: CaseStatus): CaseStatus[] {
  return ALLOWED[from].filter((to) => REQUESTERS[to].includes(role))
}

/** Roles that may ask for moves at all (case.update): the others see no buttons. */
export function mayMoveCases(role: Role): boolean {
  return role === 'caseworker' || role === 'reviewer'
}

/** Reveal of the reporter's contact is for caseworkers only (case.reveal_contact). */
export function mayRevealReporter(role: Role): boolean {
  return role === 'caseworker'
}

/** Tasks are read by the roles that hold case.update; others would get 403. */
export function mayReadTasks(role: Role): boolean {
  return mayMoveCases(role)
}

const REFUSALS = ['not_allowed', 'needs_two_reviewers', 'needs_a_person', 'needs_review'] as const
export type Refusal = (typeof REFUSALS)[number]

/**
 * Why the server refused a move, when it said (the reason of its first field problem),
 * so the screen can explain it in the user's language rather than show a generic error.
 */
export function refusalOf(problem: {
  errors?: readonly object[] | undefined
}): Refusal | undefined {
  const first = problem.errors?.[0] as { reason?: unknown } | undefined
  return REFUSALS.find((r) => r === first?.reason)
}
