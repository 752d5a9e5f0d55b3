/**
 * Opening Athar's runtime from configuration: which database, which key file.
 * `--db PATH` wins over DATABASE_URL, which wins over the default `data/athar.db`.
 */
import { dirname, join, resolve } from 'node:path'
import { existsSync, rmSync } from 'node:fs'
import { connectDatabase, isPostgresUrl, type DatabaseHandle } from '../db/connect.js'
import { migrateToLatest, type MigrateOutcome } from '../db/migrate.js'
import { configFromEnv, type ServiceContext } from './context.js'
import { loadKeyRing } from './keys.js'
import { DomainError } from '../core/errors.js'

export const DEFAULT_DB_PATH = 'data/athar.db'

export { isPostgresUrl }

export interface RuntimeOptions {
  db?: string | undefined
  env?: NodeJS.ProcessEnv
}

export function resolveDatabaseUrl(options: RuntimeOptions): string {
  const env = options.env ?? process.env
  const url = options.db ?? env.DATABASE_URL ?? DEFAULT_DB_PATH
  return isPostgresUrl(url) || url === ':memory:' ? url : resolve(url)
}

/** The key file: ATHAR_KEY_FILE, else beside a SQLite file, else data/athar.key. */
export function resolveKeyFile(url: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.ATHAR_KEY_FILE) return resolve(env.ATHAR_KEY_FILE)
  if (!isPostgresUrl(url) && url !== ':memory:') return join(dirname(url), 'athar.key')
  return resolve('data/athar.key')
}

export function openHandle(url: string): DatabaseHandle {
  try {
    return connectDatabase({ url })
  } catch (error) {
    throw new DomainError(
      'internal',
      `cannot open the database at ${url}: ${error instanceof Error ? error.message : String(error)}`,
    )
  }
}

export async function migrateDatabase(handle: DatabaseHandle): Promise<MigrateOutcome> {
  return migrateToLatest(handle)
}

/** Open the database, bring its schema up to date and load the keys. */
export async function openRuntime(options: RuntimeOptions): Promise<ServiceContext> {
  const url = resolveDatabaseUrl(options)
  const handle = openHandle(url)
  const outcome = await migrateToLatest(handle)
  if (outcome.error) {
    await handle.close()
    throw new DomainError(
      'internal',
      `the database at ${handle.location} could not be migrated: ${outcome.error}`,
    )
  }
  return {
    handle,
    clock: () => new Date(),
    keys: loadKeyRing({
      keyFile: resolveKeyFile(url, options.env),
      ...(options.env ? { env: options.env } : {}),
    }),
    config: configFromEnv(options.env),
  }
}

/** Remove a SQLite database file and its WAL companions (for a fresh demo). */
export function removeSqliteFiles(path: string): void {
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) rmSync(path + suffix)
  }
}
