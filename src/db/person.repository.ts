/** Reads for the person page and the photo route: intakes by record or id, and user names. */
import type { Kysely } from 'kysely'
import type { Database, IntakeRow } from './database.js'

type Db = Kysely<Database>

export async function findIntakeById(db: Db, id: string): Promise<IntakeRow | undefined> {
  return db.selectFrom('intake').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Intakes whose record is one of the given (a person's accounts are few: one query). */
export async function listIntakesOfRecords(
  db: Db,
  recordIds: readonly string[],
): Promise<IntakeRow[]> {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('intake')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .orderBy('registered_at')
    .execute()
}

/** Display names of users by id (reviewers named on the page). */
export async function listUserNames(
  db: Db,
  ids: readonly string[],
): Promise<Array<{ id: string; display_name: string; organisation_id: string }>> {
  if (ids.length === 0) return []
  return db
    .selectFrom('app_user')
    .select(['id', 'display_name', 'organisation_id'])
    .where('id', 'in', [...new Set(ids)])
    .execute()
}
