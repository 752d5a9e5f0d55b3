/** Linkage over stored records: runs, the review queue, decisions, explanations, persons, the model. */
import type { FastifyInstance } from 'fastify'
import {
  decidePair,
  enableIncrementalLinkage,
  explainPair,
  findPerson,
  getLinkageModel,
  nextPairsForReview,
  pairForReview,
  startLinkageJob,
} from '../../services/linkage.service.js'
import type { ServiceContext } from '../../services/context.js'
import type { ReviewVerdict } from '../../core/linkage/index.js'
import { requireActor } from '../session.plugin.js'
import { problemResponses, problemSchema } from '../schemas.js'

const recordId = { type: 'string', minLength: 1, maxLength: 100 } as const

/** The query of a route about one pair of records (left, right), with the route's own extras. */
const pairQuery = (extra: Record<string, unknown>) =>
  ({
    type: 'object',
    additionalProperties: false,
    required: ['left', 'right'],
    properties: { left: recordId, right: recordId, ...extra },
  }) as const

const probability = { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 } as const
const open = (properties: Record<string, unknown>) =>
  ({ type: 'object', additionalProperties: true, properties }) as const

const waterfallSchema = open({
  leftId: { type: 'string' },
  rightId: { type: 'string' },
  prior: { type: 'number' },
  steps: {
    type: 'array',
    items: open({
      comparison: { type: 'string' },
      level: { type: 'string' },
      levelIndex: { type: 'integer' },
      levelWeight: { type: 'number' },
      termFrequencyAdjustment: { type: 'number' },
      weight: { type: 'number' },
    }),
  },
  matchWeight: { type: 'number' },
  matchProbability: { type: 'number' },
  band: { type: 'string' },
  runId: { type: 'string' },
  stored: { type: ['object', 'null'], additionalProperties: true },
  review: { type: 'string' },
})

interface RunBody {
  seed?: number
  reuseModel?: boolean
  thresholds?: { autoLink?: number; review?: number }
}

interface DecisionBody {
  left: string
  right: string
  verdict: ReviewVerdict
  note?: string
}

export async function linkageRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts
  // The server links records as imports add them (once a first run has trained a model).
  enableIncrementalLinkage(ctx)

  app.post<{ Body: RunBody }>(
    '/api/linkage/runs',
    {
      schema: {
        tags: ['linkage'],
        summary: "Link the organisation's stored records as a job (progress at /api/jobs/:id)",
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            seed: { type: 'integer', minimum: 0, maximum: 2 ** 31 - 1 },
            reuseModel: { type: 'boolean' },
            thresholds: {
              type: 'object',
              additionalProperties: false,
              properties: { autoLink: probability, review: probability },
            },
          },
        },
        response: {
          202: {
            type: 'object',
            properties: { jobId: { type: 'string' }, runId: { type: 'string' } },
          },
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const body = request.body ?? {}
      const { jobId, runId } = await startLinkageJob(ctx, requireActor(request), {
        seed: body.seed,
        reuseModel: body.reuseModel,
        thresholds: body.thresholds,
      })
      return reply.status(202).send({ jobId, runId })
    },
  )

  app.get<{
    Querystring: { limit?: number; blind?: boolean; status?: 'awaiting_second_review' }
  }>(
    '/api/linkage/review-queue',
    {
      schema: {
        tags: ['linkage'],
        summary:
          "The next pairs to review (families' cases first, then the most uncertain); blind=true hides every score; status=awaiting_second_review gives the second-opinion queue",
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            limit: { type: 'integer', minimum: 1, maximum: 50 },
            blind: { type: 'boolean' },
            status: { type: 'string', enum: ['awaiting_second_review'] },
          },
        },
        response: {
          200: open({
            items: { type: 'array', items: { type: 'object', additionalProperties: true } },
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => ({
      items: await nextPairsForReview(ctx, requireActor(request), {
        limit: request.query.limit,
        blind: request.query.blind,
        awaitingSecondReview: request.query.status === 'awaiting_second_review',
      }),
    }),
  )

  app.post<{ Body: DecisionBody }>(
    '/api/linkage/decisions',
    {
      schema: {
        tags: ['linkage'],
        summary: 'Record a reviewer decision on a pair: same, not_same or unsure, with a note',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['left', 'right', 'verdict'],
          properties: {
            left: recordId,
            right: recordId,
            verdict: { type: 'string', enum: ['same', 'not_same', 'unsure'] },
            note: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          201: open({
            decisionId: { type: 'string' },
            status: { type: 'string' },
            sensitive: { type: 'boolean' },
            persons: open({
              left: { type: ['string', 'null'] },
              right: { type: ['string', 'null'] },
            }),
          }),
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
          409: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const { left, right, verdict, note } = request.body
      return reply
        .status(201)
        .send(await decidePair(ctx, requireActor(request), { left, right, verdict, note }))
    },
  )

  app.get<{ Querystring: { left: string; right: string } }>(
    '/api/linkage/explain',
    {
      schema: {
        tags: ['linkage'],
        summary: "Why two records do or do not match: prior + each field's weight = total",
        querystring: pairQuery({}),
        response: { 200: waterfallSchema, ...problemResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      explainPair(ctx, requireActor(request), request.query.left, request.query.right),
  )

  app.get<{ Querystring: { left: string; right: string; blind?: boolean } }>(
    '/api/linkage/pair',
    {
      schema: {
        tags: ['linkage'],
        summary:
          'One pair of records as a review item (the newest model, its review status now): to look at a chosen pair again; blind=true hides every score',
        querystring: pairQuery({ blind: { type: 'boolean' } }),
        response: { 200: { type: 'object', additionalProperties: true }, ...problemResponses },
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      pairForReview(ctx, requireActor(request), request.query.left, request.query.right, {
        blind: request.query.blind,
      }),
  )

  app.get<{ Params: { id: string } }>(
    '/api/persons/:id',
    {
      schema: {
        tags: ['linkage'],
        summary:
          'A person: its records you may read and the history of its id (a merged id resolves)',
        params: { type: 'object', required: ['id'], properties: { id: recordId } },
        response: {
          200: open({
            id: { type: 'string' },
            requestedId: { type: 'string' },
            status: { type: 'string' },
            records: { type: 'array', items: { type: 'object', additionalProperties: true } },
            history: { type: 'array', items: { type: 'object', additionalProperties: true } },
          }),
          401: problemSchema,
          403: problemSchema,
          404: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => findPerson(ctx, requireActor(request), request.params.id),
  )

  app.get(
    '/api/linkage/model',
    {
      schema: {
        tags: ['linkage'],
        summary:
          'The current linkage model (m, u and weight of every level) and the run that made it',
        response: {
          200: open({
            run: { type: ['object', 'null'], additionalProperties: true },
            model: { type: ['object', 'null'], additionalProperties: true },
          }),
          401: problemSchema,
          403: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => getLinkageModel(ctx, requireActor(request)),
  )
}
