import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import { importRecords } from '../services/record.service.js'
import { searchRecords, stopSearch } from '../services/search.service.js'
import type { Actor } from '../core/access/policy.js'
import { upsertMemberships } from './linkage.repository.js'
import { findRecordPage, findRecordsByIds, type RecordPageRow } from './record.repository.js'

// 620 records: more than one statement's worth of ids (500 at a time).
const CSV = [
  'record_id,first_name,father_name,family_name,sex,birth_date',
  ...Array.from({ length: 620 }, (_, i) => `r${i},سامر,علي,الحمصي${i},M,1990`),
].join('\n')

for (const dialect of DIALECTS) {
  describe(`a page of records with provenance and person (${dialect})`, () => {
    let ctx: TestContext
    let actor: Actor
    let importer: string
    let orgName: string
    let ids: string[]

    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      orgName = org.name
      const user = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      importer = user.username
      actor = { userId: user.id, organisationId: org.id, role: 'caseworker' }
      await importRecords(ctx, actor, {
        bytes: Buffer.from(CSV),
        fileName: 'page.csv',
        sourceKind: 'register',
      })
      ids = (
        await ctx.handle.db.selectFrom('person_record').select('id').orderBy('row_number').execute()
      ).map((r) => r.id)
      await upsertMemberships(ctx.handle.db, [
        { record_id: ids[0] ?? '', person_id: 'person-1', organisation_id: org.id, since: 'now' },
      ])
    })
    after(async () => {
      await stopSearch(ctx)
      await ctx.drop()
    })

    it('reads every id asked for, with its organisation, importer and person', async () => {
      const page = await findRecordPage(ctx.handle.db, [...ids, 'no-such-id'])
      assert.equal(page.length, 620)
      const byId = new Map(page.map((r) => [r.id, r]))
      const first = byId.get(ids[0] ?? '')
      assert.equal(first?.first_name, 'سامر')
      assert.equal(first?.page_org_name, orgName)
      assert.equal(first?.page_importer, importer)
      assert.equal(first?.page_person_id, 'person-1')
      assert.equal(byId.get(ids[619] ?? '')?.family_name, 'الحمصي619')
      assert.equal(byId.get(ids[1] ?? '')?.page_person_id, null)
    })

    it('holds every column of the record as a record read alone does', async () => {
      const page = await findRecordPage(ctx.handle.db, ids.slice(0, 3))
      const alone = await findRecordsByIds(ctx.handle.db, ids.slice(0, 3))
      const strip = ({ page_org_name, page_importer, page_person_id, ...row }: RecordPageRow) => {
        void [page_org_name, page_importer, page_person_id]
        return row
      }
      const byId = (rows: { id: string }[]) => [...rows].sort((a, b) => a.id.localeCompare(b.id))
      assert.deepEqual(byId(page.map(strip)), byId(alone))
    })

    it('a search result carries the record, its provenance and its person', async () => {
      const [hit] = await searchRecords(ctx, actor, { q: 'سامر الحمصي0' })
      assert.equal(hit?.record.id, ids[0])
      assert.equal(hit?.personId, 'person-1')
      assert.equal(hit?.record.provenance.source_organisation, orgName)
      assert.equal(hit?.record.provenance.imported_by, importer)
      assert.equal(hit?.record.provenance.row_number, 2)
      assert.equal(hit?.record.fields.record_id, 'r0')
    })
  })
}
