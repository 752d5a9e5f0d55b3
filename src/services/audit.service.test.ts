import { describe, it, beforeEach, afterEach } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { sql } from 'kysely'
import { connectDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { appendAudit, recordAudit, verifyAuditChain } from './audit.service.js'
import { deriveKeyRing, testKeyRing } from './keys.js'
import { DEFAULT_CONFIG } from './context.js'

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

    it('group-commits concurrent entries: one chain, in call order, each caller after its commit', async () => {
      const committedBefore = new Map<number, number>()
      const calls = Array.from({ length: 40 }, (_, i) =>
        recordAudit(ctx, actor, { action: 'record.search', objectType: 'query', objectId: `q${i}` })
          .then(() => ctx.handle.db.selectFrom('audit_entry').select('object_id').execute())
          .then((rows) =>
            committedBefore.set(i, rows.filter((r) => r.object_id === `q${i}`).length),
          ),
      )
      await Promise.all(calls)
      // Every caller found its own entry stored when its promise resolved.
      assert.deepEqual([...committedBefore.values()], Array(40).fill(1))
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true)
      assert.equal(v.entriesChecked, 46)
      const rows = await ctx.handle.db
        .selectFrom('audit_entry')
        .select(['seq', 'object_id'])
        .where('seq', '>', 6)
        .orderBy('seq')
        .execute()
      assert.deepEqual(
        rows.map((r) => r.object_id),
        Array.from({ length: 40 }, (_, i) => `q${i}`),
      )
      // Fewer commits than entries: the head was written once per group, and its seal covers the last.
      const head = await ctx.handle.db
        .selectFrom('audit_head')
        .selectAll()
        .executeTakeFirstOrThrow()
      assert.equal(Number(head.seq), 46)
    })

    it('a group whose commit fails fails every caller in it and stores none of it', async () => {
      const bad = { action: 'x', objectType: 'y', details: { n: 1n } as Record<string, unknown> }
      const results = await Promise.allSettled([
        recordAudit(ctx, actor, {
          action: 'record.read',
          objectType: 'record',
          objectId: 'same-turn',
        }),
        recordAudit(ctx, actor, bad),
      ])
      assert.deepEqual(
        results.map((r) => r.status),
        ['rejected', 'rejected'],
      )
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true)
      assert.equal(v.entriesChecked, 6)
      // The next group commits normally.
      await recordAudit(ctx, actor, {
        action: 'record.read',
        objectType: 'record',
        objectId: 'later',
      })
      assert.equal((await verifyAuditChain(ctx)).entriesChecked, 7)
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

/**
 * A writer in its own thread, with its own connection to the database at `url`: what a
 * second server process is to the first (a thread, because SQLite's busy wait blocks the
 * thread that waits, so two writers in one thread would wait on each other).
 */
function appendFromThread(url: string, schema: string | undefined, who: string, n: number) {
  const here = import.meta.url
  const modules = ['../db/connect.ts', './audit.service.ts', './keys.ts', './context.ts'].map(
    (m) => new URL(m, here).href,
  )
  const code = `
    const { workerData, parentPort } = require('node:worker_threads')
    import('tsx/esm/api')
      .then((tsx) => { tsx.register(); return Promise.all(workerData.modules.map((m) => import(m))) })
      .then(async ([db, audit, keys, context]) => {
        const handle = db.connectDatabase({ url: workerData.url, schema: workerData.schema })
        const ctx = { handle, clock: () => new Date(), keys: keys.testKeyRing(), config: context.DEFAULT_CONFIG }
        const actor = { userId: workerData.who, organisationId: 'o1' }
        for (let i = 0; i < workerData.n; i++) {
          await audit.recordAudit(ctx, actor, { action: 'record.search', objectType: 'query', objectId: workerData.who + '-' + i })
        }
        await handle.close()
        parentPort.postMessage('done')
      })
      .catch((error) => parentPort.postMessage(String(error && error.stack || error)))
  `
  return new Promise<void>((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { url, schema, who, n, modules } })
    worker.once('message', (message) => {
      void worker.terminate()
      if (message === 'done') resolve()
      else reject(new Error(String(message)))
    })
    worker.once('error', reject)
  })
}

/** The chain at `url` holds `expected` entries in one unbroken sequence, each writer's in order. */
async function assertOneChain(
  url: string,
  schema: string | undefined,
  expected: number,
): Promise<void> {
  const handle = connectDatabase({ url, schema })
  try {
    const ctx = { handle, clock: () => new Date(), keys: testKeyRing(), config: DEFAULT_CONFIG }
    const v = await verifyAuditChain(ctx)
    assert.equal(v.ok, true, JSON.stringify(v))
    assert.equal(v.entriesChecked, expected)
    const rows = await handle.db
      .selectFrom('audit_entry')
      .select(['seq', 'object_id'])
      .orderBy('seq')
      .execute()
    assert.deepEqual(
      rows.map((r) => Number(r.seq)),
      rows.map((_, i) => i + 1),
    )
    for (const who of ['a', 'b']) {
      const mine = rows.map((r) => r.object_id ?? '').filter((id) => id.startsWith(`${who}-`))
      assert.deepEqual(
        mine,
        mine.map((_, i) => `${who}-${i}`),
      )
    }
  } finally {
    await handle.close()
  }
}

const CONCURRENT_APPENDS = 150

describe('audit chain: two connections appending at once', () => {
  it('stays one chain on SQLite (two writers, each its own thread and connection)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-audit-'))
    const url = join(dir, 'audit.db')
    try {
      const handle = connectDatabase({ url })
      const m = await migrateToLatest(handle)
      await handle.close()
      assert.equal(m.error, undefined)
      await Promise.all([
        appendFromThread(url, undefined, 'a', CONCURRENT_APPENDS),
        appendFromThread(url, undefined, 'b', CONCURRENT_APPENDS),
      ])
      await assertOneChain(url, undefined, 2 * CONCURRENT_APPENDS)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  if (DIALECTS.includes('postgres')) {
    it('stays one chain on PostgreSQL (two pools, as two server processes)', async () => {
      const ctx = await openTestContext('postgres')
      const url = process.env.TEST_DATABASE_URL ?? ''
      try {
        await Promise.all([
          appendFromThread(url, ctx.handle.schema, 'a', CONCURRENT_APPENDS),
          appendFromThread(url, ctx.handle.schema, 'b', CONCURRENT_APPENDS),
        ])
        await assertOneChain(url, ctx.handle.schema, 2 * CONCURRENT_APPENDS)
      } finally {
        await ctx.drop()
      }
    })
  }
})
