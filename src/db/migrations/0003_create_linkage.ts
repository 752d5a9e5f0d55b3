// Frozen in time: never import app code here (Kysely migrations guidance).
// Migrations see the schema as it was, not today's types: hence Kysely<any>.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // Probabilities and weights are 'double precision': PostgreSQL's 'real' is 4 bytes, and a
  // stored weight must equal prior + contributions to the last bit, as in SQLite.
  // One batch linkage run of one organisation: the model it trained (or reused), the
  // thresholds of its bands, and what it found. The newest succeeded run is "the model".
  await db.schema
    .createTable('linkage_run')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('job_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('model', 'text')
    .addColumn('model_version', 'integer', (c) => c.notNull())
    .addColumn('auto_link_threshold', 'double precision', (c) => c.notNull())
    .addColumn('review_threshold', 'double precision', (c) => c.notNull())
    .addColumn('max_sensitivity', 'text', (c) => c.notNull())
    .addColumn('record_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('candidate_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('stored_pair_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('auto_link_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('review_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('person_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('started_by', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute()
  await db.schema
    .createIndex('linkage_run_org_idx')
    .on('linkage_run')
    .columns(['organisation_id', 'status', 'started_at'])
    .execute()

  // Scored pairs at or above the review threshold, with the waterfall that explains them.
  // Pairs found later for newly added records (incremental) join the run they were scored with.
  await db.schema
    .createTable('candidate_pair')
    .addColumn('run_id', 'text', (c) => c.notNull().references('linkage_run.id'))
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('left_id', 'text', (c) => c.notNull())
    .addColumn('right_id', 'text', (c) => c.notNull())
    .addColumn('probability', 'double precision', (c) => c.notNull())
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('band', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('contributions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('candidate_pair_pk', ['run_id', 'left_id', 'right_id'])
    .execute()
  await db.schema
    .createIndex('candidate_pair_band_idx')
    .on('candidate_pair')
    .columns(['run_id', 'band'])
    .execute()
  await db.schema
    .createIndex('candidate_pair_right_idx')
    .on('candidate_pair')
    .columns(['run_id', 'right_id'])
    .execute()

  // Reviewers' decisions: append-only facts. No run updates or deletes them.
  await db.schema
    .createTable('review_decision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('pair_key', 'text', (c) => c.notNull())
    .addColumn('left_id', 'text', (c) => c.notNull())
    .addColumn('right_id', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('reviewer_id', 'text', (c) => c.notNull())
    .addColumn('sensitive', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_id', 'text')
    .addColumn('probability', 'double precision')
    .addColumn('decided_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('review_decision_pair_idx')
    .on('review_decision')
    .columns(['organisation_id', 'pair_key'])
    .execute()
  await db.schema
    .createIndex('review_decision_left_idx')
    .on('review_decision')
    .column('left_id')
    .execute()
  await db.schema
    .createIndex('review_decision_right_idx')
    .on('review_decision')
    .column('right_id')
    .execute()

  // Stable person ids: a person keeps its id while its cluster only grows; merged and
  // split ids stay as rows with their status so an old id still resolves.
  await db.schema
    .createTable('person')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('merged_into', 'text')
    .addColumn('split_from', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createTable('person_member')
    .addColumn('record_id', 'text', (c) => c.primaryKey())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('person_member_person_idx')
    .on('person_member')
    .column('person_id')
    .execute()
  await db.schema
    .createIndex('person_member_org_idx')
    .on('person_member')
    .column('organisation_id')
    .execute()
  await db.schema
    .createTable('person_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('person_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('other_person_id', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('run_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('person_event_person_idx')
    .on('person_event')
    .column('person_id')
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'person_event',
    'person_member',
    'person',
    'review_decision',
    'candidate_pair',
    'linkage_run',
  ]) {
    await db.schema.dropTable(t).execute()
  }
}
