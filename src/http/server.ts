/** Listening: the only place that binds a port. */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from './app.js'
import type { ServiceContext } from '../services/context.js'

/** Where the built web app is: dist/web from the sources or from the compiled tree. */
export function findWebRoot(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url))
  for (const candidate of [join(here, '..', '..', 'dist', 'web'), join(here, '..', '..', 'web')]) {
    if (
      existsSync(join(candidate, 'index.html')) &&
      !existsSync(join(candidate, 'vite.config.ts'))
    ) {
      return candidate
    }
  }
  return undefined
}

export interface RunningServer {
  app: FastifyInstance
  url: string
  close(): Promise<void>
}

export async function startServer(options: {
  ctx: ServiceContext
  port: number
  host?: string | undefined
  secureCookies?: boolean | undefined
}): Promise<RunningServer> {
  const app = await buildApp({
    ctx: options.ctx,
    webRoot: findWebRoot(),
    secureCookies: options.secureCookies,
    logger: process.env.ATHAR_LOG === '1' ? { level: 'info' } : false,
  })
  const host = options.host ?? '127.0.0.1'
  await app.listen({ port: options.port, host })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  return {
    app,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    close: () => app.close(),
  }
}
