/**
 * The calls of "My intakes" and "My decisions". The shapes mirror MyIntake and MyDecision
 * of src/services/my-work.service.ts as src/http/routes/my-work.routes.ts serves them
 * (web/ may import only src/contract, so they are restated here).
 */
import { requestJson, type ApiResult } from './http-client.js'

export type HealthUrgency = 'none' | 'urgent' | 'critical'
export const HEALTH_URGENCIES: readonly HealthUrgency[] = ['none', 'urgent', 'critical']

export interface MyIntake {
  intakeId: string
  recordId: string
  personId: string | null
  /** The name as written at the gate; null for an unidentified person. */
  name: string | null
  unidentified: boolean
  approximateAge: number | null
  sex: 'M' | 'F' | null
  distinguishingMarks: string | null
  healthUrgency: HealthUrgency
  place: string | null
  zone: string | null
  registeredAt: string
  hasPhoto: boolean
}

export type Verdict = 'same' | 'not_same' | 'unsure'
export type PairStatus =
  'confirmed_same' | 'confirmed_not_same' | 'awaiting_second_review' | 'unsure' | 'undecided'

export interface MyDecisionSide {
  recordId: string
  name: string | null
  personId: string | null
}

export interface MyDecision {
  decisionId: string
  left: MyDecisionSide
  right: MyDecisionSide
  verdict: Verdict
  note: string | null
  decidedAt: string
  status: PairStatus
}

/** The intakes the signed-in user registered, newest first. */
export async function listMyIntakes(): Promise<ApiResult<MyIntake[]>> {
  const result = await requestJson<{ items: MyIntake[] }>('GET', '/api/intakes/mine')
  return result.ok ? { ok: true, value: result.value.items } : result
}

/** The signed-in reviewer's decisions, newest first, with each pair's status now. */
export async function listMyDecisions(): Promise<ApiResult<MyDecision[]>> {
  const result = await requestJson<{ items: MyDecision[] }>('GET', '/api/linkage/decisions/mine')
  return result.ok ? { ok: true, value: result.value.items } : result
}
