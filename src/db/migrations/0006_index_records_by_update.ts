// Frozen in time: never import app code here (Kysely migrations guidance).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

// Several server processes share one database: each catches its search index up with the
// records another process stored or changed, by reading those updated since it last looked.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('person_record_updated_idx')
    .on('person_record')
    .columns(['updated_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('person_record_updated_idx').execute()
}
