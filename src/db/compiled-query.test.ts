import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, openTestDatabase, type TestDatabase } from '../../test/support/test-database.js'
import { executeCompiled } from './compiled-query.js'

for (const dialect of DIALECTS) {
  describe(`queries compiled once (${dialect})`, () => {
    let tdb: TestDatabase
    before(async () => {
      tdb = await openTestDatabase(dialect)
      const at = '2026-01-01T00:00:00Z'
      await tdb.handle.db
        .insertInto('organisation')
        .values([
          { id: 'o1', name: 'First', created_at: at },
          { id: 'o2', name: 'Second', created_at: at },
        ])
        .execute()
    })
    after(() => tdb.drop())

    const byId = (id: string) =>
      executeCompiled(tdb.handle.db, 'org-by-id', [id], () =>
        tdb.handle.db.selectFrom('organisation').select('name').where('id', '=', id),
      )

    it('runs the SQL compiled on the first run with the values of each later run', async () => {
      assert.deepEqual(await byId('o1'), [{ name: 'First' }])
      assert.deepEqual(await byId('o2'), [{ name: 'Second' }])
      assert.deepEqual(await byId('o3'), [])
    })

    it('refuses a query whose bound values are not the ones given', async () => {
      await assert.rejects(
        executeCompiled(tdb.handle.db, 'org-by-two', ['o1'], () =>
          tdb.handle.db
            .selectFrom('organisation')
            .select('name')
            .where('id', '=', 'o1')
            .where('name', '=', 'First'),
        ),
        /binds other values/,
      )
    })
  })
}
