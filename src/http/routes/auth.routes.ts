/** Login, session and logout. */
import type { FastifyInstance } from 'fastify'
import { login, logout } from '../../services/access.service.js'
import type { ServiceContext } from '../../services/context.js'
import {
  loginRequestSchema,
  type LoginRequest,
  type SessionResponse,
} from '../../contract/auth.contract.js'
import { requireActor } from '../session.plugin.js'
import { DomainError } from '../../core/errors.js'
import { problemSchema, sessionResponseSchema } from '../schemas.js'

export interface AuthRouteOptions {
  ctx: ServiceContext
  cookieName: string
  secureCookies: boolean
  loginRateLimit: number
}

export async function authRoutes(app: FastifyInstance, opts: AuthRouteOptions): Promise<void> {
  const cookie = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: opts.secureCookies,
  }

  app.post<{ Body: LoginRequest }>(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns the CSRF token',
        body: loginRequestSchema,
        response: { 200: sessionResponseSchema, 401: problemSchema, 429: problemSchema },
      },
      config: { access: 'public', rateLimit: { max: opts.loginRateLimit, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const result = await login(opts.ctx, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      })
      void reply.setCookie(opts.cookieName, result.sessionId, cookie)
      const body: SessionResponse = {
        user: {
          id: result.user.id,
          username: result.user.username,
          displayName: result.user.displayName,
          role: result.user.role,
          organisationId: result.user.organisationId,
          organisationName: result.organisationName,
        },
        csrfToken: result.csrfToken,
      }
      return body
    },
  )

  app.get(
    '/api/auth/session',
    {
      schema: {
        tags: ['auth'],
        summary: 'The signed-in user and CSRF token',
        response: { 200: sessionResponseSchema, 401: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      requireActor(request)
      const auth = request.auth
      if (!auth) throw new DomainError('unauthenticated', 'Sign in to continue.')
      const body: SessionResponse = {
        user: {
          id: auth.user.id,
          username: auth.user.username,
          displayName: auth.user.displayName,
          role: auth.user.role,
          organisationId: auth.user.organisationId,
          organisationName: auth.organisationName,
        },
        csrfToken: auth.csrfToken,
      }
      return body
    },
  )

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the session on the server',
        response: { 204: { type: 'null' }, 401: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      if (request.sessionId) await logout(opts.ctx, request.sessionId, actor)
      void reply.clearCookie(opts.cookieName, cookie)
      // Clear-Site-Data wipes what the browser kept of this session (ASVS 14.3.1).
      void reply.header('clear-site-data', '"cache", "cookies", "storage"')
      return reply.status(204).send()
    },
  )
}
