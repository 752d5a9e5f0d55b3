// Frozen in time: never import app code here (Kysely migrations guidance).
// Migrations see the schema as it was, not today's types: hence Kysely<any>.
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Kysely } from 'kysely'

const SPEC_TEXT_COLUMNS = [
  'source',
  'full_name',
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
  'sex',
  'birth_date',
  'recorded_on',
  'birth_place',
  'national_id',
  'last_seen_date',
  'last_seen_place',
  'detention_place',
  'notes',
]

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_batch')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('document', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('encoding', 'text')
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('warning_count', 'integer', (c) => c.notNull())
    .addColumn('meta', 'text', (c) => c.notNull())
    .addColumn('imported_by', 'text', (c) => c.notNull().references('app_user.id'))
    .addColumn('imported_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('import_batch_org_file_uq', ['organisation_id', 'file_sha256'])
    .execute()

  let t = db.schema
    .createTable('person_record')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisation.id'))
    .addColumn('batch_id', 'text', (c) => c.references('import_batch.id'))
    .addColumn('record_key', 'text', (c) => c.notNull())
    .addColumn('row_number', 'integer')
    .addColumn('source_kind', 'text', (c) => c.notNull())
    .addColumn('sensitivity', 'text', (c) => c.notNull().defaultTo('sensitive'))
    .addColumn('shared_with', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('age', 'integer')
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
  for (const col of SPEC_TEXT_COLUMNS) t = t.addColumn(col, 'text')
  await t.addUniqueConstraint('person_record_batch_key_uq', ['batch_id', 'record_key']).execute()
  await db.schema
    .createIndex('person_record_org_idx')
    .on('person_record')
    .column('organisation_id')
    .execute()

  // Every state a record has had: version 1 is what the source said; later versions are
  // corrections, each with who, when and why. Imports never edit in place.
  await db.schema
    .createTable('person_record_version')
    .addColumn('record_id', 'text', (c) => c.notNull().references('person_record.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_record_version_pk', ['record_id', 'version'])
    .execute()

  await db.schema
    .createTable('job')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull().defaultTo(0))
    .addColumn('stage', 'text')
    .addColumn('result', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['job', 'person_record_version', 'person_record', 'import_batch']) {
    await db.schema.dropTable(t).execute()
  }
}
