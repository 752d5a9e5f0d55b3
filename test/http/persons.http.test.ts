/** The intake photo over HTTP: metadata gone, not cached, typed, audited, refused to others. */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { buildTestApp, signIn, type Client } from '../support/http.js'
import { jpegWithGps } from '../../src/core/persons/photo-fixtures.js'
import { listAuditFor } from '../../src/services/audit.service.js'

for (const dialect of DIALECTS) {
  describe(`intake photo over HTTP (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let caseworker: Client
    let viewer: Client
    let intakeId = ''

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildTestApp(ctx)
      const org = await buildOrganisation(ctx)
      const cw = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      const vw = await buildUser(ctx, { organisationId: org.id, role: 'viewer' })
      caseworker = await signIn(app, cw.username)
      viewer = await signIn(app, vw.username)
      const res = await caseworker.request('POST', '/api/intakes', {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 35,
        healthUrgency: 'none',
        facilityText: 'Gate 3',
        photo: { base64: Buffer.from(jpegWithGps()).toString('base64'), mediaType: 'image/jpeg' },
      })
      assert.equal(res.statusCode, 201, res.body)
      intakeId = (res.json() as { intakeId: string }).intakeId
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    it('serves the stripped JPEG with no-store and its content type, and audits the read', async () => {
      const res = await caseworker.request('GET', `/api/intakes/${intakeId}/photo`)
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['content-type'], 'image/jpeg')
      assert.equal(res.headers['cache-control'], 'no-store')
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      const body = res.rawPayload
      assert.deepEqual([...body.subarray(0, 2)], [0xff, 0xd8])
      assert.deepEqual([...body.subarray(-2)], [0xff, 0xd9])
      assert.ok(!body.toString('latin1').includes('GPS-SYNTHETIC'))
      const reads = await listAuditFor(ctx, { action: 'intake.photo.read', objectId: intakeId })
      assert.equal(reads.length, 1)
    })

    it('refuses a viewer (403) and answers 404 for an unknown intake', async () => {
      const denied = await viewer.request('GET', `/api/intakes/${intakeId}/photo`)
      assert.equal(denied.statusCode, 403)
      assert.equal(denied.headers['cache-control'], 'no-store')
      const missing = await caseworker.request('GET', '/api/intakes/no-such/photo')
      assert.equal(missing.statusCode, 404)
    })
  })
}
