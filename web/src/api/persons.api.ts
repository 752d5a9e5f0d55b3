/**
 * The person page's call. Shapes restate src/services/person.service.ts (web/ may import
 * only src/contract), limited to what the page reads.
 */
import { requestJson, type ApiResult } from './http-client.js'

export interface NameForms {
  written: string | null
  normalised: string | null
  script: string | null
  motherWritten: string | null
}

export interface Provenance {
  source_organisation: string
  source_kind: string
  document?: string
  import_batch_id: string
  file_sha256: string
  row_number: number
  imported_by: string
  imported_at: string
}

export interface PersonAccount {
  recordId: string
  sourceKind: string
  sensitivity: string
  version: number
  fields: Record<string, unknown>
  names: NameForms
  provenance: Provenance
  deceased: boolean
}

export interface PersonCase {
  id: string
  recordId: string
  status: string
  createdAt: string
  updatedAt: string
}

export interface PersonDecision {
  leftId: string
  rightId: string
  verdict: string
  reviewer: string | null
  decidedAt: string
  note: string | null
}

export interface PersonIntake {
  intakeId: string
  recordId: string
  registeredAt: string
  unidentified: boolean
  hasPhoto: boolean
  photoSha256: string | null
}

export type TimelineKind =
  'birth' | 'arrest' | 'last_seen' | 'detention' | 'release' | 'intake' | 'death' | 'recorded'

export interface TimelineEvent {
  kind: TimelineKind
  date: string | null
  dateText: string | null
  place: string | null
  recordId: string
  sourceKind: string
  field: string
  disagrees: boolean
}

export interface PersonStory {
  id: string
  requestedId: string
  status: string
  accounts: PersonAccount[]
  cases: PersonCase[]
  decisions: PersonDecision[]
  intakes: PersonIntake[]
  timeline: TimelineEvent[]
}

/** GET /api/persons/:id/story (audited on the server). */
export function getPersonStory(id: string): Promise<ApiResult<PersonStory>> {
  return requestJson<PersonStory>('GET', `/api/persons/${encodeURIComponent(id)}/story`)
}

/** Where the browser loads an intake's photo from (same origin, the session cookie, no cache). */
export function intakePhotoUrl(intakeId: string): string {
  return `/api/intakes/${encodeURIComponent(intakeId)}/photo`
}
