/**
 * Applying migrations. The list is static (imported modules, not a folder scan) so it
 * works the same from TypeScript sources, compiled output and any working directory.
 */
import { Migrator, type Migration, type MigrationResult } from 'kysely'
import type { DatabaseHandle } from './connect.js'
import * as m0001 from './migrations/0001_create_access.js'
import * as m0002 from './migrations/0002_create_records.js'
import * as m0003 from './migrations/0003_create_linkage.js'
import * as m0004 from './migrations/0004_create_cases.js'
import * as m0005 from './migrations/0005_index_pairs_by_record.js'
import * as m0006 from './migrations/0006_index_records_by_update.js'
import * as m0007 from './migrations/0007_cover_record_updates.js'

export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_access': m0001,
  '0002_create_records': m0002,
  '0003_create_linkage': m0003,
  '0004_create_cases': m0004,
  '0005_index_pairs_by_record': m0005,
  '0006_index_records_by_update': m0006,
  '0007_cover_record_updates': m0007,
}

export interface MigrateOutcome {
  applied: string[]
  error?: string | undefined
}

/** Bring the schema to the newest version. Never throws: the outcome says what happened. */
export async function migrateToLatest(handle: DatabaseHandle): Promise<MigrateOutcome> {
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => MIGRATIONS },
    // Kysely looks for its bookkeeping tables by name; pin them to our schema so that two
    // schemas migrating at once (parallel test files) never see each other's tables.
    ...(handle.schema ? { migrationTableSchema: handle.schema } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? [])
    .filter((r: MigrationResult) => r.status === 'Success')
    .map((r) => r.migrationName)
  if (error) {
    return { applied, error: error instanceof Error ? error.message : JSON.stringify(error) }
  }
  return { applied }
}
