// Frozen in time: never import app code here (Kysely migrations guidance).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

// A search index's catch-up first asks which records changed since it last looked, and at
// which version, and reads whole rows only for those it does not hold yet: with id and
// version in the index that question never touches the table (after an import of 100,000
// records it used to re-read all of them every two seconds for a minute).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('person_record_updated_cover_idx')
    .on('person_record')
    .columns(['updated_at', 'id', 'version'])
    .execute()
  await db.schema.dropIndex('person_record_updated_idx').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('person_record_updated_idx')
    .on('person_record')
    .columns(['updated_at'])
    .execute()
  await db.schema.dropIndex('person_record_updated_cover_idx').execute()
}
