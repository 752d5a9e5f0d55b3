/** Counts for the home screen: no names, for every role that may read statistics. */
import type { FastifyInstance } from 'fastify'
import { getDashboard } from '../../services/dashboard.service.js'
import type { ServiceContext } from '../../services/context.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

export async function dashboardRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  app.get(
    '/api/dashboard',
    {
      schema: {
        tags: ['dashboard'],
        summary: 'Counts and a 30-day series for your organisation',
        response: { 401: problemSchema, 403: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getDashboard(opts.ctx, requireActor(request)),
  )
}
