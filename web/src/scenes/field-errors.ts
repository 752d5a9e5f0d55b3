/**
 * Field errors of a validation problem, keyed by the form's field names. The server names
 * each field and a `reason` (src/core/cases/case-forms.ts); the reason picks a translated
 * message, and the server's own text is the fallback for a reason we do not know.
 */
import type { Problem } from '../../../src/contract/auth.contract.js'
import { isMessageKey, type MessageKey } from '../i18n/messages.js'

export type FieldError = { key: MessageKey } | { text: string }
export type FieldErrors = Record<string, FieldError>

/**
 * Reads `problem.errors` into one error per field. `aliases` moves an error about a group
 * (e.g. `names`: "at least one name") onto the input where it should be shown.
 */
export function readFieldErrors(
  problem: Problem | undefined,
  aliases: Record<string, string> = {},
): FieldErrors {
  const out: FieldErrors = {}
  for (const entry of problem?.errors ?? []) {
    const field = aliases[entry.field] ?? entry.field
    if (out[field] !== undefined) continue
    const reason = (entry as { reason?: unknown }).reason
    const key = typeof reason === 'string' ? `fieldError.${reason}` : ''
    out[field] = isMessageKey(key) ? { key } : { text: entry.message }
  }
  return out
}
