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

export interface Database {
  organisation: OrganisationTable
  app_user: AppUserTable
  session: SessionTable
  login_throttle: LoginThrottleTable
  audit_entry: AuditEntryTable
  audit_head: AuditHeadTable
}

export type OrganisationRow = Selectable<OrganisationTable>
export type AppUserRow = Selectable<AppUserTable>
export type NewAppUserRow = Insertable<AppUserTable>
export type AppUserUpdate = Updateable<AppUserTable>
export type SessionRow = Selectable<SessionTable>
export type AuditEntryRow = Selectable<AuditEntryTable>
export type NewAuditEntryRow = Insertable<AuditEntryTable>
export type { Generated }
