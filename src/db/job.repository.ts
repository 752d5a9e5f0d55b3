/** Long-running work with persisted progress. */
import type { Kysely } from 'kysely'
import type { Database, JobRow } from './database.js'

type Db = Kysely<Database>

export async function insertJob(db: Db, row: JobRow): Promise<void> {
  await db.insertInto('job').values(row).execute()
}

export async function updateJob(
  db: Db,
  id: string,
  changes: Partial<Pick<JobRow, 'status' | 'progress' | 'stage' | 'result' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('job').set(changes).where('id', '=', id).execute()
}

export async function findJob(db: Db, id: string): Promise<JobRow | undefined> {
  return db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst()
}
