import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { buildTestApp, signIn, type Client } from '../support/http.js'
import {
  formatRecordHeader,
  formatRecordRow,
  generateRecords,
} from '../../bench/generator/index.js'
import { importRecords } from '../../src/services/record.service.js'

async function waitForJob(
  c: Client,
  id: string,
): Promise<{ status: string; progress: number; stage: string; result: unknown }> {
  for (let i = 0; i < 800; i++) {
    const res = await c.request('GET', `/api/jobs/${id}`)
    const job = res.json() as { status: string; progress: number; stage: string; result: unknown }
    if (job.status === 'succeeded' || job.status === 'failed') return job
    await new Promise((r) => setTimeout(r, 25))
  }
  throw new Error('job did not finish')
}

const CSV = Buffer.from(
  formatRecordHeader() +
    [...generateRecords({ seed: 23, records: 200 })].map((g) => formatRecordRow(g.fields)).join(''),
)

interface QueueItem {
  left: { id: string }
  right: { id: string }
  matchProbability?: number
  comparisons: Array<{ comparison: string; mark: string; weight?: number }>
}

for (const dialect of DIALECTS) {
  describe(`linkage over HTTP (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let coordinator: Client
    let reviewer: Client

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildTestApp(ctx)
      const org = await buildOrganisation(ctx)
      const c = await buildUser(ctx, { organisationId: org.id, role: 'coordinator' })
      const r = await buildUser(ctx, { organisationId: org.id, role: 'reviewer' })
      await importRecords(
        ctx,
        { userId: c.id, organisationId: org.id, role: 'coordinator' },
        { bytes: CSV, fileName: 'g.csv', sourceKind: 'register' },
      )
      coordinator = await signIn(app, c.username)
      reviewer = await signIn(app, r.username)
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    it('runs linkage as a job with progress, then serves the model', async () => {
      const before = (await reviewer.request('GET', '/api/linkage/model')).json() as {
        model: unknown
      }
      assert.equal(before.model, null)
      const res = await coordinator.request('POST', '/api/linkage/runs', { seed: 3 })
      assert.equal(res.statusCode, 202, res.body)
      const { jobId, runId } = res.json() as { jobId: string; runId: string }
      const job = await waitForJob(coordinator, jobId)
      assert.equal(job.status, 'succeeded', JSON.stringify(job.result))
      assert.equal(job.progress, 1)
      const model = (await reviewer.request('GET', '/api/linkage/model')).json() as {
        run: { id: string; thresholds: { autoLink: number } }
        model: { comparisons: Array<{ levels: Array<{ m: number; u: number; weight: number }> }> }
      }
      assert.equal(model.run.id, runId)
      assert.equal(model.model.comparisons.length, 12)
      assert.equal(typeof model.model.comparisons[0]?.levels[0]?.m, 'number')
    })

    it('refuses thresholds that are not ordered', async () => {
      const res = await coordinator.request('POST', '/api/linkage/runs', {
        thresholds: { autoLink: 0.4, review: 0.6 },
      })
      assert.equal(res.statusCode, 400)
      assert.equal((res.json() as { code: string }).code, 'validation_failed')
    })

    it('serves a blind queue, takes a decision with the CSRF token, explains the pair and shows the person', async () => {
      const blind = await reviewer.request('GET', '/api/linkage/review-queue?limit=3&blind=true')
      assert.equal(blind.statusCode, 200)
      const items = (blind.json() as { items: QueueItem[] }).items
      assert.ok(items.length > 0)
      assert.ok(
        items.every(
          (i) =>
            i.matchProbability === undefined && i.comparisons.every((c) => c.weight === undefined),
        ),
      )
      const seen = (await reviewer.request('GET', '/api/linkage/review-queue?limit=3')).json() as {
        items: QueueItem[]
      }
      assert.ok(seen.items.every((i) => typeof i.matchProbability === 'number'))
      const pair = items[0]!

      const body = {
        left: pair.left.id,
        right: pair.right.id,
        verdict: 'same',
        note: 'same mother and birth year',
      }
      const forged = await app.inject({
        method: 'POST',
        url: '/api/linkage/decisions',
        headers: { cookie: reviewer.cookie },
        payload: body,
      })
      assert.equal(forged.statusCode, 403)
      assert.equal((forged.json() as { code: string }).code, 'csrf_failed')
      const decided = await reviewer.request('POST', '/api/linkage/decisions', body)
      assert.equal(decided.statusCode, 201, decided.body)
      const outcome = decided.json() as { status: string; persons: { left: string; right: string } }
      assert.equal(outcome.status, 'confirmed_same')
      assert.equal(outcome.persons.left, outcome.persons.right)

      const explained = await reviewer.request(
        'GET',
        `/api/linkage/explain?left=${pair.left.id}&right=${pair.right.id}`,
      )
      assert.equal(explained.statusCode, 200, explained.body)
      const e = explained.json() as {
        prior: number
        steps: Array<{ weight: number }>
        matchWeight: number
        review: string
      }
      assert.ok(Math.abs(e.steps.reduce((s, x) => s + x.weight, e.prior) - e.matchWeight) < 1e-9)
      assert.equal(e.review, 'confirmed_same')

      const person = await reviewer.request('GET', `/api/persons/${outcome.persons.left}`)
      assert.equal(person.statusCode, 200, person.body)
      const view = person.json() as {
        id: string
        records: Array<{ id: string }>
        history: unknown[]
      }
      assert.equal(view.id, outcome.persons.left)
      assert.ok([pair.left.id, pair.right.id].every((id) => view.records.some((r) => r.id === id)))
      assert.ok(view.history.length > 0)
    })

    it('answers 409 with the decisions a contradicting verdict runs into', async () => {
      const [first] = await ctx.handle.db
        .selectFrom('review_decision')
        .selectAll()
        .where('verdict', '=', 'same')
        .execute()
      assert.ok(first, 'the test above confirmed a pair')
      const other = await ctx.handle.db
        .selectFrom('person_record')
        .select('id')
        .where('id', 'not in', [first.left_id, first.right_id])
        .executeTakeFirstOrThrow()
      const joined = await reviewer.request('POST', '/api/linkage/decisions', {
        left: first.right_id,
        right: other.id,
        verdict: 'same',
      })
      assert.equal(joined.statusCode, 201, joined.body)
      const refused = await reviewer.request('POST', '/api/linkage/decisions', {
        left: first.left_id,
        right: other.id,
        verdict: 'not_same',
      })
      assert.equal(refused.statusCode, 409, refused.body)
      assert.match(String(refused.headers['content-type']), /application\/problem\+json/)
      const problem = refused.json() as {
        code: string
        detail: string
        errors: Array<{ reason: string }>
        details: {
          contradicts: Array<{ decisionId: string; verdict: string; reviewerName: string }>
        }
      }
      assert.equal(problem.code, 'conflict')
      assert.match(problem.detail, /already one person/)
      assert.equal(problem.details.contradicts.length, 2)
      assert.ok(problem.details.contradicts.some((d) => d.decisionId === first.id))
      assert.ok(problem.details.contradicts.every((d) => d.verdict === 'same' && d.reviewerName))
      assert.ok(problem.errors.every((e) => e.reason === 'contradicts_same'))

      // The named decision's pair can be opened again as a review item, scores hidden if asked.
      const opened = await reviewer.request(
        'GET',
        `/api/linkage/pair?left=${first.right_id}&right=${first.left_id}&blind=true`,
      )
      assert.equal(opened.statusCode, 200, opened.body)
      const item = opened.json() as {
        left: { id: string }
        right: { id: string }
        status: string
        comparisons: Array<{ mark: string; weight?: number }>
        matchProbability?: number
      }
      assert.deepEqual([item.left.id, item.right.id].sort(), [first.left_id, first.right_id].sort())
      assert.equal(item.status, 'confirmed_same')
      assert.ok(item.comparisons.length > 0)
      assert.ok(item.comparisons.every((c) => c.weight === undefined))
      assert.equal(item.matchProbability, undefined)
      const scored = (
        await reviewer.request(
          'GET',
          `/api/linkage/pair?left=${first.left_id}&right=${first.right_id}`,
        )
      ).json() as { matchProbability: number }
      assert.equal(typeof scored.matchProbability, 'number')
    })

    it('refuses a decision with an unknown verdict, naming the field', async () => {
      const res = await reviewer.request('POST', '/api/linkage/decisions', {
        left: 'a',
        right: 'b',
        verdict: 'maybe',
      })
      assert.equal(res.statusCode, 400)
      assert.ok(JSON.stringify(res.json()).includes('verdict'))
    })
  })
}
