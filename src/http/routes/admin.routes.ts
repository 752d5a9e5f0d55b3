/** Users of the admin's organisation, and verification of the audit chain. */
import type { FastifyInstance } from 'fastify'
import { addUser, disableUser, listUsers } from '../../services/access.service.js'
import { verifyAuditChain } from '../../services/audit.service.js'
import { authorize } from '../../services/authorize.js'
import type { ServiceContext } from '../../services/context.js'
import { ROLES } from '../../core/access/roles.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    organisationId: { type: 'string' },
    disabled: { type: 'boolean' },
    createdAt: { type: 'string' },
  },
} as const

interface NewUserBody {
  username: string
  displayName?: string
  role: string
  password: string
}

export async function adminRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Users of your organisation',
        response: {
          200: { type: 'array', items: userSchema },
          401: problemSchema,
          403: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => listUsers(ctx, requireActor(request)),
  )

  app.post<{ Body: NewUserBody }>(
    '/api/users',
    {
      schema: {
        tags: ['admin'],
        summary: 'Add a user to your organisation',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['username', 'role', 'password'],
          properties: {
            username: { type: 'string', minLength: 2, maxLength: 63 },
            displayName: { type: 'string', maxLength: 200 },
            role: { type: 'string', enum: [...ROLES] },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
        },
        response: {
          201: userSchema,
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          409: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const actor = requireActor(request)
      const user = await addUser(ctx, actor, {
        ...request.body,
        organisationId: actor.organisationId,
      })
      return reply.status(201).send(user)
    },
  )

  app.post<{ Params: { username: string } }>(
    '/api/users/:username/disable',
    {
      schema: {
        tags: ['admin'],
        summary: 'Disable a user and end all their sessions',
        params: {
          type: 'object',
          required: ['username'],
          properties: { username: { type: 'string', minLength: 1, maxLength: 63 } },
        },
        response: { 200: userSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema },
      },
      config: { access: 'authenticated' },
    },
    async (request) => disableUser(ctx, requireActor(request), request.params.username),
  )

  app.post(
    '/api/audit/verify',
    {
      schema: {
        tags: ['admin'],
        summary: 'Walk the audit chain and report the first broken link',
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              entriesChecked: { type: 'integer' },
              firstBrokenSeq: { type: 'integer' },
              reason: { type: 'string' },
              message: { type: 'string' },
            },
          },
          401: problemSchema,
          403: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request) => {
      const actor = requireActor(request)
      await authorize(ctx, actor, 'audit.verify')
      return verifyAuditChain(ctx)
    },
  )
}
