/** One query box over person records, Arabic or Latin. */
import type { FastifyInstance } from 'fastify'
import { searchRecords } from '../../services/search.service.js'
import type { ServiceContext } from '../../services/context.js'
import { MAX_SEARCH_LIMIT } from '../../core/search/index.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

interface SearchQuery {
  q: string
  limit?: number
  sex?: 'M' | 'F'
  birthYearFrom?: number
  birthYearTo?: number
  birthPlace?: string
  sourceKind?: string
  detentionPlace?: string
}

export async function searchRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  app.get<{ Querystring: SearchQuery }>(
    '/api/records/search',
    {
      schema: {
        tags: ['records'],
        summary: 'Search person records by name across scripts (at least one name of two letters)',
        querystring: {
          type: 'object',
          additionalProperties: false,
          required: ['q'],
          properties: {
            q: { type: 'string', minLength: 1, maxLength: 200 },
            limit: { type: 'integer', minimum: 1, maximum: MAX_SEARCH_LIMIT },
            sex: { type: 'string', enum: ['M', 'F'] },
            birthYearFrom: { type: 'integer', minimum: 1900, maximum: 2100 },
            birthYearTo: { type: 'integer', minimum: 1900, maximum: 2100 },
            birthPlace: { type: 'string', maxLength: 100 },
            sourceKind: { type: 'string', maxLength: 60 },
            detentionPlace: { type: 'string', maxLength: 100 },
          },
        },
        response: {
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          429: problemSchema,
        },
      },
      // Anti-enumeration: a person searches a few names a minute, a scraper thousands.
      config: {
        access: 'authenticated',
        rateLimit: {
          max: opts.ctx.config.searchRateLimit ?? 60,
          timeWindow: '1 minute',
          keyGenerator: (req) => req.auth?.user.id ?? req.ip,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request)
      const { q, limit, ...filters } = request.query
      const items = await searchRecords(opts.ctx, actor, { q, limit, filters })
      return {
        results: items.map((i) => ({
          recordId: i.record.id,
          personId: i.personId,
          score: i.score,
          matched: i.matched,
          fields: i.record.fields,
          provenance: i.record.provenance,
        })),
      }
    },
  )
}
