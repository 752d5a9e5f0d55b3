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
  /** Linkage review bands: auto-link at or above `autoLink`, review at or above `review`. */
  linkage: { thresholds: { autoLink: number; review: number } }
  /**
   * Name searches per minute per user (anti-enumeration; the search route's default is 60).
   * Only the search benchmark raises it, to measure the server rather than the limiter.
   */
  searchRateLimit?: number | undefined
  /**
   * Search threads, each with its own copy of the name index (0: search in the server
   * thread). `athar serve --search-threads N` or ATHAR_SEARCH_THREADS.
   */
  searchThreads?: number | undefined
}

export const DEFAULT_CONFIG: AtharConfig = {
  sessionTimeouts: DEFAULT_SESSION_TIMEOUTS,
  loginThrottle: DEFAULT_THROTTLE,
  loginThrottlePerAddress: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
  argon2: { memoryCost: 19456, timeCost: 2, parallelism: 1 },
  linkage: { thresholds: { autoLink: 0.95, review: 0.5 } },
}

/** Configuration from the environment: ATHAR_AUTO_LINK and ATHAR_REVIEW_THRESHOLD (0..1). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): AtharConfig {
  const read = (name: string, fallback: number): number => {
    const raw = env[name]
    if (raw === undefined || raw === '') return fallback
    const v = Number(raw)
    if (!Number.isFinite(v) || v <= 0 || v >= 1) {
      throw new Error(`${name} must be a probability between 0 and 1, not "${raw}"`)
    }
    return v
  }
  const autoLink = read('ATHAR_AUTO_LINK', DEFAULT_CONFIG.linkage.thresholds.autoLink)
  const review = read('ATHAR_REVIEW_THRESHOLD', DEFAULT_CONFIG.linkage.thresholds.review)
  if (review >= autoLink) throw new Error('ATHAR_REVIEW_THRESHOLD must be below ATHAR_AUTO_LINK')
  const threads = env.ATHAR_SEARCH_THREADS
  // Unset: the caller decides (the library searches in its own thread, `athar serve` starts
  // SERVE_SEARCH_THREADS).
  const searchThreads = threads === undefined || threads === '' ? undefined : Number(threads)
  if (
    searchThreads !== undefined &&
    (!Number.isInteger(searchThreads) || searchThreads < 0 || searchThreads > 64)
  ) {
    throw new Error(`ATHAR_SEARCH_THREADS must be a whole number from 0 to 64, not "${threads}"`)
  }
  return { ...DEFAULT_CONFIG, linkage: { thresholds: { autoLink, review } }, searchThreads }
}

export interface ServiceContext {
  handle: DatabaseHandle
  clock: () => Date
  keys: KeyRing
  config: AtharConfig
}
