/** What every service needs: the database, a clock, keys and configuration. */
import type { DatabaseHandle } from '../db/connect.js'
import { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from '../core/access/session-rules.js'
import { DEFAULT_THROTTLE, type ThrottleConfig } from '../core/access/login-throttle.js'
import type { KeyRing } from './keys.js'

export interface AtharConfig {
  sessionTimeouts: SessionTimeouts
  loginThrottle: ThrottleConfig
  /** Per-IP throttle is looser than per-username: many users can share one gateway. */
  loginThrottlePerAddress: ThrottleConfig
  /** argon2id cost; fixed by ASVS 5.0 appendix C (m=19456 KiB, t=2, p=1). */
  argon2: { memoryCost: number; timeCost: number; parallelism: number }
}

export const DEFAULT_CONFIG: AtharConfig = {
  sessionTimeouts: DEFAULT_SESSION_TIMEOUTS,
  loginThrottle: DEFAULT_THROTTLE,
  loginThrottlePerAddress: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
  argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
}

export interface ServiceContext {
  handle: DatabaseHandle
  clock: () => Date
  keys: KeyRing
  config: AtharConfig
}
