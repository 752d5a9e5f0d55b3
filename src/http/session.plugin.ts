/**
 * Authentication for HTTP: resolves the session cookie to an actor, and guards every
 * cookie-authenticated write with a CSRF token bound to the session plus Fetch-Metadata /
 * Origin checks (ASVS 3.5.1–3.5.3). Authorisation is NOT decided here: services do that.
 */
import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { resolveSession, type SessionInfo } from '../services/access.service.js'
import type { ServiceContext } from '../services/context.js'
import type { Actor } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import { CSRF_HEADER } from '../contract/auth.contract.js'

declare module 'fastify' {
  interface FastifyRequest {
    auth: SessionInfo | undefined
    sessionId: string | undefined
  }
}

export interface SessionPluginOptions {
  ctx: ServiceContext
  cookieName: string
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

function sameToken(a: string, b: string): boolean {
  const ba = Buffer.from(a)
  const bb = Buffer.from(b)
  return ba.length === bb.length && timingSafeEqual(ba, bb)
}

/** The actor of an authenticated request, or an `unauthenticated` error. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.auth) throw new DomainError('unauthenticated', 'Sign in to continue.')
  return request.auth.actor
}

function crossSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site']
  if (site === 'cross-site') return true
  const origin = request.headers.origin
  if (origin && request.headers.host) {
    try {
      return new URL(origin).host !== request.headers.host
    } catch {
      return true
    }
  }
  return false
}

async function sessionPlugin(app: FastifyInstance, opts: SessionPluginOptions): Promise<void> {
  app.decorateRequest('auth', undefined)
  app.decorateRequest('sessionId', undefined)
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (UNSAFE.has(request.method) && crossSite(request)) {
      throw new DomainError('csrf_failed', 'Cross-site requests are refused.')
    }
    const sid = request.cookies[opts.cookieName]
    if (!sid) return
    const info = await resolveSession(opts.ctx, sid)
    if (!info) return
    // Login needs no token (there is no session yet to bind it to); the cross-site check
    // above stops login CSRF, and login always issues a new session id.
    if (UNSAFE.has(request.method) && request.url !== '/api/auth/login') {
      const token = request.headers[CSRF_HEADER]
      if (typeof token !== 'string' || !sameToken(token, info.csrfToken)) {
        throw new DomainError(
          'csrf_failed',
          `Send the session's CSRF token in the ${CSRF_HEADER} header.`,
        )
      }
    }
    request.auth = info
    request.sessionId = sid
  })
}

export default fp(sessionPlugin, { name: 'athar-session' })
