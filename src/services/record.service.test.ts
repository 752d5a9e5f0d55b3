import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import iconv from 'iconv-lite'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import {
  correctRecord,
  getRecord,
  importRecords,
  listRecordVersions,
  streamExportableRecords,
} from './record.service.js'
import { countRecords } from '../db/record.repository.js'
import { verifyAuditChain } from './audit.service.js'
import { DomainError } from '../core/errors.js'
import type { Actor } from '../core/access/policy.js'

const CSV = [
  'record_id,source,first_name,father_name,family_name,mother_name,sex,birth_date,detention_place,تصنيف',
  'r1,register,محمد,خالد,الحلبي,فاطمة,M,1985,سجن صيدنايا,أ',
  'r2,register,Mohammad,Khaled,Al-Halabi,Fatima,M,1985-03,Sednaya,ب',
].join('\n')

for (const dialect of DIALECTS) {
  describe(`record service (${dialect})`, () => {
    let ctx: TestContext
    let investigator: Actor
    let outsider: Actor
    let fieldOfficer: Actor

    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      const other = await buildOrganisation(ctx)
      const u = await buildUser(ctx, { organisationId: org.id, role: 'investigator' })
      const f = await buildUser(ctx, { organisationId: org.id, role: 'field_officer' })
      const o = await buildUser(ctx, { organisationId: other.id, role: 'investigator' })
      investigator = { userId: u.id, organisationId: org.id, role: 'investigator' }
      fieldOfficer = { userId: f.id, organisationId: org.id, role: 'field_officer' }
      outsider = { userId: o.id, organisationId: other.id, role: 'investigator' }
    })
    after(async () => ctx.drop())

    it('imports a CSV with provenance and keeps unknown columns', async () => {
      const out = await importRecords(ctx, investigator, {
        bytes: Buffer.from(CSV),
        fileName: 'list.csv',
        sourceKind: 'register',
        document: 'Register page 4',
      })
      assert.equal(out.recordCount, 2)
      assert.equal(out.alreadyImported, false)
      assert.match(out.fileSha256, /^[0-9a-f]{64}$/)
      const exported = []
      for await (const r of streamExportableRecords(ctx, investigator)) exported.push(r)
      const r1 = exported.find((r) => r.fields.record_id === 'r1')
      assert.ok(r1)
      assert.equal(r1.fields.first_name, 'محمد')
      assert.equal(r1.fields.extra['تصنيف'], 'أ')
      assert.equal(r1.provenance.document, 'Register page 4')
      assert.equal(r1.provenance.row_number, 2)
      assert.equal(r1.provenance.file_sha256, out.fileSha256)
    })

    it('treats a re-import of the same file as a no-op', async () => {
      const before = await countRecords(ctx.handle.db)
      const out = await importRecords(ctx, investigator, {
        bytes: Buffer.from(CSV),
        fileName: 'again.csv',
        sourceKind: 'register',
      })
      assert.equal(out.alreadyImported, true)
      assert.equal(await countRecords(ctx.handle.db), before)
    })

    it('reads Windows-1256 Arabic exports', async () => {
      const text = 'record_id,الاسم,اسم الأب,الشهرة\nw1,أحمد,علي,الحمصي\n'
      const out = await importRecords(ctx, investigator, {
        bytes: iconv.encode(text, 'windows-1256'),
        fileName: 'excel.csv',
        sourceKind: 'ngo-list',
      })
      assert.equal(out.recordCount, 1)
      assert.equal(out.encoding, 'windows-1256')
    })

    it('rejects a bad file whole, naming row, column and reason, and stores nothing', async () => {
      const before = await countRecords(ctx.handle.db)
      const bad = 'record_id,first_name,birth_date\nb1,سامر,1990\nb2,رامي,2019-13-45\nb1,علي,1980\n'
      await assert.rejects(
        importRecords(ctx, investigator, {
          bytes: Buffer.from(bad),
          fileName: 'bad.csv',
          sourceKind: 'register',
        }),
        (e: unknown) => {
          assert.ok(e instanceof DomainError)
          assert.equal(e.code, 'import_rejected')
          const date = e.problems.find((p) => p.reason === 'invalid_date')
          assert.equal(date?.row, 3)
          assert.equal(date?.field, 'birth_date')
          assert.equal(date?.value, '2019-13-45')
          assert.ok(e.problems.some((p) => p.reason === 'duplicate_record_id' && p.row === 4))
          return true
        },
      )
      assert.equal(await countRecords(ctx.handle.db), before)
    })

    it('keeps corrections as new versions with history', async () => {
      let id = ''
      for await (const r of streamExportableRecords(ctx, investigator)) {
        if (r.fields.record_id === 'r2') id = r.id
      }
      const corrected = await correctRecord(
        ctx,
        investigator,
        id,
        { mother_name: 'Fatma' },
        'typo in the register copy',
      )
      assert.equal(corrected.version, 2)
      assert.equal(corrected.fields.mother_name, 'Fatma')
      const history = await listRecordVersions(ctx, investigator, id)
      assert.deepEqual(
        history.map((h) => h.version),
        [1, 2],
      )
      assert.equal(history[0]?.fields.mother_name, 'Fatima')
      assert.equal(history[1]?.reason, 'typo in the register copy')
    })

    it('hides records from another organisation and from roles below their sensitivity', async () => {
      let id = ''
      for await (const r of streamExportableRecords(ctx, investigator)) id = r.id
      await assert.rejects(getRecord(ctx, outsider, id), { code: 'forbidden' })
      assert.equal(
        (await getRecord(ctx, fieldOfficer, id)).id,
        id,
        'names of the missing are readable at the gate',
      )
      const own = await getRecord(ctx, investigator, id)
      assert.equal(own.id, id)
      await importRecords(ctx, investigator, {
        bytes: Buffer.from('record_id,first_name\nwit1,شاهد\n'),
        fileName: 'witnesses.csv',
        sourceKind: 'register',
        sensitivity: 'restricted',
      })
      let restricted = ''
      for await (const r of streamExportableRecords(ctx, investigator)) {
        if (r.fields.record_id === 'wit1') restricted = r.id
      }
      await assert.rejects(getRecord(ctx, fieldOfficer, restricted), { code: 'forbidden' })
    })

    it('leaves an intact audit chain recording imports, reads and denials', async () => {
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true)
      const actions = await ctx.handle.db
        .selectFrom('audit_entry')
        .select(['action', 'outcome'])
        .execute()
      assert.ok(actions.some((a) => a.action === 'records.import' && a.outcome === 'success'))
      assert.ok(actions.some((a) => a.action === 'records.import' && a.outcome === 'failure'))
      assert.ok(actions.some((a) => a.action === 'record.read' && a.outcome === 'denied'))
    })
  })
}
