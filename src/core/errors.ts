/**
 * Rule violations are thrown as a DomainError carrying a code from this closed list.
 * One table in src/http/errors.ts maps each code to an HTTP status; the CLI maps the
 * same codes to exit codes. Services never know HTTP.
 */
export const ERROR_CODES = [
  'validation_failed',
  'malformed_json',
  'payload_too_large',
  'unsupported_media_type',
  'unauthenticated',
  'invalid_credentials',
  'account_disabled',
  'forbidden',
  'csrf_failed',
  'rate_limited',
  'not_found',
  'conflict',
  'import_rejected',
  'query_rejected',
  'internal',
] as const

export type ErrorCode = (typeof ERROR_CODES)[number]

/** One problem with one field of the input (or one cell of an imported file). */
export interface FieldProblem {
  field: string
  message: string
  /** Stable reason code for translation, e.g. `invalid_date`. */
  reason?: string | undefined
  row?: number | undefined
  value?: string | undefined
}

/** A broken rule, an expected failure the caller can act on. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
    /** Returned to the caller as the problem's `details`: facts a screen can act on, never secrets. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message)
    this.name = 'DomainError'
  }
}

/** Thrown for bugs only, never for user input (VS Code's BugIndicatingError). */
export class BugError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BugError'
  }
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new BugError(message)
}
