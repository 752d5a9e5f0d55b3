/** The CLI's side of the one error table: domain codes to exit codes (sysexits.h). */
import { DomainError, type ErrorCode } from '../core/errors.js'
import { CliError } from './cli-error.js'

export const EXIT_CODES: Record<ErrorCode, number> = {
  validation_failed: 65,
  malformed_json: 65,
  payload_too_large: 65,
  unsupported_media_type: 65,
  import_rejected: 65,
  query_rejected: 64,
  unauthenticated: 77,
  invalid_credentials: 77,
  account_disabled: 77,
  forbidden: 77,
  csrf_failed: 77,
  rate_limited: 75,
  not_found: 66,
  conflict: 73,
  internal: 70,
}

/** Turn a domain error into a one-line CLI failure. */
export function toCliError(error: unknown): unknown {
  if (error instanceof DomainError) {
    const details = error.problems
      .map((p) => `${p.row !== undefined ? `row ${p.row}, ` : ''}${p.field}: ${p.message}`)
      .join('; ')
    return new CliError(
      details ? `${error.message} (${details})` : error.message,
      EXIT_CODES[error.code],
    )
  }
  return error
}
