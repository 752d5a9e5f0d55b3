/**
 * One suite, every dialect: SQLite in memory always, PostgreSQL when TEST_DATABASE_URL is
 * set (as CI sets it). Each call gets a fresh database — a new in-memory SQLite, or a new
 * PostgreSQL schema that is dropped afterwards — so test files never see each other.
 */
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connectDatabase, type DatabaseHandle, type Dialect } from '../../src/db/connect.js'
import { migrateToLatest } from '../../src/db/migrate.js'
import {
  DEFAULT_CONFIG,
  type AtharConfig,
  type ServiceContext,
} from '../../src/services/context.js'
import { testKeyRing } from '../../src/services/keys.js'

// TEST_DIALECTS=postgres runs the suites on PostgreSQL only (e.g. on a Node version the
// SQLite addon was not built for).
export const DIALECTS: Dialect[] = process.env.TEST_DIALECTS
  ? (process.env.TEST_DIALECTS.split(',').filter(
      (d) => d === 'sqlite' || d === 'postgres',
    ) as Dialect[])
  : process.env.TEST_DATABASE_URL
    ? ['sqlite', 'postgres']
    : ['sqlite']

export interface TestDatabase {
  handle: DatabaseHandle
  drop(): Promise<void>
}

export async function openTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const handle = connectDatabase({ url: ':memory:' })
    const m = await migrateToLatest(handle)
    if (m.error) throw new Error(`migration failed: ${m.error}`)
    return { handle, drop: () => handle.close() }
  }
  const url = process.env.TEST_DATABASE_URL
  if (!url) throw new Error('TEST_DATABASE_URL is not set')
  const schema = `t_${process.pid}_${randomBytes(4).toString('hex')}`
  // Kysely's migrator introspects the tables of every schema in the database before it
  // takes its own lock; a schema that another test file drops at that moment makes the
  // introspection fail with "schema … does not exist" (seen once in CI). Creating,
  // migrating and dropping test schemas under one advisory lock closes that race.
  const handle = await underDdlLock(url, async (admin) => {
    await admin.query(`create schema ${schema}`)
    const h = connectDatabase({ url, schema, poolSize: 4 })
    const m = await migrateToLatest(h)
    if (m.error) {
      await h.close()
      await admin.query(`drop schema if exists ${schema} cascade`)
      throw new Error(`migration failed: ${m.error}`)
    }
    return h
  })
  let dropped = false
  return {
    handle,
    async drop() {
      if (dropped) return
      dropped = true
      await handle.close()
      await underDdlLock(url, (admin) => admin.query(`drop schema if exists ${schema} cascade`))
    },
  }
}

/** Any fixed number: every test process uses the same one. */
const TEST_DDL_LOCK = 0x4174686172

async function underDdlLock<T>(url: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query('select pg_advisory_lock($1)', [TEST_DDL_LOCK])
    return await work(admin)
  } finally {
    // Ending the session releases the lock even when the unlock is never reached.
    await admin.end().catch(() => undefined)
  }
}

/** Cheap argon2 settings would hide bugs in hashing; keep the real ones but they cost ~50 ms a hash. */
export const TEST_CONFIG: AtharConfig = DEFAULT_CONFIG

export interface TestContext extends ServiceContext {
  /** Move the test clock. */
  advance(ms: number): void
  drop(): Promise<void>
}

export async function openTestContext(
  dialect: Dialect,
  start = new Date('2026-01-15T10:00:00Z'),
): Promise<TestContext> {
  const tdb = await openTestDatabase(dialect)
  let now = start.getTime()
  return {
    handle: tdb.handle,
    clock: () => new Date(now),
    keys: testKeyRing(),
    config: TEST_CONFIG,
    advance(ms: number) {
      now += ms
    },
    drop: () => tdb.drop(),
  }
}
