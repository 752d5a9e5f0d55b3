/**
 * The authorisation table: every route × every role, anonymous, and a user of another
 * organisation, with the expected status. A route that exists but is not in the table
 * fails the suite, so no route can be forgotten (ASVS 8.1.1, 8.2.1, 8.2.2).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { ROLES, type Role } from '../../src/core/access/roles.js'
import { buildApp } from '../../src/http/app.js'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { anonymous, multipartCsv, signIn, type Client } from '../support/http.js'
import { startImportJob } from '../../src/services/record.service.js'
import { randomUUID } from 'node:crypto'
import { fileReport } from '../../src/services/case.service.js'

type Subject = Role | 'anonymous' | 'other_org'
const SUBJECTS: Subject[] = ['anonymous', ...ROLES, 'other_org']

interface Fixture {
  victimUsername: string
  freshUsername: () => string
  recordId: string
  jobId: string
  caseId: string
}

interface RouteCase {
  method: string
  url: string
  /** Build the concrete request (fresh ids/bodies per call). */
  request: (f: Fixture) => { url: string; body?: unknown; headers?: Record<string, string> }
  /** Expected status per subject; `ok` is the success status of the route. */
  expect: Partial<Record<Subject, number>> & { default: number }
}

const only = (ok: number, allowed: Subject[], denied = 403): RouteCase['expect'] => {
  const e: Partial<Record<Subject, number>> & { default: number } = {
    default: denied,
    anonymous: 401,
  }
  for (const s of allowed) e[s] = ok
  return e
}

