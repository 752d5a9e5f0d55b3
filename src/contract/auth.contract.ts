/**
 * HTTP contract for authentication, shared by the server (validation) and the web app.
 * Cookie-authenticated writes must carry the CSRF token in the `x-csrf-token` header.
 */
import type { Role } from '../core/access/roles.js'

export type { Role }

export interface LoginRequest {
  username: string
  password: string
}

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: Role
  organisationId: string
  organisationName: string
}

/** Answer of POST /api/auth/login and GET /api/auth/session. */
export interface SessionResponse {
  user: SessionUser
  /** Send back as the `x-csrf-token` header on every POST/PUT/PATCH/DELETE. */
  csrfToken: string
}

/** RFC 9457 problem details, as every error of the API is returned. */
export interface Problem {
  type: string
  title: string
  status: number
  code: string
  detail?: string
  /** For validation errors: which field, and why. */
  errors?: Array<{ field: string; message: string }>
  /** Structured facts a screen can act on (e.g. the decisions a verdict contradicts). */
  details?: Record<string, unknown>
}

export const CSRF_HEADER = 'x-csrf-token'

export const loginRequestSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['username', 'password'],
  properties: {
    username: { type: 'string', minLength: 1, maxLength: 100 },
    password: { type: 'string', minLength: 1, maxLength: 1024 },
  },
} as const
