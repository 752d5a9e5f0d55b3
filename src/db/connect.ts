/**
 * Opening the database: SQLite (better-sqlite3, WAL, foreign keys on) for a path or
 * `:memory:`, PostgreSQL for a `postgres://` / `postgresql://` URL.
 */
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { createRequire } from 'node:module'
import type SQLiteModule from 'better-sqlite3'
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'

export type Dialect = 'sqlite' | 'postgres'

export interface DatabaseHandle {
  db: Kysely<Database>
  dialect: Dialect
  /** Where it lives, without credentials: a file path, `:memory:` or `postgres://host/db`. */
  location: string
  /** PostgreSQL schema the handle works in, when not the default one. */
  schema?: string | undefined
  close(): Promise<void>
}

export interface ConnectOptions {
  /** A file path, `:memory:`, or a postgres URL. */
  url: string
  /** PostgreSQL schema to use (tests give each file its own). */
  schema?: string | undefined
  /** Max pool size for PostgreSQL. */
  poolSize?: number | undefined
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url)
}

/** Open a database handle; does not migrate. */
export function connectDatabase(options: ConnectOptions): DatabaseHandle {
  if (isPostgresUrl(options.url)) return connectPostgres(options)
  return connectSqlite(options.url)
}

// Loaded on first use: a PostgreSQL-only process never needs the native SQLite addon
// (which is built for one Node ABI at install time).
const require = createRequire(import.meta.url)
let sqliteConstructor: typeof SQLiteModule | undefined

function connectSqlite(path: string): DatabaseHandle {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true })
  sqliteConstructor ??= require('better-sqlite3') as typeof SQLiteModule
  const sqlite = new sqliteConstructor(path)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  // Reads by id (a search result's records, sessions) land on random pages of a large file:
  // a bigger page cache and memory-mapped reads keep them off the read system call. The map
  // is address space, not memory (its pages are the OS file cache); 2 GiB covers a database
  // of a million records (1 GB): reading a page of 10 search results took 0.26 ms instead of
  // 0.32 with 256 MiB mapped (docs/benchmarks-search.md).
  sqlite.pragma('cache_size = -65536')
  sqlite.pragma('mmap_size = 2147483648')
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
  })
  return { db, dialect: 'sqlite', location: path, close: () => db.destroy() }
}

// Distinct SQL texts kept prepared: the queries are written once in the repositories, so
// the set is small; the bound only guards against generated SQL (IN lists of any length).
const STATEMENT_CACHE_LIMIT = 500

/**
 * The database as Kysely sees it, with prepared statements reused: Kysely's SQLite driver
 * prepares every query anew, and compiling the SQL showed up as the largest database item
 * in the server's profile (a search request runs about fifteen statements).
 */
function withStatementCache(sqlite: SQLiteModule.Database): SqliteDatabase {
  const statements = new Map<string, RowsAsObjects>()
  return {
    close: () => sqlite.close(),
    prepare: (sql) => {
      const cached = statements.get(sql)
      // A statement still iterating (a streamed query) cannot run again until it is done.
      if (cached !== undefined && !cached.busy) return cached
      const statement = new RowsAsObjects(sqlite.prepare(sql))
      if (cached === undefined) {
        if (statements.size >= STATEMENT_CACHE_LIMIT) statements.clear()
        statements.set(sql, statement)
      }
      return statement
    },
  }
}

/**
 * A prepared statement whose rows are read as arrays and made objects here: better-sqlite3
 * builds a row object property by property in native code, which took 157 µs for a page of
 * ten 31-column records against 94 µs as arrays plus this loop (the 1M-record bench
 * database; the records of a page of search results are the widest read of a request).
 * Same objects: keys in column order, a repeated column name keeps the last value.
 */
class RowsAsObjects implements SqliteStatement {
  readonly reader: boolean
  private readonly columns: string[]

  constructor(private readonly statement: SQLiteModule.Statement) {
    this.reader = statement.reader
    this.columns = statement.reader ? statement.columns().map((c) => c.name) : []
    if (statement.reader) statement.raw(true)
  }

  get busy(): boolean {
    return this.statement.busy
  }

  all(parameters: readonly unknown[]): unknown[] {
    if (!this.reader) return this.statement.all(...parameters)
    const rows = this.statement.all(...parameters) as unknown[][]
    const out = new Array<Record<string, unknown>>(rows.length)
    for (let r = 0; r < rows.length; r++) out[r] = this.toObject(rows[r] ?? [])
    return out
  }

  run(parameters: readonly unknown[]): SQLiteModule.RunResult {
    return this.statement.run(...parameters)
  }

  *iterate(parameters: readonly unknown[]): IterableIterator<unknown> {
    if (!this.reader) {
      yield* this.statement.iterate(...parameters)
      return
    }
    for (const row of this.statement.iterate(...parameters)) yield this.toObject(row as unknown[])
  }

  private toObject(values: unknown[]): Record<string, unknown> {
    const columns = this.columns
    const row: Record<string, unknown> = {}
    for (let c = 0; c < columns.length; c++) row[columns[c] ?? ''] = values[c]
    return row
  }
}

function connectPostgres(options: ConnectOptions): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  const u = new URL(options.url)
  return {
    db,
    dialect: 'postgres',
    location: `postgres://${u.host}${u.pathname}${options.schema ? `#${options.schema}` : ''}`,
    schema: options.schema,
    close: () => db.destroy(),
  }
}
