/**
 * One table from domain error codes to HTTP, and the handler that turns every failure
 * into RFC 9457 problem details with a stable `code` — never a stack trace.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { DomainError, type ErrorCode, type FieldProblem } from '../core/errors.js'
import type { Problem } from '../contract/auth.contract.js'

export const HTTP_STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  malformed_json: 400,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  invalid_credentials: 401,
  account_disabled: 403,
  forbidden: 403,
  csrf_failed: 403,
  rate_limited: 429,
  not_found: 404,
  conflict: 409,
  import_rejected: 422,
  query_rejected: 400,
  internal: 500,
}

const TITLES: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Unsupported content type',
  unauthenticated: 'Sign in first',
  invalid_credentials: 'Wrong username or password',
  account_disabled: 'This account is disabled',
  forbidden: 'Not allowed',
  csrf_failed: 'The request did not come from Athar (CSRF check failed)',
  rate_limited: 'Too many requests',
  not_found: 'Not found',
  conflict: 'Conflict',
  import_rejected: 'The file was not imported',
  query_rejected: 'The query was refused',
  internal: 'Something went wrong on our side',
}

export function problemOf(
  code: ErrorCode,
  detail?: string,
  errors?: readonly FieldProblem[],
  details?: Readonly<Record<string, unknown>>,
): Problem {
  const p: Problem = {
    type: `https://athar.invalid/problems/${code}`,
    title: TITLES[code],
    status: HTTP_STATUS[code],
    code,
  }
  if (detail !== undefined) p.detail = detail
  if (errors && errors.length > 0) p.errors = errors.map((e) => ({ ...e }))
  if (details && Object.keys(details).length > 0) p.details = { ...details }
  return p
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply
    .status(problem.status)
    .type('application/problem+json')
    .header('cache-control', 'no-store')
    .send(problem)
}

interface AjvErrorLike {
  instancePath?: string
  message?: string
  keyword?: string
  params?: Record<string, unknown>
}

/** Name the field an ajv error is about, as a dotted path a person can find. */
function fieldOf(e: AjvErrorLike, part: string | undefined): string {
  const base = (e.instancePath ?? '').replace(/^\//, '').replaceAll('/', '.')
  const extra =
    typeof e.params?.missingProperty === 'string'
      ? e.params.missingProperty
      : typeof e.params?.additionalProperty === 'string'
        ? e.params.additionalProperty
        : ''
  const path = [base, extra].filter((s) => s !== '').join('.')
  return path !== '' ? path : (part ?? 'body')
}

function messageOf(e: AjvErrorLike): string {
  if (e.keyword === 'additionalProperties') return 'is not a known field'
  if (e.keyword === 'required') return 'is required'
  return e.message ?? 'is not valid'
}

/** Map any thrown error to a problem. */
export function toProblem(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof DomainError) {
    return problemOf(error.code, error.message, error.problems, error.details)
  }
  const fe = error as Partial<FastifyError> & {
    validation?: AjvErrorLike[]
    validationContext?: string
  }
  if (Array.isArray(fe.validation)) {
    const errors = fe.validation.map((e) => ({
      field: fieldOf(e, fe.validationContext),
      message: messageOf(e),
    }))
    return problemOf(
      'validation_failed',
      errors.map((e) => `${e.field} ${e.message}`).join('; '),
      errors,
    )
  }
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problemOf(
        'malformed_json',
        fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY'
          ? 'The body is empty; send a JSON object.'
          : 'The body could not be parsed as JSON.',
      )
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problemOf('payload_too_large', 'The body is larger than this endpoint accepts.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problemOf(
        'unsupported_media_type',
        `Content type ${request.headers['content-type'] ?? '(none)'} is not accepted here.`,
      )
    case 'FST_ERR_RATE_LIMIT':
      return problemOf('rate_limited', 'Slow down and try again in a minute.')
    case undefined:
    default:
      break
  }
  if (error instanceof SyntaxError && fe.statusCode === 400) {
    return problemOf('malformed_json', 'The body could not be parsed as JSON.')
  }
  if (fe.statusCode === 429) {
    return problemOf('rate_limited', 'Slow down and try again in a minute.')
  }
  if (fe.statusCode === 413) {
    return problemOf('payload_too_large', 'The body is larger than this endpoint accepts.')
  }
  if (fe.statusCode === 415) {
    return problemOf('unsupported_media_type', 'This content type is not accepted here.')
  }
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) {
    return { ...problemOf('validation_failed', fe.message ?? 'Bad request'), status: fe.statusCode }
  }
  return problemOf('internal', `Reference ${request.id}.`)
}