export const ROUTE_TABLE: RouteCase[] = [
  {
    method: 'GET',
    url: '/healthz',
    request: () => ({ url: '/healthz' }),
    expect: { default: 200 },
  },
  {
    method: 'POST',
    url: '/api/auth/login',
    request: (f) => ({
      url: '/api/auth/login',
      body: { username: f.freshUsername(), password: 'wrong wrong wrong' },
    }),
    expect: { default: 401 },
  },
  {
    method: 'GET',
    url: '/api/auth/session',
    request: () => ({ url: '/api/auth/session' }),
    expect: { default: 200, anonymous: 401 },
  },
  {
    method: 'POST',
    url: '/api/auth/logout',
    request: () => ({ url: '/api/auth/logout' }),
    expect: { default: 204, anonymous: 401 },
  },
  {
    method: 'GET',
    url: '/api/users',
    request: () => ({ url: '/api/users' }),
    expect: only(200, ['admin', 'coordinator', 'other_org']),
  },
  {
    method: 'POST',
    url: '/api/users',
    request: (f) => ({
      url: '/api/users',
      body: { username: f.freshUsername(), role: 'viewer', password: 'a long enough password' },
    }),
    expect: only(201, ['admin', 'other_org']),
  },
  {
    method: 'POST',
    url: '/api/users/:username/disable',
    request: (f) => ({ url: `/api/users/${f.victimUsername}/disable` }),
    expect: only(200, ['admin']),
  },
  {
    method: 'POST',
    url: '/api/audit/verify',
    request: () => ({ url: '/api/audit/verify' }),
    expect: only(200, ['admin', 'other_org']),
  },
  {
    method: 'POST',
    url: '/api/imports',
    request: (f) => {
      const m = multipartCsv(`record_id,first_name\n${f.freshUsername()},سامر\n`)
      return { url: '/api/imports', body: m.body, headers: m.headers }
    },
    expect: only(202, ['coordinator', 'caseworker', 'investigator']),
  },
  {
    method: 'GET',
    url: '/api/imports',
    request: () => ({ url: '/api/imports' }),
    expect: only(200, ['coordinator', 'caseworker', 'investigator']),
  },
  {
    method: 'GET',
    url: '/api/jobs/:id',
    request: (f) => ({ url: `/api/jobs/${f.jobId}` }),
    expect: { ...only(200, ['coordinator'], 404) },
  },
  {
    method: 'GET',
    url: '/api/records/search',
    request: () => ({ url: `/api/records/search?q=${encodeURIComponent('محمد الحلبي')}` }),
    expect: only(200, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/records/export',
    request: () => ({ url: '/api/records/export?format=jsonl' }),
    expect: only(200, ['coordinator', 'investigator']),
  },
  {
    method: 'GET',
    url: '/api/records/:id',
    request: (f) => ({ url: `/api/records/${f.recordId}` }),
    expect: only(200, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/records/:id/versions',
    request: (f) => ({ url: `/api/records/${f.recordId}/versions` }),
    expect: only(200, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  // Linkage (policy: linkage.run → coordinator, investigator; linkage.review → reviewer).
  // Ids that do not exist show that allowed roles get past authorisation (404) and the rest do not (403).
  {
    method: 'POST',
    url: '/api/linkage/runs',
    request: () => ({ url: '/api/linkage/runs', body: { seed: 1 } }),
    expect: only(202, ['coordinator', 'investigator']),
  },
  {
    method: 'GET',
    url: '/api/linkage/review-queue',
    request: () => ({ url: '/api/linkage/review-queue?limit=5&blind=true' }),
    expect: only(200, ['reviewer']),
  },
  {
    method: 'POST',
    url: '/api/linkage/decisions',
    request: (f) => ({
      url: '/api/linkage/decisions',
      body: { left: f.recordId, right: 'no-such-record', verdict: 'unsure', note: 'route table' },
    }),
    expect: only(404, ['reviewer']),
  },
  {
    method: 'GET',
    url: '/api/linkage/explain',
    request: (f) => ({ url: `/api/linkage/explain?left=${f.recordId}&right=no-such-record` }),
    expect: only(404, ['coordinator', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/linkage/pair',
    request: (f) => ({ url: `/api/linkage/pair?left=${f.recordId}&right=no-such-record` }),
    expect: only(404, ['reviewer']),
  },
  {
    method: 'GET',
    url: '/api/persons/:id',
    request: () => ({ url: '/api/persons/no-such-person' }),
    expect: only(404, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  // The person page (record.read) and intake photos (record.read on the intake's record);
  // unknown ids show that allowed roles get past authorisation (404) and the rest do not.
  {
    method: 'GET',
    url: '/api/persons/:id/story',
    request: () => ({ url: '/api/persons/no-such-person/story' }),
    expect: only(404, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/intakes/:id/photo',
    request: () => ({ url: '/api/intakes/no-such-intake/photo' }),
    expect: only(404, ['coordinator', 'field_officer', 'caseworker', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/linkage/model',
    request: () => ({ url: '/api/linkage/model' }),
    expect: only(200, ['coordinator', 'investigator', 'reviewer']),
  },
  // Cases (policy: case.create/reveal_contact → caseworker; case.read sensitive → caseworker,
  // investigator, reviewer; case.update → caseworker, reviewer). Another organisation's
  // unshared case does not exist for it (404). The case is `sensitive`: coordinators read normal only.
  {
    method: 'POST',
    url: '/api/cases',
    request: () => ({
      url: '/api/cases',
      body: {
        idempotencyKey: randomUUID(),
        person: { first_name: 'سامر' },
        reporter: { name: 'Synthetic', relation: 'brother' },
        consent: { purposes: ['tracing'], givenOn: '2026-01-10' },
      },
    }),
    expect: only(201, ['caseworker']),
  },
  {
    method: 'GET',
    url: '/api/cases',
    request: () => ({ url: '/api/cases' }),
    expect: only(200, ['coordinator', 'caseworker', 'investigator', 'reviewer']),
  },
  {
    method: 'GET',
    url: '/api/cases/:id',
    request: (f) => ({ url: `/api/cases/${f.caseId}` }),
    expect: { ...only(200, ['caseworker', 'investigator', 'reviewer']), other_org: 404 },
  },
  {
    method: 'POST',
    url: '/api/cases/:id/reveal-reporter',
    request: (f) => ({ url: `/api/cases/${f.caseId}/reveal-reporter` }),
    expect: { ...only(200, ['caseworker']), other_org: 404 },
  },
  {
    method: 'POST',
    url: '/api/cases/:id/consent/withdraw',
    request: (f) => ({
      url: `/api/cases/${f.caseId}/consent/withdraw`,
      body: { purposes: ['prosecution'] },
    }),
    expect: { ...only(200, ['caseworker', 'reviewer']), other_org: 404 },
  },
  // Only the caseworker may close; the reviewer holds case.update but not this transition.
  {
    method: 'POST',
    url: '/api/cases/:id/transitions',
    request: (f) => ({ url: `/api/cases/${f.caseId}/transitions`, body: { to: 'closed' } }),
    expect: { ...only(200, ['caseworker']), other_org: 404 },
  },
  {
    method: 'GET',
    url: '/api/tasks',
    request: () => ({ url: '/api/tasks' }),
    expect: only(200, ['caseworker', 'reviewer']),
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/complete',
    request: () => ({ url: '/api/tasks/no-such-task/complete' }),
    expect: only(404, ['caseworker', 'reviewer']),
  },
  {
    method: 'POST',
    url: '/api/intakes',
    request: () => ({
      url: '/api/intakes',
      body: {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 30,
        healthUrgency: 'none',
        facilityText: 'Gate 1',
      },
    }),
    expect: only(201, ['field_officer', 'caseworker']),
  },
  {
    method: 'GET',
    url: '/api/dashboard',
    request: () => ({ url: '/api/dashboard' }),
    expect: { default: 200, anonymous: 401 },
  },
  {
    method: 'GET',
    url: '/api/intakes/mine',
    request: () => ({ url: '/api/intakes/mine' }),
    expect: only(200, ['field_officer', 'caseworker']),
  },
  {
    method: 'GET',
    url: '/api/linkage/decisions/mine',
    request: () => ({ url: '/api/linkage/decisions/mine' }),
    expect: only(200, ['reviewer']),
  },
]

for (const dialect of DIALECTS) {
  describe(`route access table (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    const routes: string[] = []
    let orgId = ''
    let recordId = ''
    let jobId = ''
    let caseId = ''
    let n = 0

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildApp({
        ctx,
        loginRateLimit: 10_000,
        onRoute: (method, url) => {
          if (method !== 'HEAD') routes.push(`${method} ${url}`)
        },
      })
      await app.ready()
      const org = await buildOrganisation(ctx)
      orgId = org.id
      const owner = await buildUser(ctx, {
        organisationId: orgId,
        role: 'investigator',
        username: 'record-owner',
      })
      const actor = { userId: owner.id, organisationId: orgId, role: 'investigator' as const }
      const started = await startImportJob(ctx, actor, {
        bytes: Buffer.from('record_id,first_name,family_name\nx1,محمد,الحلبي\n'),
        fileName: 'seed.csv',
        sourceKind: 'register',
      })
      await started.done
      jobId = started.jobId
      const row = await ctx.handle.db
        .selectFrom('person_record')
        .select('id')
        .executeTakeFirstOrThrow()
      recordId = row.id
      const caseOwner = await buildUser(ctx, {
        organisationId: orgId,
        role: 'caseworker',
        username: 'case-owner',
      })
      caseId = (
        await fileReport(
          ctx,
          { userId: caseOwner.id, organisationId: orgId, role: 'caseworker' },
          {
            idempotencyKey: randomUUID(),
            person: { first_name: 'محمد' },
            reporter: { name: 'Synthetic', relation: 'mother', phone: '+963 900 000 000' },
            consent: { purposes: ['tracing', 'prosecution'], givenOn: '2026-01-10' },
          },
        )
      ).caseId
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    // One account per subject, signed in once: argon2 makes accounts and logins cost ~100 ms.
    const accounts = new Map<Subject, string>()
    const clients = new Map<Subject, Client>()
    async function clientFor(subject: Subject, fresh: boolean): Promise<Client> {
      if (subject === 'anonymous') return anonymous(app)
      let username = accounts.get(subject)
      if (username === undefined) {
        if (subject === 'other_org') {
          const other = await buildOrganisation(ctx)
          username = (
            await buildUser(ctx, {
              organisationId: other.id,
              role: 'admin',
              username: 'other-org-admin',
            })
          ).username
        } else {
          username = (
            await buildUser(ctx, {
              organisationId: orgId,
              role: subject,
              username: `table-${subject.replace('_', '-')}`,
            })
          ).username
        }
        accounts.set(subject, username)
      }
      if (fresh) return signIn(app, username)
      let client = clients.get(subject)
      if (!client) {
        client = await signIn(app, username)
        clients.set(subject, client)
      }
      return client
    }

    it('lists every route the app serves', async () => {
      const table = new Set(ROUTE_TABLE.map((r) => `${r.method} ${r.url}`))
      const missing = routes.filter(
        (r) => !table.has(r) && !r.includes('/docs') && !r.startsWith('GET /*') && r !== 'GET /',
      )
      assert.ok(routes.length >= ROUTE_TABLE.length)
      assert.deepEqual(missing, [], `routes without an access table entry: ${missing.join(', ')}`)
    })

    for (const route of ROUTE_TABLE) {
      for (const subject of SUBJECTS) {
        it(`${route.method} ${route.url} as ${subject} → ${route.expect[subject] ?? route.expect.default}`, async () => {
          n += 1
          // Only the disable route needs a victim; only logout needs a session of its own.
          const victim = route.url.includes('/disable')
            ? (
                await buildUser(ctx, {
                  organisationId: orgId,
                  role: 'viewer',
                  username: `victim-${n}`,
                })
              ).username
            : 'no-victim'
          const client = await clientFor(subject, route.url === '/api/auth/logout')
          let k = 0
          const req = route.request({
            victimUsername: victim,
            freshUsername: () => `fresh-${n}-${++k}`,
            recordId,
            jobId,
            caseId,
          })
          const res = await client.request(route.method, req.url, req.body, req.headers)
          const expected = route.expect[subject] ?? route.expect.default
          assert.equal(res.statusCode, expected, `${subject}: ${res.body}`)
          if (expected >= 400) {
            const body = res.json() as { code?: string }
            assert.ok(body.code, 'a denial is a problem document with a code')
          }
        })
      }
    }
  })
}
