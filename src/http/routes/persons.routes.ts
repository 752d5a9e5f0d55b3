/** The person page's data and intake photos (issue #5 items 2 and 4). */
import type { FastifyInstance } from 'fastify'
import type { ServiceContext } from '../../services/context.js'
import { getPersonStory } from '../../services/person.service.js'
import { readIntakePhoto } from '../../services/media.service.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

const id = { type: 'string', minLength: 1, maxLength: 100 } as const
const open = (properties: Record<string, unknown>) =>
  ({ type: 'object', additionalProperties: true, properties }) as const
const list = { type: 'array', items: { type: 'object', additionalProperties: true } } as const

export async function personsRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts

  app.get<{ Params: { id: string } }>(
    '/api/persons/:id/story',
    {
      schema: {
        tags: ['persons'],
        summary:
          "A person's page: accounts with provenance, cases, decisions, intakes and a timeline citing its records",
        params: { type: 'object', required: ['id'], properties: { id } },
        response: {
          200: open({
            id: { type: 'string' },
            requestedId: { type: 'string' },
            status: { type: 'string' },
            accounts: list,
            cases: list,
            decisions: list,
            intakes: list,
            timeline: list,
          }),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getPersonStory(ctx, requireActor(request), request.params.id),
  )

  app.get<{ Params: { id: string } }>(
    '/api/intakes/:id/photo',
    {
      schema: {
        tags: ['intake'],
        summary: "An intake's photo (metadata removed at intake); every read is audited",
        params: { type: 'object', required: ['id'], properties: { id } },
        response: { 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const photo = await readIntakePhoto(ctx, requireActor(request), request.params.id)
      return reply
        .header('content-type', photo.mediaType)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', 'inline')
        .header('etag', `"${photo.sha256}"`)
        .send(photo.bytes)
    },
  )
}
