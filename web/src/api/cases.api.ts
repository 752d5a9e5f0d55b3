/**
 * The calls of the case screens. The shapes mirror src/services/case.service.ts (CaseView,
 * CaseSummary, TaskView) and src/http/routes/cases.routes.ts; web/ may import only
 * src/contract, so they are restated here, limited to what the screens read.
 */
import { requestJson, type ApiResult } from './http-client.js'

export type CaseStatus =
  | 'open'
  | 'possible_match'
  | 'confirmed_alive'
  | 'confirmed_deceased'
  | 'family_informed'
  | 'closed'

export const CASE_STATUSES: readonly CaseStatus[] = [
  'open',
  'possible_match',
  'confirmed_alive',
  'confirmed_deceased',
  'family_informed',
  'closed',
]

export type ConsentPurpose = 'tracing' | 'identification' | 'prosecution'
export const CONSENT_PURPOSES: readonly ConsentPurpose[] = [
  'tracing',
  'identification',
  'prosecution',
]

export interface CaseSummary {
  id: string
  organisationId: string
  status: CaseStatus
  /** The missing person's name as written in the report (full name or the name chain). */
  personName: string | null
  createdAt: string
}

/** A person record's fields as written in its source; names in Arabic or Latin letters. */
export type PersonFields = Record<string, unknown> & { record_id?: string }

export interface Reporter {
  name: string
  relation: string
  phone: string | null
  otherContact: string | null
  /** True while the contact is hidden ("•••"); revealing it is recorded in the audit chain. */
  masked: boolean
}

export interface Consent {
  purposes: ConsentPurpose[]
  shareParts: string[]
  shareWith: string[]
  givenOn: string
  withdrawals: Array<{ at: string; purposes: ConsentPurpose[]; by: string }>
}

export interface CaseHistoryItem {
  /** 'status' for a move; 'deceased_vote' for one reviewer's conclusion of a death. */
  kind: string
  from: string | null
  to: string | null
  /** report, linkage, review, caseworker */
  cause: string
  actorId: string | null
  /** Display name of the user who acted; null for the engine. */
  actorName?: string | null
  at: string
}

export interface CaseView {
  id: string
  organisationId: string
  recordId: string
  /** Set once the case's record belongs to a person of the linkage engine (not sent yet). */
  personId?: string | null
  status: CaseStatus
  person: PersonFields | null
  reporter: Reporter
  consent: Consent
  consentWithdrawnAt: string | null
  history: CaseHistoryItem[]
  createdAt: string
  updatedAt: string
}

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

export interface TransitionResult {
  status: CaseStatus
  /** A death waits for this many more reviewers (0 once the case moved). */
  pendingReviewers: number
}

/** The organisation's cases (and those shared with it), newest first. */
export function listCases(status?: CaseStatus): Promise<ApiResult<CaseSummary[]>> {
  const query = status === undefined ? '' : `?${new URLSearchParams({ status })}`
  return requestJson<CaseSummary[]>('GET', `/api/cases${query}`)
}

/** One case with the reporter masked (reading it is recorded). */
export function getCase(id: string): Promise<ApiResult<CaseView>> {
  return requestJson<CaseView>('GET', `/api/cases/${encodeURIComponent(id)}`)
}

/** The reporter's name and contact in clear; the server records every reveal. */
export function revealReporter(id: string): Promise<ApiResult<Reporter>> {
  return requestJson<Reporter>('POST', `/api/cases/${encodeURIComponent(id)}/reveal-reporter`)
}

/** Asks the server to move a case; it decides, and says why when it refuses. */
export function transitionCase(id: string, to: CaseStatus): Promise<ApiResult<TransitionResult>> {
  return requestJson<TransitionResult>('POST', `/api/cases/${encodeURIComponent(id)}/transitions`, {
    to,
  })
}

/** Withdraws consent for the named purposes (all of them also ends sharing). */
export function withdrawConsent(
  id: string,
  purposes: ConsentPurpose[],
): Promise<ApiResult<Consent>> {
  return requestJson<Consent>('POST', `/api/cases/${encodeURIComponent(id)}/consent/withdraw`, {
    purposes,
  })
}

/** Tasks assigned to the user or the user's role. */
export function listTasks(status?: 'open' | 'done'): Promise<ApiResult<TaskView[]>> {
  const query = status === undefined ? '' : `?${new URLSearchParams({ status })}`
  return requestJson<TaskView[]>('GET', `/api/tasks${query}`)
}

/** Marks a task done; "inform the family" moves its case to family_informed. */
export function completeTask(id: string): Promise<ApiResult<TaskView>> {
  return requestJson<TaskView>('POST', `/api/tasks/${encodeURIComponent(id)}/complete`)
}
