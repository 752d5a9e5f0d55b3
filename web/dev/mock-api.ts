/**
 * A stand-in for the auth API of src/contract/auth.contract.ts, for UI work without the
 * server: `ATHAR_MOCK_API=1 npx vite --config web/vite.config.ts` (or `vite preview`,
 * which also sends the production CSP so violations show up). One synthetic user per role,
 * username = role, password "demo-pass". Never part of the build.
 */
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Plugin } from 'vite'
import type { Role } from '../../src/core/access/roles.js'
import type { Problem, SessionResponse, SessionUser } from '../../src/contract/auth.contract.js'

const ROLES: readonly Role[] = [
  'admin',
  'coordinator',
  'field_officer',
  'caseworker',
  'investigator',
  'reviewer',
  'viewer',
]
const PASSWORD = 'demo-pass'
const COOKIE = 'athar_mock_session'
const CSP =
  "default-src 'self'; style-src 'self'; script-src 'self'; img-src 'self'; frame-ancestors 'none'"

function userFor(role: Role): SessionUser {
  return {
    id: `mock-${role}`,
    username: role,
    displayName: `Demo ${role.replace('_', ' ')}`,
    role,
    organisationId: 'org-demo',
    organisationName: 'Demo organisation',
  }
}

function send(res: ServerResponse, status: number, body?: SessionResponse | Problem): void {
  res.statusCode = status
  if (body === undefined) {
    res.end()
    return
  }
  res.setHeader('content-type', 'code' in body ? 'application/problem+json' : 'application/json')
  res.end(JSON.stringify(body))
}

function problem(status: number, code: string): Problem {
  return { type: 'about:blank', status, code, title: code }
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown
  } catch {
    return undefined
  }
}

/** The Vite plugin: answers /api/auth/* in dev and preview servers. */
export function mockApi(): Plugin {
  const sessions = new Map<string, SessionResponse>()

  function sessionOf(req: IncomingMessage): [string, SessionResponse] | undefined {
    const match = /(?:^|;\s*)athar_mock_session=([a-f0-9]+)/.exec(req.headers.cookie ?? '')
    const id = match?.[1]
    const session = id === undefined ? undefined : sessions.get(id)
    return id === undefined || session === undefined ? undefined : [id, session]
  }

  async function handle(req: IncomingMessage, res: ServerResponse, next: () => void) {
    const url = req.url ?? ''
    if (!url.startsWith('/api/')) {
      next()
      return
    }
    if (url === '/api/auth/login' && req.method === 'POST') {
      const body = (await readBody(req)) as { username?: unknown; password?: unknown } | undefined
      const role = ROLES.find((r) => r === body?.username)
      if (role === undefined || body?.password !== PASSWORD) {
        send(res, 401, problem(401, 'invalid_credentials'))
        return
      }
      const id = randomBytes(16).toString('hex')
      const session = { user: userFor(role), csrfToken: randomBytes(16).toString('hex') }
      sessions.set(id, session)
      res.setHeader('set-cookie', `${COOKIE}=${id}; HttpOnly; SameSite=Strict; Path=/`)
      send(res, 200, session)
      return
    }
    const current = sessionOf(req)
    if (url === '/api/auth/session' && req.method === 'GET') {
      if (current === undefined) send(res, 401, problem(401, 'unauthenticated'))
      else send(res, 200, current[1])
      return
    }
    if (url === '/api/auth/logout' && req.method === 'POST') {
      if (current === undefined) send(res, 401, problem(401, 'unauthenticated'))
      else if (req.headers['x-csrf-token'] !== current[1].csrfToken) {
        send(res, 403, problem(403, 'csrf_failed'))
      } else {
        sessions.delete(current[0])
        res.setHeader('set-cookie', `${COOKIE}=; Max-Age=0; Path=/`)
        send(res, 204)
      }
      return
    }
    send(res, 404, problem(404, 'not_found'))
  }

  const middleware = (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    void handle(req, res, next)
  }

  return {
    name: 'athar-mock-api',
    configureServer(server) {
      server.middlewares.use(middleware)
    },
    configurePreviewServer(server) {
      server.middlewares.use((_req, res, next) => {
        res.setHeader('content-security-policy', CSP)
        next()
      })
      server.middlewares.use(middleware)
    },
  }
}
