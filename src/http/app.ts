/**
 * buildApp(deps) assembles the HTTP face of Athar without listening, so tests drive it
 * with `app.inject()` and server.ts / the CLI decide where it listens.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import cookie from '@fastify/cookie'
import helmet from 'helmet'
import rateLimit from '@fastify/rate-limit'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fastifyStatic from '@fastify/static'
import { Ajv } from 'ajv'
import addFormatsModule from 'ajv-formats'
import type { ServiceContext } from '../services/context.js'
import sessionPlugin from './session.plugin.js'
import { problemOf, sendProblem, toProblem } from './errors.js'
import { authRoutes } from './routes/auth.routes.js'
import { adminRoutes } from './routes/admin.routes.js'
import { extraRouteRegistrars } from './routes/index.js'

export interface AppDeps {
  ctx: ServiceContext
  /** Folder of the built web app (dist/web); the app is served from / when present. */
  webRoot?: string | undefined
  /** Set behind TLS: cookies become `__Host-` + Secure, HSTS is sent. */
  secureCookies?: boolean | undefined
  logger?: FastifyServerOptions['logger']
  /** Largest JSON body in bytes (imports have their own limit). */
  bodyLimit?: number | undefined
  /** Requests per minute per client address on the login route (default 20). */
  loginRateLimit?: number | undefined
  /** Told of every route as it is registered (the route-access test uses it). */
  onRoute?: ((method: string, url: string) => void) | undefined
}

/** Route-level declaration, checked by the route-access test table. */
export type RouteAccess = 'public' | 'authenticated'

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess
  }
}

// ajv-formats ships CJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function buildValidators(): { body: Ajv; other: Ajv } {
  // Bodies are validated strictly: a number where a string belongs is an error, not
  // something to coerce. Query strings and params arrive as text and are coerced.
  const body = addFormats(
    new Ajv({
      allErrors: true,
      coerceTypes: false,
      removeAdditional: false,
      useDefaults: true,
      strict: false,
    }),
  )
  const other = addFormats(
    new Ajv({
      allErrors: true,
      coerceTypes: 'array',
      removeAdditional: false,
      useDefaults: true,
      strict: false,
    }),
  )
  return { body, other }
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const secure = deps.secureCookies ?? false
  const cookieName = secure ? '__Host-athar_session' : 'athar_session'
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: deps.bodyLimit ?? 1_048_576,
    trustProxy: process.env.ATHAR_TRUST_PROXY === '1',
  })

  if (deps.onRoute) {
    const listener = deps.onRoute
    app.addHook('onRoute', (route) => {
      for (const m of Array.isArray(route.method) ? route.method : [route.method]) {
        listener(m, route.url)
      }
    })
  }

  const validators = buildValidators()
  app.setValidatorCompiler(({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? validators.body : validators.other
    return ajv.compile(schema)
  })

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request)
    if (problem.status >= 500) request.log.error(error)
    return sendProblem(reply, problem)
  })
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET' || !deps.webRoot) {
      return sendProblem(
        reply,
        problemOf('not_found', `No route ${request.method} ${request.url.split('?')[0] ?? ''}.`),
      )
    }
    // The web app routes on the client: unknown GET paths get index.html.
    return reply.type('text/html').header('cache-control', 'no-cache').sendFile('index.html')
  })

  // Security headers (helmet) on every response. Its Fastify plugin builds the middleware
  // anew for every request (parsing the CSP each time: 3% of the server thread under the
  // search bench); built once here, the headers are the same.
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    hsts: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  })
  app.addHook('onRequest', (request, reply, done) => {
    securityHeaders(request.raw, reply.raw, (error?: unknown) =>
      done(error instanceof Error ? error : undefined),
    )
  })
  await app.register(cookie)
  await app.register(rateLimit, { global: false })

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Athar API',
        version: '0.1.0',
        description:
          'Tracing the disappeared: records, linkage, evidence, operations. Errors are RFC 9457 problem details.',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: cookieName } },
      },
    },
  })
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    uiConfig: { docExpansion: 'list' },
  })

  // Person data must never sit in a shared or browser cache (ASVS 14.3.2).
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith('/api/')) void reply.header('cache-control', 'no-store')
    return payload
  })

  await app.register(sessionPlugin, { ctx: deps.ctx, cookieName })

  app.get('/healthz', { schema: { hide: true }, config: { access: 'public' } }, async () => {
    return { status: 'ok' }
  })

  await app.register(authRoutes, {
    ctx: deps.ctx,
    cookieName,
    secureCookies: secure,
    loginRateLimit: deps.loginRateLimit ?? 20,
  })
  await app.register(adminRoutes, { ctx: deps.ctx })
  for (const register of extraRouteRegistrars) await app.register(register, { ctx: deps.ctx })

  if (deps.webRoot && existsSync(join(deps.webRoot, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: deps.webRoot,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
    })
  }
  return app
}
