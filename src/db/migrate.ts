/**
 * Applying migrations. The list is static (imported modules, not a folder scan) so it
 * works the same from TypeScript sources, compiled output and any working directory.
 */
import { Migrator, type Migration, type MigrationResult } from 'kysely'
import type { DatabaseHandle } from './connect.js'
import * as m0001 from './migrations/0001_create_access.js'
import * as m0002 from './migrations/0002_create_records.js'

export const MIGRATIONS: Record<string, Migration> = {
  '0001_create_access': m0001,
  '0002_create_records': m0002,
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
  })
  const { error, results } = await migrator.migrateToLatest()
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName)
  if (error) return { applied, error: error instanceof Error ? error.message : JSON.stringify(error) }
  return { applied }
}
