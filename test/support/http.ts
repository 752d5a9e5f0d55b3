/** Driving buildApp() in tests: sign in as a user and make authenticated requests. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { buildApp } from '../../src/http/app.js'
import type { ServiceContext } from '../../src/services/context.js'
import { TEST_PASSWORD } from './factories.js'

export interface Client {
  cookie: string
  csrf: string
  request(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<LightMyRequestResponse>
}

export async function buildTestApp(ctx: ServiceContext): Promise<FastifyInstance> {
  const app = await buildApp({ ctx, loginRateLimit: 10_000 })
  await app.ready()
  return app
}

export async function signIn(
  app: FastifyInstance,
  username: string,
  password = TEST_PASSWORD,
): Promise<Client> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
  })
  if (res.statusCode !== 200) {
    throw new Error(`login of ${username} failed: ${res.statusCode} ${res.body}`)
  }
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
    app.inject({
      method: method as 'GET',
      url,
      headers,
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
    }),
})

const BOUNDARY = '----athar-test-boundary'
/** A multipart body with one small CSV file (fresh content each time: re-imports are no-ops). */
export function multipartCsv(
  csv: string,
  fields: Record<string, string> = { sourceKind: 'register' },
): { body: string; headers: Record<string, string> } {
  const parts = Object.entries(fields).map(
    ([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  )
  parts.push(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="list.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${BOUNDARY}--\r\n`,
  )
  return {
    body: parts.join(''),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  }
}
