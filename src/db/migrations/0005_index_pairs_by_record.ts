// Frozen in time: never import app code here (Kysely migrations guidance).
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

// A case follows the pairs and decisions of its record. Looking those up by record id alone
// (any run) scanned candidate_pair whole: its keys start with run_id.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('candidate_pair_left_record_idx')
    .on('candidate_pair')
    .columns(['left_id'])
    .execute()
  await db.schema
    .createIndex('candidate_pair_right_record_idx')
    .on('candidate_pair')
    .columns(['right_id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('candidate_pair_right_record_idx').execute()
  await db.schema.dropIndex('candidate_pair_left_record_idx').execute()
}
