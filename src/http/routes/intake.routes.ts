/** Registering freed and unidentified persons at the gates. */
import type { FastifyInstance } from 'fastify'
import {
  registerIntake,
  PHOTO_LIMIT_BYTES,
  type IntakeInput,
} from '../../services/intake.service.js'
import type { ServiceContext } from '../../services/context.js'
import { FORM_NAME_FIELDS, HEALTH_URGENCIES } from '../../core/cases/case-forms.js'
import { DomainError } from '../../core/errors.js'
import { requireActor } from '../session.plugin.js'
import { problemSchema } from '../schemas.js'

const str = (maxLength: number) => ({ type: 'string', maxLength }) as const

type IntakeBody = Omit<IntakeInput, 'photo'> & { photo?: { base64: string; mediaType: string } }

export async function intakeRoutes(
  app: FastifyInstance,
  opts: { ctx: ServiceContext },
): Promise<void> {
  const { ctx } = opts
  app.post<{ Body: IntakeBody }>(
    '/api/intakes',
    {
      // A base64 photo is 4/3 of its bytes; leave room for the rest of the form.
      bodyLimit: Math.ceil((PHOTO_LIMIT_BYTES * 4) / 3) + 64 * 1024,
      schema: {
        tags: ['intake'],
        summary: 'Register a freed or unidentified person (idempotent by idempotencyKey)',
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['idempotencyKey', 'healthUrgency'],
          properties: {
            idempotencyKey: str(100),
            unidentified: { type: 'boolean' },
            names: {
              type: 'object',
              additionalProperties: false,
              properties: Object.fromEntries(FORM_NAME_FIELDS.map((f) => [f, str(200)])),
            },
            approximateAge: { type: 'integer', minimum: 0, maximum: 120 },
            sex: { type: 'string', enum: ['M', 'F'] },
            distinguishingMarks: str(2000),
            language: str(60),
            healthUrgency: { type: 'string', enum: [...HEALTH_URGENCIES] },
            facilityPlaceId: str(100),
            facilityText: str(300),
            zone: str(200),
            photo: {
              type: 'object',
              additionalProperties: false,
              required: ['base64', 'mediaType'],
              properties: { base64: { type: 'string' }, mediaType: str(100) },
            },
            attachToRecordId: str(100),
          },
        },
        response: {
          400: problemSchema,
          401: problemSchema,
          403: problemSchema,
          413: problemSchema,
        },
      },
      config: { access: 'authenticated' },
    },
    async (request, reply) => {
      const { photo, ...rest } = request.body
      let bytes: Buffer | undefined
      if (photo) {
        bytes = Buffer.from(photo.base64, 'base64')
        if (bytes.length === 0) {
          throw new DomainError('validation_failed', 'The photo is empty or not base64.', [
            { field: 'photo', message: 'base64 of the image bytes', reason: 'invalid_value' },
          ])
        }
      }
      const outcome = await registerIntake(ctx, requireActor(request), {
        ...rest,
        ...(photo && bytes ? { photo: { bytes, mediaType: photo.mediaType } } : {}),
      })
      return reply.status(outcome.alreadyRegistered ? 200 : 201).send(outcome)
    },
  )
}
