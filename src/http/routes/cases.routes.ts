/** Family cases and caseworker tasks. */
import type { FastifyInstance } from 'fastify'
import {
  completeTask,
  enableCaseTracking,
  fileReport,
  getCase,
  listCases,
  listTasks,
  revealReporter,
  transitionCase,
  withdrawConsent,
  type ReportInput,
} from '../../services/case.service.js'
import type { ServiceContext } from '../../services/context.js'
import { CASE_STATUSES, type CaseStatus } from '../../core/cases/case-status.js'
import { CONSENT_PURPOSES, FORM_NAME_FIELDS, SHAREABLE_PARTS } from '../../core/cases/case-forms.js'
import { requireActor } from '../session.plugin.js'
import { problemResponses } from '../schemas.js'

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const
const str = (maxLength: number) => ({ type: 'string', maxLength }) as const
const errors = problemResponses

// Types only here: the service checks content and names each field in its problems.
const reportBody = {
  type: 'object',
  additionalProperties: false,
  required: ['idempotencyKey', 'person', 'reporter', 'consent'],
  properties: {
    idempotencyKey: str(100),
    person: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(FORM_NAME_FIELDS.map((f) => [f, str(200)])),
    },
    sex: { type: 'string', enum: ['M', 'F'] },
    age: { type: 'integer', minimum: 0, maximum: 120 },
    birthDate: str(10),
    lastSeenDate: str(10),
    lastSeenPlace: str(300),
    detentionPlace: str(300),
    notes: str(4000),
    reporter: {
      type: 'object',
      additionalProperties: false,
      required: ['name', 'relation'],
      properties: { name: str(200), relation: str(100), phone: str(40), otherContact: str(300) },
    },
    consent: {
      type: 'object',
      additionalProperties: false,
      required: ['purposes', 'givenOn'],
      properties: {
        purposes: {
          type: 'array',
          maxItems: 3,
          items: { type: 'string', enum: [...CONSENT_PURPOSES] },
        },
        shareParts: {
          type: 'array',
          maxItems: 3,
          items: { type: 'string', enum: [...SHAREABLE_PARTS] },
        },
        shareWith: { type: 'array', maxItems: 50, items: str(100) },
        givenOn: str(10),
      },
    },
  },
} as const

export async function casesRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts
  // Reviewer decisions move the cases of the records they concern as soon as they are made.
  enableCaseTracking(ctx)

  app.post<{ Body: ReportInput }>(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: "File a family's report of a missing person (idempotent by idempotencyKey)",
        body: reportBody,
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const outcome = await fileReport(ctx, requireActor(request), request.body)
      return reply.status(outcome.alreadyFiled ? 200 : 201).send(outcome)
    },
  )

  app.get<{ Querystring: { status?: CaseStatus; limit?: number } }>(
    '/api/cases',
    {
      schema: {
        tags: ['cases'],
        summary: 'Cases of your organisation and those shared with it',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: [...CASE_STATUSES] },
            limit: { type: 'integer', minimum: 1, maximum: 1000 },
          },
        },
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => listCases(ctx, requireActor(request), request.query),
  )

  app.get<{ Params: { id: string } }>(
    '/api/cases/:id',
    {
      schema: {
        tags: ['cases'],
        summary: 'One case; the reporter is masked',
        params: idParams,
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => getCase(ctx, requireActor(request), request.params.id),
  )

  app.post<{ Params: { id: string } }>(
    '/api/cases/:id/reveal-reporter',
    {
      schema: {
        tags: ['cases'],
        summary: "The reporter's name and contact in clear (audited)",
        params: idParams,
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => revealReporter(ctx, requireActor(request), request.params.id),
  )

  app.post<{ Params: { id: string }; Body: { to: string; note?: string } }>(
    '/api/cases/:id/transitions',
    {
      schema: {
        tags: ['cases'],
        summary: 'Move a case (reviewers conclude matches; caseworkers close and reopen)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['to'],
          properties: { to: str(40), note: str(2000) },
        },
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => transitionCase(ctx, requireActor(request), request.params.id, request.body),
  )

  app.post<{ Params: { id: string }; Body: { purposes?: string[] } }>(
    '/api/cases/:id/consent/withdraw',
    {
      schema: {
        tags: ['cases'],
        summary: 'Withdraw consent for some purposes, or all (which ends sharing)',
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { purposes: { type: 'array', maxItems: 3, items: str(40) } },
        },
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) =>
      withdrawConsent(ctx, requireActor(request), request.params.id, request.body ?? {}),
  )

  app.get<{ Querystring: { status?: 'open' | 'done' } }>(
    '/api/tasks',
    {
      schema: {
        tags: ['cases'],
        summary: 'Tasks assigned to you or your role',
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { status: { type: 'string', enum: ['open', 'done'] } },
        },
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => listTasks(ctx, requireActor(request), request.query),
  )

  app.post<{ Params: { id: string } }>(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags: ['cases'],
        summary: 'Complete a task ("inform the family" moves its case to family_informed)',
        params: idParams,
        response: errors,
      },
      config: { access: 'authenticated' },
    },
    async (request) => completeTask(ctx, requireActor(request), request.params.id),
  )
}
