/**
 * Session lifetime rules (ASVS 7.3.1, 7.3.2): a session ends after an idle period and,
 * in any case, after an absolute lifetime. Times are passed in; core reads no clock.
 */
export interface SessionTimeouts {
  /** Minutes of inactivity after which the session ends. */
  idleMinutes: number
  /** Hours after login after which the session ends regardless of activity. */
  absoluteHours: number
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMinutes: 30, absoluteHours: 12 }

export type SessionState = 'active' | 'idle_expired' | 'expired'

/** Whether a session is still usable at `now`. */
export function sessionState(
  session: { lastSeenAt: Date; expiresAt: Date },
  now: Date,
  timeouts: SessionTimeouts,
): SessionState {
  if (now.getTime() >= session.expiresAt.getTime()) return 'expired'
  if (now.getTime() - session.lastSeenAt.getTime() >= timeouts.idleMinutes * 60_000) {
    return 'idle_expired'
  }
  return 'active'
}

/** When a session created at `createdAt` must end at the latest. */
export function absoluteExpiry(createdAt: Date, timeouts: SessionTimeouts): Date {
  return new Date(createdAt.getTime() + timeouts.absoluteHours * 3_600_000)
}
