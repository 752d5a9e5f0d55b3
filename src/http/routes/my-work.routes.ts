/**
 * "My work": a field officer's or caseworker's own intakes, a reviewer's own decisions.
 * Static paths: Fastify's router prefers them to `/api/intakes/:id/photo` and they are
 * GET where `/api/linkage/decisions` is POST, so neither is shadowed.
 */
import type { FastifyInstance } from 'fastify'
import { listMyDecisions, listMyIntakes } from '../../services/my-work.service.js'
import type { ServiceContext } from '../../services/context.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

const text = { type: 'string' } as const
const orNull = (type: string) => ({ type: [type, 'null'] }) as const
const open = (properties: Record<string, unknown>) =>
  ({ type: 'object', additionalProperties: true, properties }) as const

const intakeSchema = open({
  intakeId: text,
  recordId: text,
  personId: orNull('string'),
  name: orNull('string'),
  unidentified: { type: 'boolean' },
  approximateAge: orNull('integer'),
  sex: orNull('string'),
  distinguishingMarks: orNull('string'),
  healthUrgency: text,
  place: orNull('string'),
  zone: orNull('string'),
  registeredAt: text,
  hasPhoto: { type: 'boolean' },
})

const sideSchema = open({
  recordId: text,
  name: orNull('string'),
  personId: orNull('string'),
})

const decisionSchema = open({
  decisionId: text,
  left: sideSchema,
  right: sideSchema,
  verdict: text,
  note: orNull('string'),
  decidedAt: text,
  status: text,
})

const errors = { 401: problemSchema, 403: problemSchema }

export async function myWorkRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts
  app.get(
    '/api/intakes/mine',
    {
      schema: {
        tags: ['intake'],
        summary: 'The intakes you registered, newest first (at most 100)',
        response: { 200: open({ items: { type: 'array', items: intakeSchema } }), ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await listMyIntakes(ctx, requireActor(request)) }),
  )

  app.get(
    '/api/linkage/decisions/mine',
    {
      schema: {
        tags: ['linkage'],
        summary:
          "Your decisions on pairs, newest first (at most 100), each with the pair's status now",
        response: { 200: open({ items: { type: 'array', items: decisionSchema } }), ...errors },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({ items: await listMyDecisions(ctx, requireActor(request)) }),
  )
}
