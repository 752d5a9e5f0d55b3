/**
 * The database schema as Kysely sees it: one interface per table. Rows are `XRow`;
 * services map them to domain types so row shapes never leak past a repository.
 *
 * Portability rules (docs/decisions/0001-storage.md): timestamps are ISO-8601 UTC text,
 * flags are integers 0/1, JSON is text, ids are text — the same on SQLite and PostgreSQL.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely'

export interface OrganisationTable {
  id: string
  name: string
  created_at: string
}

export interface AppUserTable {
  id: string
  organisation_id: string
  username: string
  display_name: string
  role: string
  password_hash: string
  disabled: number
  created_at: string
  disabled_at: string | null
}

export interface SessionTable {
  /** SHA-256 of the session id; the id itself lives only in the user's cookie. */
  id_hash: string
  user_id: string
  csrf_token: string
  created_at: string
  last_seen_at: string
  expires_at: string
  ip: string | null
  user_agent: string | null
}

export interface LoginThrottleTable {
  key: string
  failures: number
  window_started_at: string
  locked_until: string | null
}

export interface AuditEntryTable {
  seq: number
  at: string
  actor_user_id: string | null
  actor_organisation_id: string | null
  action: string
  object_type: string
  object_id: string | null
  outcome: string
  details: string
  prev_hash: string
  hash: string
}

/** One row: the head of the audit chain, sealed with an HMAC under a key kept outside the database. */
export interface AuditHeadTable {
  id: number
  seq: number
  hash: string
  seal: string
}

export interface ImportBatchTable {
  id: string
  organisation_id: string
  source_kind: string
  document: string | null
  file_name: string
  file_sha256: string
  format: string
  encoding: string | null
  row_count: number
  warning_count: number
  /** JSON: how the file was read (delimiter, header mapping, warnings kept). */
  meta: string
  imported_by: string
  imported_at: string
}

/** The spec's text columns, stored as written (null = unknown). */
export interface PersonRecordSpecColumns {
  source: string | null
  full_name: string | null
  first_name: string | null
  father_name: string | null
  grandfather_name: string | null
  family_name: string | null
  mother_name: string | null
  mother_family_name: string | null
  sex: string | null
  birth_date: string | null
  recorded_on: string | null
  birth_place: string | null
  national_id: string | null
  last_seen_date: string | null
  last_seen_place: string | null
  detention_place: string | null
  notes: string | null
}

export interface PersonRecordTable extends PersonRecordSpecColumns {
  id: string
  organisation_id: string
  batch_id: string | null
  /** The record_id of the source file, unique within its batch. */
  record_key: string
  row_number: number | null
  source_kind: string
  sensitivity: string
  /** JSON array of organisation ids this record is shared with. */
  shared_with: string
  version: number
  age: number | null
  /** JSON object of the columns the spec does not name. */
  extra: string
  created_by: string
  created_at: string
  updated_at: string
}

export interface PersonRecordVersionTable {
  record_id: string
  version: number
  /** JSON snapshot of the spec fields and extra at this version. */
  fields: string
  changed_by: string
  changed_at: string
  reason: string
}

export interface JobTable {
  id: string
  kind: string
  organisation_id: string
  created_by: string
  status: string
  progress: number
  stage: string | null
  /** JSON: the outcome (or the error report) once finished. */
  result: string | null
  created_at: string
  updated_at: string
}

/** One batch linkage run (docs/decisions/0005-linkage-in-the-system.md). */
export interface LinkageRunTable {
  id: string
  organisation_id: string
  job_id: string | null
  status: string
  /** JSON: the model the run scored with. */
  model: string | null
  model_version: number
  auto_link_threshold: number
  review_threshold: number
  max_sensitivity: string
  record_count: number
  candidate_count: number
  stored_pair_count: number
  auto_link_count: number
  review_count: number
  person_count: number
  started_by: string
  started_at: string
  finished_at: string | null
}

export interface CandidatePairTable {
  run_id: string
  organisation_id: string
  /** left_id < right_id. */
  left_id: string
  right_id: string
  probability: number
  weight: number
  band: string
  sensitive: number
  /** 'run' or 'incremental'. */
  origin: string
  /** JSON: the waterfall (prior, each comparison's level and weight). */
  contributions: string
  created_at: string
}

/** Append-only reviewer decisions. */
export interface ReviewDecisionTable {
  id: string
  organisation_id: string
  pair_key: string
  left_id: string
  right_id: string
  verdict: string
  note: string | null
  reviewer_id: string
  sensitive: number
  run_id: string | null
  probability: number | null
  decided_at: string
}

