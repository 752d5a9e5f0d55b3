import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/http/app.js'
import { DIALECTS, openTestContext, type TestContext } from '../support/test-database.js'
import { buildOrganisation, buildUser } from '../support/factories.js'
import { signIn } from '../support/http.js'

for (const dialect of DIALECTS) {
  describe(`HTTP basics (${dialect})`, () => {
    let ctx: TestContext
    let app: FastifyInstance
    let adminName = ''

    before(async () => {
      ctx = await openTestContext(dialect)
      app = await buildApp({ ctx, loginRateLimit: 10_000 })
      await app.ready()
      const org = await buildOrganisation(ctx)
      adminName = (await buildUser(ctx, { organisationId: org.id, role: 'admin' })).username
    })
    after(async () => {
      await app.close()
      await ctx.drop()
    })

    it('sends the security headers on every response', async () => {
      for (const url of ['/healthz', '/api/auth/session', '/no/such/page']) {
        const res = await app.inject({ method: 'GET', url })
        const csp = String(res.headers['content-security-policy'])
        assert.match(csp, /default-src 'self'/)
        assert.match(csp, /frame-ancestors 'none'/)
        assert.match(
          String(res.headers['strict-transport-security']),
          /max-age=31536000; includeSubDomains/,
        )
        assert.equal(res.headers['x-content-type-options'], 'nosniff')
        assert.equal(res.headers['referrer-policy'], 'no-referrer')
      }
    })

    it('marks API answers Cache-Control: no-store', async () => {
      const c = await signIn(app, adminName)
      const res = await c.request('GET', '/api/users')
      assert.equal(res.statusCode, 200)
      assert.equal(res.headers['cache-control'], 'no-store')
    })

    it('sets an HttpOnly SameSite=Strict session cookie', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: adminName, password: 'correct horse battery staple' },
      })
      const cookie = String(res.headers['set-cookie'])
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /SameSite=Strict/)
    })

    it('refuses a cookie-authenticated write without the CSRF token', async () => {
      const c = await signIn(app, adminName)
      const res = await app.inject({
        method: 'POST',
        url: '/api/audit/verify',
        headers: { cookie: c.cookie },
      })
      assert.equal(res.statusCode, 403)
      assert.equal(res.json().code, 'csrf_failed')
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/audit/verify',
        headers: { cookie: c.cookie, 'x-csrf-token': 'x'.repeat(43) },
      })
      assert.equal(wrong.json().code, 'csrf_failed')
      const right = await c.request('POST', '/api/audit/verify')
      assert.equal(right.statusCode, 200)
    })

    it('refuses cross-site writes (Fetch Metadata and Origin)', async () => {
      const c = await signIn(app, adminName)
      const a = await c.request('POST', '/api/audit/verify', undefined, {
        'sec-fetch-site': 'cross-site',
      })
      assert.equal(a.json().code, 'csrf_failed')
      const b = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { origin: 'https://evil.example', host: 'localhost' },
        payload: { username: adminName, password: 'x' },
      })
      assert.equal(b.statusCode, 403)
    })

    it('answers malformed JSON with a problem, not a stack trace', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{"username": "a", ',
      })
      assert.equal(res.statusCode, 400)
      assert.equal(res.headers['content-type'], 'application/problem+json; charset=utf-8')
      const body = res.json()
      assert.equal(body.code, 'malformed_json')
      assert.ok(!JSON.stringify(body).includes('at '), 'no stack frames')
    })

    it('names the missing field', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'someone' },
      })
      assert.equal(res.statusCode, 400)
      const body = res.json()
      assert.equal(body.code, 'validation_failed')
      assert.deepEqual(
        body.errors.map((e: { field: string }) => e.field),
        ['password'],
      )
    })

    it('names the field of the wrong type, without coercing it', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 12345, password: true },
      })
      assert.equal(res.statusCode, 400)
      const fields = res
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort()
      assert.deepEqual(fields, ['password', 'username'])
    })

    it('names an unknown field', async () => {
      const c = await signIn(app, adminName)
      const res = await c.request('POST', '/api/users', {
        username: 'abc-def',
        role: 'viewer',
        password: 'a long enough password',
        isAdmin: true,
      })
      assert.equal(res.statusCode, 400)
      assert.equal(res.json().errors[0].field, 'isAdmin')
    })

    it('refuses oversized bodies with 413', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'x'.repeat(2_000_000), password: 'y' },
      })
      assert.equal(res.statusCode, 413)
      assert.equal(res.json().code, 'payload_too_large')
    })

    it('refuses unsupported content types with 415', async () => {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': 'text/xml' },
        payload: '<a/>',
      })
      assert.equal(res.statusCode, 415)
      assert.equal(res.json().code, 'unsupported_media_type')
    })

    it('serves the OpenAPI document at /docs', async () => {
      const ui = await app.inject({ method: 'GET', url: '/docs' })
      assert.ok([200, 302].includes(ui.statusCode))
      const json = await app.inject({ method: 'GET', url: '/docs/json' })
      assert.equal(json.statusCode, 200)
      const doc = json.json()
      assert.equal(doc.openapi, '3.1.0')
      assert.ok(doc.paths['/api/auth/login'])
    })

    it('answers unknown API routes with a 404 problem', async () => {
      const res = await app.inject({ method: 'GET', url: '/api/nothing-here' })
      assert.equal(res.statusCode, 404)
      assert.equal(res.json().code, 'not_found')
    })
  })
}

describe('login rate limiting at the HTTP edge', () => {
  it('answers 429 with a problem after the per-minute budget', async () => {
    const ctx = await openTestContext(DIALECTS[0] ?? 'sqlite')
    const app = await buildApp({ ctx, loginRateLimit: 3 })
    await app.ready()
    const statuses: number[] = []
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: `u${i}`, password: 'nope nope nope' },
      })
      statuses.push(res.statusCode)
    }
    assert.deepEqual(statuses.slice(0, 3), [401, 401, 401])
    assert.equal(statuses[4], 429)
    await app.close()
    await ctx.drop()
  })
})
