import { describe, it, beforeEach, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { sql } from 'kysely'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { appendAudit, recordAudit, verifyAuditChain } from './audit.service.js'
import { deriveKeyRing } from './keys.js'

const actor = { userId: 'u1', organisationId: 'o1' }

async function writeEntries(ctx: TestContext, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await recordAudit(ctx, actor, {
      action: 'record.read',
      objectType: 'record',
      objectId: `r${i}`,
      details: { i },
    })
  }
}

for (const dialect of DIALECTS) {
  describe(`audit chain (${dialect})`, () => {
    let ctx: TestContext
    beforeEach(async () => {
      ctx = await openTestContext(dialect)
      await writeEntries(ctx, 6)
    })
    afterEach(async () => ctx.drop())

    it('verifies an untouched chain', async () => {
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true)
      assert.equal(v.entriesChecked, 6)
    })

    it('appends inside the caller transaction: a rolled-back change leaves no entry', async () => {
      await assert.rejects(
        ctx.handle.db.transaction().execute(async (trx) => {
          await appendAudit(ctx, trx, actor, { action: 'x', objectType: 'y' })
          throw new Error('rollback')
        }),
      )
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true)
      assert.equal(v.entriesChecked, 6)
    })

    it('detects a changed byte in an entry', async () => {
      await sql`update audit_entry set details = ${'{"i":99}'} where seq = 3`.execute(ctx.handle.db)
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, false)
      assert.equal(v.firstBrokenSeq, 3)
      assert.equal(v.reason, 'hash_mismatch')
    })

    it('detects a changed actor even when the attacker recomputes that entry hash naively', async () => {
      await sql`update audit_entry set actor_user_id = ${'intruder'} where seq = 2`.execute(
        ctx.handle.db,
      )
      const v = await verifyAuditChain(ctx)
      assert.equal(v.firstBrokenSeq, 2)
    })

    it('detects a deleted entry', async () => {
      await sql`delete from audit_entry where seq = 4`.execute(ctx.handle.db)
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, false)
      assert.equal(v.firstBrokenSeq, 4)
      assert.equal(v.reason, 'sequence_gap')
    })

    it('detects two entries swapped', async () => {
      // Swap the contents of entries 2 and 5 while keeping their sequence numbers.
      const cols = [
        'at',
        'actor_user_id',
        'action',
        'object_type',
        'object_id',
        'outcome',
        'details',
        'prev_hash',
        'hash',
      ] as const
      const rows = await ctx.handle.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', 'in', [2, 5])
        .orderBy('seq')
        .execute()
      const [r2, r5] = rows
      assert.ok(r2 && r5)
      for (const [target, source] of [
        [2, r5],
        [5, r2],
      ] as const) {
        const set: Record<string, unknown> = {}
        for (const c of cols) set[c] = source[c]
        await ctx.handle.db.updateTable('audit_entry').set(set).where('seq', '=', target).execute()
      }
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, false)
      assert.equal(v.firstBrokenSeq, 2)
    })

    it('detects truncation of the tail against the sealed head', async () => {
      await sql`delete from audit_entry where seq > 4`.execute(ctx.handle.db)
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, false)
      assert.equal(v.reason, 'head_mismatch')
      assert.equal(v.firstBrokenSeq, 5)
    })

    it('detects truncation even when the head row is moved back without the key', async () => {
      const last = await ctx.handle.db
        .selectFrom('audit_entry')
        .selectAll()
        .where('seq', '=', 4)
        .executeTakeFirstOrThrow()
      await sql`delete from audit_entry where seq > 4`.execute(ctx.handle.db)
      await ctx.handle.db
        .updateTable('audit_head')
        .set({ seq: 4, hash: last.hash })
        .where('id', '=', 1)
        .execute()
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, false)
      assert.equal(v.reason, 'head_seal_invalid')
    })

    it('fails verification with the wrong key', async () => {
      const v = await verifyAuditChain({ ...ctx, keys: deriveKeyRing(Buffer.alloc(32, 9)) })
      assert.equal(v.ok, false)
      assert.equal(v.reason, 'head_seal_invalid')
    })
  })
}
