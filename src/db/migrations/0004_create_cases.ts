// Frozen in time: never import app code here (Kysely migrations guidance).
// Migrations see the schema as it was, not today's types: hence Kysely<any>.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>): Promise<void> {
  // A family's missing-person case ("case" is an SQL keyword, hence case_file). The
  // reported person is a person_record (source kind family-report); the reporter's
  // identifying fields are AES-256-GCM ciphertexts (docs/decisions/0006-cases-and-intake.md).
  await db.schema
    .createTable('case_file')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('person_record.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('sensitivity', 'text', (c) => c.notNull())
    .addColumn('shared_with', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reporter_name', 'text', (c) => c.notNull())
    .addColumn('reporter_relation', 'text', (c) => c.notNull())
    .addColumn('reporter_phone', 'text')
    .addColumn('reporter_contact', 'text')
    .addColumn('consent', 'text', (c) => c.notNull())
    .addColumn('consent_withdrawn_at', 'text')
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_file_idempotency_uq', ['organisation_id', 'idempotency_key'])
    .execute()
  await db.schema.createIndex('case_file_record_idx').on('case_file').column('record_id').execute()
  await db.schema
    .createIndex('case_file_org_idx')
    .on('case_file')
    .columns(['organisation_id', 'status'])
    .execute()

  // The dated history of a case's status, and the reviewers' votes for a death.
  await db.schema
    .createTable('case_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('case_event_case_idx')
    .on('case_event')
    .columns(['case_id', 'seq'])
    .execute()

  await db.schema
    .createTable('task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('case_id', 'text', (c) => c.notNull().references('case_file.id'))
    .addColumn('assignee_role', 'text')
    .addColumn('assignee_user_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text')
    .addColumn('done_by', 'text')
    .addColumn('done_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema
    .createIndex('task_org_status_idx')
    .on('task')
    .columns(['organisation_id', 'status'])
    .execute()

  // Photos, content-addressed: the same bytes are stored once. Base64 text keeps the
  // column portable across SQLite and PostgreSQL; intake photos are small.
  await db.schema
    .createTable('media_blob')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('stored_by', 'text', (c) => c.notNull())
    .addColumn('stored_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('intake')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('record_id', 'text', (c) => c.notNull().references('person_record.id'))
    .addColumn('idempotency_key', 'text', (c) => c.notNull())
    .addColumn('unidentified', 'integer', (c) => c.notNull())
    .addColumn('approximate_age', 'integer')
    .addColumn('sex', 'text')
    .addColumn('distinguishing_marks', 'text')
    .addColumn('language', 'text')
    .addColumn('health_urgency', 'text', (c) => c.notNull())
    .addColumn('facility_place_id', 'text')
    .addColumn('facility_text', 'text')
    .addColumn('zone', 'text')
    .addColumn('photo_sha256', 'text')
    .addColumn('attach_to_record_id', 'text')
    .addColumn('registered_by', 'text', (c) => c.notNull())
    .addColumn('registered_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('intake_idempotency_uq', ['organisation_id', 'idempotency_key'])
    .execute()
  await db.schema
    .createIndex('intake_org_idx')
    .on('intake')
    .columns(['organisation_id', 'registered_at'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['intake', 'media_blob', 'task', 'case_event', 'case_file']) {
    await db.schema.dropTable(t).execute()
  }
}