export interface PersonTable {
  id: string
  organisation_id: string
  /** 'active', 'merged' (see merged_into) or 'empty'. */
  status: string
  merged_into: string | null
  split_from: string | null
  created_at: string
  updated_at: string
}

export interface PersonMemberTable {
  record_id: string
  person_id: string
  organisation_id: string
  since: string
}

export interface PersonEventTable {
  id: string
  organisation_id: string
  person_id: string
  kind: string
  other_person_id: string | null
  cause: string
  run_id: string | null
  at: string
}

/** A family's missing-person case; reporter_* hold AES-256-GCM ciphertexts (0006). */
export interface CaseFileTable {
  id: string
  organisation_id: string
  record_id: string
  status: string
  sensitivity: string
  shared_with: string
  reporter_name: string
  reporter_relation: string
  reporter_phone: string | null
  reporter_contact: string | null
  /** JSON: purposes, sharing, date. */
  consent: string
  consent_withdrawn_at: string | null
  idempotency_key: string
  created_by: string
  created_at: string
  updated_at: string
}

export interface CaseEventTable {
  id: string
  case_id: string
  /** Order within the case (timestamps can tie). */
  seq: number
  /** 'status' (a transition) or 'deceased_vote' (one reviewer's conclusion). */
  kind: string
  from_status: string | null
  to_status: string | null
  cause: string
  actor_id: string | null
  at: string
}

export interface TaskTable {
  id: string
  organisation_id: string
  kind: string
  case_id: string
  assignee_role: string | null
  assignee_user_id: string | null
  status: string
  due_at: string | null
  done_by: string | null
  done_at: string | null
  created_at: string
}

export interface MediaBlobTable {
  sha256: string
  media_type: string
  size: number
  /** Base64 of the bytes. */
  content: string
  stored_by: string
  stored_at: string
}

export interface IntakeTable {
  id: string
  organisation_id: string
  record_id: string
  idempotency_key: string
  unidentified: number
  approximate_age: number | null
  sex: string | null
  distinguishing_marks: string | null
  language: string | null
  health_urgency: string
  facility_place_id: string | null
  facility_text: string | null
  zone: string | null
  photo_sha256: string | null
  attach_to_record_id: string | null
  registered_by: string
  registered_at: string
}

export interface Database {
  organisation: OrganisationTable
  app_user: AppUserTable
  session: SessionTable
  login_throttle: LoginThrottleTable
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
  import_batch: ImportBatchTable
  person_record: PersonRecordTable
  person_record_version: PersonRecordVersionTable
  job: JobTable
  linkage_run: LinkageRunTable
  candidate_pair: CandidatePairTable
  review_decision: ReviewDecisionTable
  person: PersonTable
  person_member: PersonMemberTable
  person_event: PersonEventTable
  case_file: CaseFileTable
  case_event: CaseEventTable
  task: TaskTable
  media_blob: MediaBlobTable
  intake: IntakeTable
}

export type OrganisationRow = Selectable<OrganisationTable>
export type AppUserRow = Selectable<AppUserTable>
export type NewAppUserRow = Insertable<AppUserTable>
export type AppUserUpdate = Updateable<AppUserTable>
export type SessionRow = Selectable<SessionTable>
export type AuditEntryRow = Selectable<AuditEntryTable>
export type NewAuditEntryRow = Insertable<AuditEntryTable>
export type ImportBatchRow = Selectable<ImportBatchTable>
export type PersonRecordRow = Selectable<PersonRecordTable>
export type PersonRecordVersionRow = Selectable<PersonRecordVersionTable>
export type JobRow = Selectable<JobTable>
export type LinkageRunRow = Selectable<LinkageRunTable>
export type CandidatePairRow = Selectable<CandidatePairTable>
export type ReviewDecisionRow = Selectable<ReviewDecisionTable>
export type PersonRow = Selectable<PersonTable>
export type PersonMemberRow = Selectable<PersonMemberTable>
export type PersonEventRow = Selectable<PersonEventTable>
export type CaseFileRow = Selectable<CaseFileTable>
export type CaseEventRow = Selectable<CaseEventTable>
export type TaskRow = Selectable<TaskTable>
export type MediaBlobRow = Selectable<MediaBlobTable>
export type IntakeRow = Selectable<IntakeTable>
export type { Generated }
