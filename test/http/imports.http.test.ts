import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { buildTestApp, multipartCsv, signIn, type Client } from '../support/http.js'

async function waitForJob(
  c: Client,
  id: string,
): Promise<{ status: string; progress: number; result: unknown }> {
  for (let i = 0; i < 200; i++) {
    const res = await c.request('GET', `/api/jobs/${id}`)
    const job = res.json() as { status: string; progress: number; result: unknown }
    if (job.status === 'succeeded' || job.status === 'failed') return job
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('job did not finish')
}

for (const dialect of DIALECTS) {
  describe(`imports over HTTP (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let client: Client

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildTestApp(ctx)
      const org = await buildOrganisation(ctx)
      const u = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      client = await signIn(app, u.username)
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    it('imports a file as a job and reports its outcome', async () => {
      const m = multipartCsv('record_id,الاسم,الشهرة\na1,محمد,الحلبي\na2,أحمد,الحمصي\n', {
        sourceKind: 'family-report',
        document: 'Reports of week 1',
      })
      const res = await client.request('POST', '/api/imports', m.body, m.headers)
      assert.equal(res.statusCode, 202)
      const job = await waitForJob(client, res.json().jobId)
      assert.equal(job.status, 'succeeded')
      assert.equal(job.progress, 1)
      assert.equal((job.result as { recordCount: number }).recordCount, 2)
      const batches = (await client.request('GET', '/api/imports')).json() as Array<{
        document: string
        rowCount: number
        importedByName: string | null
      }>
      assert.equal(batches[0]?.document, 'Reports of week 1')
      assert.equal(typeof batches[0]?.importedByName, 'string')
      assert.ok((batches[0]?.importedByName ?? '').length > 0, 'who imported, by name')
    })

    it('reports a rejected file with row, column, value and reason, and stores nothing', async () => {
      const m = multipartCsv('record_id,first_name,birth_date\nz1,سامر,31-31-1990\n')
      const res = await client.request('POST', '/api/imports', m.body, m.headers)
      const job = await waitForJob(client, res.json().jobId)
      assert.equal(job.status, 'failed')
      const result = job.result as {
        code: string
        problems: Array<{ row: number; field: string; value: string; reason: string }>
      }
      assert.equal(result.code, 'import_rejected')
      assert.deepEqual(
        [result.problems[0]?.row, result.problems[0]?.field, result.problems[0]?.value],
        [2, 'birth_date', '31-31-1990'],
      )
      const n = await ctx.handle.db
        .selectFrom('person_record')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(n.n), 2)
    })

    it('refuses a request without a file, naming the field', async () => {
      const body =
        '------x\r\nContent-Disposition: form-data; name="sourceKind"\r\n\r\nregister\r\n------x--\r\n'
      const res = await client.request('POST', '/api/imports', body, {
        'content-type': 'multipart/form-data; boundary=----x',
      })
      assert.equal(res.statusCode, 400)
      assert.equal(res.json().errors[0].field, 'file')
    })
  })
}
