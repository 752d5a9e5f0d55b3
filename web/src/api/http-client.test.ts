/**
 * The HTTP client's contract with the server: same-origin credentials, the CSRF header on
 * writes only, problems as values (also for network failures), 401 → "signed out".
 * Run: node --import tsx --test web/src/api/http-client.test.ts
 */
import assert from 'node:assert/strict'
import { afterEach, describe, test } from 'node:test'
import { fetchSession, login, logout } from './auth.api.js'
import { onUnauthorized, readProblem, requestJson, setCsrfToken } from './http-client.js'
import { safeReturnPath } from '../hooks/useRoute.js'

interface Call {
  url: string
  init: RequestInit
}

const realFetch = globalThis.fetch

/** Replaces fetch with a queue of answers and records every call. */
function stubFetch(...answers: Array<Response | Error>): Call[] {
  const calls: Call[] = []
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    calls.push({
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      init: init ?? {},
    })
    const answer = answers.shift()
    if (answer === undefined) throw new Error('unexpected fetch')
    if (answer instanceof Error) throw answer
    return answer
  }
  return calls
}

function json(status: number, body: unknown, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } })
}

const session = {
  user: {
    id: 'u1',
    username: 'field-officer',
    displayName: 'Test officer',
    role: 'field_officer',
    organisationId: 'o1',
    organisationName: 'Test organisation',
  },
  csrfToken: 'token-123',
}

function headerOf(call: Call | undefined, name: string): string | undefined {
  return (call?.init.headers as Record<string, string> | undefined)?.[name]
}

afterEach(() => {
  globalThis.fetch = realFetch
  setCsrfToken(undefined)
  onUnauthorized(undefined)
})

void describe('requestJson', () => {
  void test('sends same-origin credentials and no CSRF header on GET', async () => {
    setCsrfToken('t')
    const calls = stubFetch(json(200, { a: 1 }))
    const result = await requestJson<{ a: number }>('GET', '/api/x')
    assert.deepEqual(result, { ok: true, value: { a: 1 } })
    assert.equal(calls[0]?.init.credentials, 'same-origin')
    assert.equal(headerOf(calls[0], 'x-csrf-token'), undefined)
  })

  void test('sends the CSRF token on writes, and JSON only with a body', async () => {
    setCsrfToken('t')
    const calls = stubFetch(json(200, {}), new Response(null, { status: 204 }))
    await requestJson('POST', '/api/x', { b: 2 })
    await requestJson('DELETE', '/api/x')
    assert.equal(headerOf(calls[0], 'x-csrf-token'), 't')
    assert.equal(headerOf(calls[0], 'content-type'), 'application/json')
    assert.equal(calls[0]?.init.body, '{"b":2}')
    assert.equal(headerOf(calls[1], 'x-csrf-token'), 't')
    assert.equal(headerOf(calls[1], 'content-type'), undefined)
  })

  void test('a network failure is a problem with code "network", not an exception', async () => {
    stubFetch(new TypeError('fetch failed'))
    const result = await requestJson('GET', '/api/x')
    assert.equal(result.ok, false)
    assert.equal(!result.ok && result.problem.code, 'network')
  })

  void test('a 401 tells the app the session is gone, unless 401 is expected', async () => {
    let signals = 0
    onUnauthorized(() => (signals += 1))
    stubFetch(
      json(401, { status: 401, code: 'unauthenticated' }, 'application/problem+json'),
      json(401, { status: 401, code: 'invalid_credentials' }, 'application/problem+json'),
    )
    await requestJson('GET', '/api/records')
    await requestJson('POST', '/api/auth/login', {}, { expectUnauthorized: true })
    assert.equal(signals, 1)
  })
})

void describe('readProblem', () => {
  void test('keeps the server problem and its field errors', () => {
    const errors = [{ field: 'username', message: 'is required' }]
    const problem = readProblem(400, { status: 400, code: 'validation_failed', title: 'x', errors })
    assert.equal(problem.code, 'validation_failed')
    assert.deepEqual(problem.errors, errors)
  })

  void test('makes a problem from the status when the body is not one', () => {
    assert.equal(readProblem(429, undefined).code, 'rate_limited')
    assert.equal(readProblem(502, '<html>').code, 'internal')
    assert.equal(readProblem(403, { message: 'no' }).code, 'forbidden')
  })
})

void describe('auth api', () => {
  void test('keeps the CSRF token from login in memory and sends it on logout', async () => {
    const calls = stubFetch(json(200, session), new Response(null, { status: 204 }))
    const result = await login({ username: 'field-officer', password: 'pw' })
    assert.equal(result.ok, true)
    const out = await logout()
    assert.equal(out.ok, true)
    assert.equal(calls[1]?.url, '/api/auth/logout')
    assert.equal(headerOf(calls[1], 'x-csrf-token'), 'token-123')
  })

  void test('forgets the token after logout, so later writes carry none', async () => {
    const calls = stubFetch(json(200, session), new Response(null, { status: 204 }), json(200, {}))
    await login({ username: 'field-officer', password: 'pw' })
    await logout()
    await requestJson('POST', '/api/x', {})
    assert.equal(headerOf(calls[2], 'x-csrf-token'), undefined)
  })

  void test('the session probe takes the token from GET /api/auth/session', async () => {
    const calls = stubFetch(json(200, session), json(200, {}))
    await fetchSession()
    await requestJson('PATCH', '/api/x', {})
    assert.equal(headerOf(calls[1], 'x-csrf-token'), 'token-123')
  })

  void test('a failed login is a value carrying the problem code', async () => {
    stubFetch(json(401, { status: 401, code: 'invalid_credentials' }, 'application/problem+json'))
    const result = await login({ username: 'a', password: 'b' })
    assert.equal(!result.ok && result.problem.code, 'invalid_credentials')
  })
})

void describe('safeReturnPath', () => {
  void test('returns local paths and refuses anything that would leave the origin', () => {
    assert.equal(safeReturnPath('/cases/12?tab=a'), '/cases/12?tab=a')
    assert.equal(safeReturnPath(null), '/')
    assert.equal(safeReturnPath('//evil.example/x'), '/')
    assert.equal(safeReturnPath('/\\evil.example'), '/')
    assert.equal(safeReturnPath('https://evil.example'), '/')
    assert.equal(safeReturnPath('javascript:alert(1)'), '/')
  })
})
