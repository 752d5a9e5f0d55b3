/** The append-only audit log and its sealed head. */
import { sql, type Kysely } from 'kysely'
import type { AuditEntryRow, AuditHeadTable, Database, NewAuditEntryRow } from './database.js'
import type { Dialect } from './connect.js'

type Db = Kysely<Database>

/**
 * Read the chain head, locked for the rest of the transaction: appends from several
 * connections (server processes) serialise on it. The insert comes first on both dialects:
 * it creates the row PostgreSQL locks with FOR UPDATE, and on SQLite it is a write, which
 * takes the database's write lock (waiting for another writer) before the head is read; a
 * transaction that read first would find its snapshot stale at its first write and fail.
 */
export async function lockAuditHead(db: Db, dialect: Dialect): Promise<AuditHeadTable | undefined> {
  await sql`insert into audit_head (id, seq, hash, seal) values (1, 0, '', '') on conflict (id) do nothing`.execute(
    db,
  )
  if (dialect === 'postgres') {
    const row = await db
      .selectFrom('audit_head')
      .selectAll()
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirst()
    return row && row.seq > 0 ? normaliseHead(row) : undefined
  }
  const row = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst()
  return row && Number(row.seq) > 0 ? normaliseHead(row) : undefined
}

export async function readAuditHead(db: Db): Promise<AuditHeadTable | undefined> {
  const row = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirst()
  return row && Number(row.seq) > 0 ? normaliseHead(row) : undefined
}

function normaliseHead(row: AuditHeadTable): AuditHeadTable {
  // PostgreSQL returns bigint as a string.
  return { ...row, seq: Number(row.seq) }
}

// SQLite allows 32,766 bound parameters per statement; an entry has 11 columns.
const ENTRY_CHUNK = 1000

export async function insertAuditEntries(db: Db, rows: readonly NewAuditEntryRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += ENTRY_CHUNK) {
    await db
      .insertInto('audit_entry')
      .values(rows.slice(i, i + ENTRY_CHUNK))
      .execute()
  }
}

export async function writeAuditHead(db: Db, head: AuditHeadTable): Promise<void> {
  await db
    .insertInto('audit_head')
    .values(head)
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ seq: head.seq, hash: head.hash, seal: head.seal }),
    )
    .execute()
}

/** Entries in sequence order, a page at a time (the log can be large). */
export async function* streamAuditEntries(db: Db, pageSize = 5000): AsyncGenerator<AuditEntryRow> {
  let after = 0
  for (;;) {
    const page = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq')
      .limit(pageSize)
      .execute()
    for (const row of page) yield { ...row, seq: Number(row.seq) }
    if (page.length < pageSize) return
    after = Number(page[page.length - 1]?.seq ?? after)
  }
}

export async function listAuditEntries(
  db: Db,
  filter: { objectType?: string; objectId?: string; action?: string; limit: number },
): Promise<AuditEntryRow[]> {
  let q = db.selectFrom('audit_entry').selectAll()
  if (filter.objectType !== undefined) q = q.where('object_type', '=', filter.objectType)
  if (filter.objectId !== undefined) q = q.where('object_id', '=', filter.objectId)
  if (filter.action !== undefined) q = q.where('action', '=', filter.action)
  const rows = await q.orderBy('seq', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({ ...r, seq: Number(r.seq) }))
}

export async function countAuditEntries(db: Db): Promise<number> {
  const r = await db
    .selectFrom('audit_entry')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(r.n)
}
