/** JSON schemas of shared response shapes, for validation and the OpenAPI document. */
export const problemSchema = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    code: { type: 'string' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          field: { type: 'string' },
          message: { type: 'string' },
          reason: { type: 'string' },
          row: { type: 'integer' },
          value: { type: 'string' },
        },
      },
    },
    details: { type: 'object', additionalProperties: true },
  },
} as const

/** What a route may answer besides its result: bad input, no session, refused, not found, conflict. */
export const problemResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
} as const

export const sessionUserSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    username: { type: 'string' },
    displayName: { type: 'string' },
    role: { type: 'string' },
    organisationId: { type: 'string' },
    organisationName: { type: 'string' },
  },
} as const

export const sessionResponseSchema = {
  type: 'object',
  properties: { user: sessionUserSchema, csrfToken: { type: 'string' } },
} as const
