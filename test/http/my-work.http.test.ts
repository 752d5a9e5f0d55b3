/** "My intakes" and "My decisions" over HTTP: own work only, routes not shadowed, refused to others. */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { buildTestApp, signIn, type Client } from '../support/http.js'
import { importRecords } from '../../src/services/record.service.js'

const CSV =
  'record_id,first_name,father_name,family_name,birth_date\n' +
  'h-1,سامر,خالد,النجار,1990\n' +
  'h-2,Samer,Khaled,al-Najjar,1990\n'

interface Items<T> {
  items: T[]
}

for (const dialect of DIALECTS) {
  describe(`my work over HTTP (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let officer: Client
    let reviewer: Client
    let viewer: Client
    let intakeId = ''
    const ids: string[] = []

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildTestApp(ctx)
      const org = await buildOrganisation(ctx)
      const user = (role: 'field_officer' | 'reviewer' | 'viewer' | 'coordinator') =>
        buildUser(ctx, { organisationId: org.id, role })
      const coordinator = await user('coordinator')
      officer = await signIn(app, (await user('field_officer')).username)
      reviewer = await signIn(app, (await user('reviewer')).username)
      viewer = await signIn(app, (await user('viewer')).username)
      await importRecords(
        ctx,
        { userId: coordinator.id, organisationId: org.id, role: 'coordinator' },
        { bytes: Buffer.from(CSV), fileName: 'h.csv', sourceKind: 'ngo-list' },
      )
      for (const key of ['h-1', 'h-2']) {
        const row = await ctx.handle.db
          .selectFrom('person_record')
          .select('id')
          .where('record_key', '=', key)
          .executeTakeFirstOrThrow()
        ids.push(row.id)
      }
      const res = await officer.request('POST', '/api/intakes', {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 35,
        sex: 'F',
        healthUrgency: 'urgent',
        facilityText: 'Gate 3',
      })
      assert.equal(res.statusCode, 201, res.body)
      intakeId = (res.json() as { intakeId: string }).intakeId
      const decided = await reviewer.request('POST', '/api/linkage/decisions', {
        left: ids[0],
        right: ids[1],
        verdict: 'same',
        note: 'Arabic and Latin of one name',
      })
      assert.equal(decided.statusCode, 201, decided.body)
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    it('GET /api/intakes/mine answers the officer with their intake (not the photo route)', async () => {
      const res = await officer.request('GET', '/api/intakes/mine')
      assert.equal(res.statusCode, 200, res.body)
      const { items } = res.json() as Items<Record<string, unknown>>
      assert.equal(items.length, 1)
      assert.deepEqual(
        {
          intakeId: items[0]?.intakeId,
          name: items[0]?.name,
          unidentified: items[0]?.unidentified,
          approximateAge: items[0]?.approximateAge,
          sex: items[0]?.sex,
          healthUrgency: items[0]?.healthUrgency,
          place: items[0]?.place,
          hasPhoto: items[0]?.hasPhoto,
        },
        {
          intakeId,
          name: null,
          unidentified: true,
          approximateAge: 35,
          sex: 'F',
          healthUrgency: 'urgent',
          place: 'Gate 3',
          hasPhoto: false,
        },
      )
      assert.equal((await viewer.request('GET', '/api/intakes/mine')).statusCode, 403)
      assert.equal((await reviewer.request('GET', '/api/intakes/mine')).statusCode, 403)
    })

    it('GET /api/linkage/decisions/mine answers the reviewer with names as written and status', async () => {
      const res = await reviewer.request('GET', '/api/linkage/decisions/mine')
      assert.equal(res.statusCode, 200, res.body)
      const { items } = res.json() as Items<{
        left: { recordId: string; name: string | null }
        right: { recordId: string; name: string | null }
        verdict: string
        note: string | null
        status: string
      }>
      assert.equal(items.length, 1)
      const [d] = items
      assert.deepEqual([d?.left.recordId, d?.right.recordId].sort(), [...ids].sort())
      assert.deepEqual(
        [d?.left.name, d?.right.name].sort(),
        ['Samer Khaled al-Najjar', 'سامر خالد النجار'].sort(),
      )
      assert.equal(d?.verdict, 'same')
      assert.equal(d?.note, 'Arabic and Latin of one name')
      assert.equal(d?.status, 'confirmed_same')
      assert.equal((await officer.request('GET', '/api/linkage/decisions/mine')).statusCode, 403)
    })
  })
}
