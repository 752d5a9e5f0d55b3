/** Driving buildApp() in tests: sign in as a user and make authenticated requests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/http/app.js'
import type { ServiceContext } from '../../src/services/context.js'
import { TEST_PASSWORD } from './factories.js'

export interface Client {
  cookie: string
  csrf: string
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>
}

export async function buildTestApp(ctx: ServiceContext): Promise<FastifyInstance> {
  const app = await buildApp({ ctx, loginRateLimit: 10_000 })
  await app.ready()
  return app
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Client> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } })
  if (res.statusCode !== 200) throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`)
  const setCookie = res.headers['set-cookie']
  const raw = Array.isArray(setCookie) ? setCookie[0] : setCookie
  const cookie = (raw ?? '').split(';')[0] ?? ''
  const csrf = (res.json() as { csrfToken: string }).csrfToken
  return {
    cookie,
    csrf,
    request: (method, url, body, headers = {}) =>
      app.inject({
        method: method as 'GET',
        url,
        headers: { cookie, 'x-csrf-token': csrf, ...headers },
        ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
      }),
  }
}

export const anonymous = (app: FastifyInstance): Client => ({
  cookie: '',
  csrf: '',
  request: (method, url, body, headers = {}) =>
    app.inject({ method: method as 'GET', url, headers, ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}) }),
})
