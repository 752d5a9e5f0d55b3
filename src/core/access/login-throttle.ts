/**
 * Login rate limiting (ASVS 6.3.1): after `maxFailures` failed logins within a window
 * for one key (a username, or a client address), that key is locked for `lockMinutes`.
 * The state is stored by the caller (in the database, so several server processes share it).
 */
export interface ThrottleConfig {
  maxFailures: number
  windowMinutes: number
  lockMinutes: number
}

export const DEFAULT_THROTTLE: ThrottleConfig = {
  maxFailures: 5,
  windowMinutes: 15,
  lockMinutes: 15,
}

export interface ThrottleState {
  failures: number
  windowStartedAt: Date
  lockedUntil: Date | undefined
}

/** Whether the key is locked at `now`. */
export function isLocked(state: ThrottleState | undefined, now: Date): boolean {
  return state?.lockedUntil !== undefined && now.getTime() < state.lockedUntil.getTime()
}

/** The state after one more failed attempt at `now`. */
export function recordFailure(
  state: ThrottleState | undefined,
  now: Date,
  config: ThrottleConfig,
): ThrottleState {
  const windowOpen =
    state !== undefined &&
    now.getTime() - state.windowStartedAt.getTime() < config.windowMinutes * 60_000
  const failures = windowOpen ? state.failures + 1 : 1
  const windowStartedAt = windowOpen ? state.windowStartedAt : now
  const lockedUntil =
    failures >= config.maxFailures
      ? new Date(now.getTime() + config.lockMinutes * 60_000)
      : undefined
  return { failures, windowStartedAt, lockedUntil }
}
