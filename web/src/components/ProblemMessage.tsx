import type { Problem } from '../../../src/contract/auth.contract.js'
import { isMessageKey, type MessageKey } from '../i18n/messages.js'
import { useT } from '../i18n/useT.js'

/** The message for a problem, chosen by its code (errors.<code>), never the server's English title. */
export function problemMessageKey(problem: Problem): MessageKey {
  const byCode = `errors.${problem.code}`
  if (isMessageKey(byCode)) return byCode
  if (problem.status === 429) return 'errors.rate_limited'
  if (problem.status >= 500) return 'errors.internal'
  return 'errors.unknown'
}

/**
 * An always-present live region: screen readers announce the message when it appears
 * (a region inserted together with its text is often not announced).
 */
export function ProblemMessage({
  problem,
  messageKey,
  id,
}: {
  problem?: Problem | undefined
  /** A message to show instead of a problem's (e.g. "session ended"). */
  messageKey?: MessageKey | undefined
  id?: string
}) {
  const t = useT()
  const key = problem === undefined ? messageKey : problemMessageKey(problem)
  return (
    <div id={id} className="problem-region" role="alert" aria-live="assertive" aria-atomic="true">
      {key === undefined ? null : (
        <p className="problem" data-testid="problem" data-code={problem?.code}>
          {t(key)}
        </p>
      )}
    </div>
  )
}
