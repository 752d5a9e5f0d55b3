import { describe, it, after } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { connectDatabase } from './connect.js'

// SQLite rows are read as arrays and made objects in connect.ts: they must be the objects
// better-sqlite3 would have made.
describe('SQLite rows as objects', () => {
  const handle = connectDatabase({ url: ':memory:' })
  after(() => handle.close())

  it('keys every column by name, in order, with its value and type', async () => {
    await sql`create table t (id integer primary key, name text, score real, data blob, note text)`.execute(
      handle.db,
    )
    await sql`insert into t values (1, 'محمد', 0.5, x'0102', null), (2, 'Ali', 2, x'', 'x')`.execute(
      handle.db,
    )
    const { rows } = await sql<Record<string, unknown>>`select * from t order by id`.execute(
      handle.db,
    )
    assert.deepEqual(rows, [
      { id: 1, name: 'محمد', score: 0.5, data: Buffer.from([1, 2]), note: null },
      { id: 2, name: 'Ali', score: 2, data: Buffer.alloc(0), note: 'x' },
    ])
    assert.deepEqual(Object.keys(rows[0] ?? {}), ['id', 'name', 'score', 'data', 'note'])
  })

  it('a repeated column name keeps the last value, and aliases name their column', async () => {
    const { rows } = await sql<Record<string, unknown>>`select 1 as a, 2 as a, 3 as b`.execute(
      handle.db,
    )
    assert.deepEqual(rows, [{ a: 2, b: 3 }])
  })

  it('streamed rows are objects too, and writes still report their changes', async () => {
    await sql`create table s (v integer)`.execute(handle.db)
    const insert = await sql`insert into s values (1), (2), (3)`.execute(handle.db)
    assert.equal(insert.numAffectedRows, 3n)
    const seen: unknown[] = []
    for await (const row of handle.db
      .selectFrom('s' as never)
      .selectAll()
      .stream()) {
      seen.push(row)
    }
    assert.deepEqual(seen, [{ v: 1 }, { v: 2 }, { v: 3 }])
  })
})
