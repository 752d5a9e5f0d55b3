/**
 * The calls of the tracing screens: search before create, gate intake, family report.
 * The shapes mirror src/http/routes/{search,intake,cases}.routes.ts (web/ may import only
 * src/contract, so they are restated here, limited to what the screens send and read).
 */
import { requestJson, type ApiResult } from './http-client.js'

export type NameField =
  'first_name' | 'father_name' | 'grandfather_name' | 'family_name' | 'mother_name'
export type Sex = 'M' | 'F'
export type HealthUrgency = 'none' | 'urgent' | 'critical'
export type ConsentPurpose = 'tracing' | 'identification' | 'prosecution'

export interface SearchHit {
  recordId: string
  score: number
  /** The record's fields as written in its source (names in Arabic or Latin letters). */
  fields: Record<string, unknown>
  provenance: { source_kind?: string }
}

export interface IntakeRequest {
  idempotencyKey: string
  unidentified?: boolean
  names?: Partial<Record<NameField, string>>
  approximateAge?: number
  sex?: Sex
  distinguishingMarks?: string
  language?: string
  healthUrgency: HealthUrgency
  facilityText?: string
  zone?: string
  attachToRecordId?: string
}

export interface IntakeResult {
  intakeId: string
  recordId: string
  alreadyRegistered: boolean
}

export interface ReportRequest {
  idempotencyKey: string
  person: Partial<Record<NameField, string>>
  sex?: Sex
  age?: number
  birthDate?: string
  lastSeenDate?: string
  lastSeenPlace?: string
  detentionPlace?: string
  notes?: string
  reporter: { name: string; relation: string; phone?: string; otherContact?: string }
  consent: { purposes: ConsentPurpose[]; givenOn: string }
}

export interface ReportResult {
  caseId: string
  recordId: string
  alreadyFiled: boolean
}

/** Records that may be the person being registered (GET /api/records/search). */
export async function searchRecords(q: string, limit = 5): Promise<ApiResult<SearchHit[]>> {
  const params = new URLSearchParams({ q, limit: String(limit) })
  const result = await requestJson<{ results: SearchHit[] }>('GET', `/api/records/search?${params}`)
  return result.ok ? { ok: true, value: result.value.results } : result
}

/** Registers a person at the gate; the same idempotencyKey twice registers once. */
export function registerIntake(body: IntakeRequest): Promise<ApiResult<IntakeResult>> {
  return requestJson<IntakeResult>('POST', '/api/intakes', body)
}

/** Files a family's report; the same idempotencyKey twice files once. */
export function fileReport(body: ReportRequest): Promise<ApiResult<ReportResult>> {
  return requestJson<ReportResult>('POST', '/api/cases', body)
}
