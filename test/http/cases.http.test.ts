import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { buildTestApp, signIn, type Client } from '../support/http.js'
import { whenLinkageIdle } from '../../src/services/linkage.service.js'
import { verifyAuditChain } from '../../src/services/audit.service.js'
import { PLAIN_JPEG_BASE64 } from '../../src/core/persons/photo-fixtures.js'

interface Problem {
  code: string
  errors?: Array<{ field: string; reason?: string }>
}

for (const dialect of DIALECTS) {
  describe(`cases and intake over HTTP (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let caseworker: Client
    let fieldOfficer: Client
    let reviewer: Client
    let viewer: Client

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildTestApp(ctx)
      const org = await buildOrganisation(ctx)
      const sign = async (role: 'caseworker' | 'field_officer' | 'reviewer' | 'viewer') =>
        signIn(app, (await buildUser(ctx, { organisationId: org.id, role })).username)
      caseworker = await sign('caseworker')
      fieldOfficer = await sign('field_officer')
      reviewer = await sign('reviewer')
      viewer = await sign('viewer')
    })
    after(async () => {
      await whenLinkageIdle(ctx)
      await app.close()
      await ctx.drop()
    })

    it('files a report once per idempotency key, masks the reporter, reveals it to the caseworker', async () => {
      const body = {
        idempotencyKey: randomUUID(),
        person: { first_name: 'ريم', family_name: 'العلي' },
        sex: 'F',
        reporter: { name: 'Synthetic Parent', relation: 'mother', phone: '+963 911 111 111' },
        consent: { purposes: ['tracing'], givenOn: '2026-01-12' },
      }
      const first = await caseworker.request('POST', '/api/cases', body)
      assert.equal(first.statusCode, 201, first.body)
      const again = await caseworker.request('POST', '/api/cases', body)
      assert.equal(again.statusCode, 200)
      const { caseId } = first.json() as { caseId: string }
      assert.equal((again.json() as { caseId: string }).caseId, caseId)

      const read = await caseworker.request('GET', `/api/cases/${caseId}`)
      const view = read.json() as {
        reporter: { name: string; masked: boolean }
        person: { first_name: string }
      }
      assert.equal(view.reporter.masked, true)
      assert.ok(!read.body.includes('Synthetic Parent'))
      assert.equal(view.person.first_name, 'ريم')
      const revealed = await caseworker.request('POST', `/api/cases/${caseId}/reveal-reporter`)
      assert.equal((revealed.json() as { name: string }).name, 'Synthetic Parent')
      assert.equal(
        (await fieldOfficer.request('POST', `/api/cases/${caseId}/reveal-reporter`)).statusCode,
        403,
      )
      assert.equal((await viewer.request('GET', `/api/cases/${caseId}`)).statusCode, 403)

      const refused = await reviewer.request('POST', `/api/cases/${caseId}/transitions`, {
        to: 'family_informed',
      })
      assert.equal(refused.statusCode, 409)
      assert.equal((refused.json() as Problem).errors?.[0]?.field, 'to')
    })

    it('answers an invalid form with problem details naming each field', async () => {
      const res = await caseworker.request('POST', '/api/cases', {
        idempotencyKey: 'not-a-uuid',
        person: {},
        reporter: { name: 'x', relation: 'y' },
        consent: { purposes: ['tracing'], givenOn: '12/01/2026' },
      })
      assert.equal(res.statusCode, 400)
      const problem = res.json() as Problem
      assert.equal(problem.code, 'validation_failed')
      assert.deepEqual(problem.errors?.map((e) => e.field).sort(), [
        'consent.givenOn',
        'idempotencyKey',
        'person',
      ])
      const intake = await fieldOfficer.request('POST', '/api/intakes', {
        idempotencyKey: randomUUID(),
        healthUrgency: 'none',
        unidentified: true,
      })
      assert.equal(intake.statusCode, 400)
      assert.deepEqual((intake.json() as Problem).errors?.map((e) => e.field).sort(), [
        'distinguishingMarks',
        'facilityText',
      ])
    })

    it('registers an unidentified person with a photo once, and counts it for a viewer', async () => {
      const body = {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 55,
        distinguishingMarks: 'synthetic: tattoo on right arm',
        healthUrgency: 'urgent',
        facilityPlaceId: 'synthetic-place',
        zone: 'block C',
        photo: { base64: PLAIN_JPEG_BASE64, mediaType: 'image/jpeg' },
      }
      const first = await fieldOfficer.request('POST', '/api/intakes', body)
      assert.equal(first.statusCode, 201, first.body)
      const second = await fieldOfficer.request('POST', '/api/intakes', body)
      assert.equal(second.statusCode, 200)
      assert.equal(
        (second.json() as { recordId: string }).recordId,
        (first.json() as { recordId: string }).recordId,
      )
      const dash = await viewer.request('GET', '/api/dashboard')
      assert.equal(dash.statusCode, 200)
      const counts = dash.json() as {
        unidentifiedPersons: number
        intakesToday: number
        casesByStatus: Record<string, number>
      }
      assert.equal(counts.unidentifiedPersons, 1)
      assert.equal(counts.intakesToday, 1)
      assert.equal(counts.casesByStatus.open, 1)
      assert.ok(!dash.body.includes('ريم'))
      assert.equal((await verifyAuditChain(ctx)).ok, true)
    })
  })
}
