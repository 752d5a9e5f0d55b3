/**
 * Accounts and sessions: organisations, users, login/logout, session resolution.
 * Sessions are server-side rows keyed by the SHA-256 of a 256-bit random id that lives
 * only in the user's cookie (ASVS 7.2.3); a new id at every login (7.2.4); idle and
 * absolute timeouts (7.3.1, 7.3.2); all sessions end when an account is disabled (7.4.2).
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto'
import { hash as argonHash, verify as argonVerify } from '@node-rs/argon2'
import * as repo from '../db/access.repository.js'
import type { AppUserRow } from '../db/database.js'
import type { Actor } from '../core/access/policy.js'
import { isRole, type Role } from '../core/access/roles.js'
import { checkPassword } from '../core/access/password-policy.js'
import { absoluteExpiry, sessionState } from '../core/access/session-rules.js'
import {
  isLocked,
  recordFailure,
  type ThrottleConfig,
  type ThrottleState,
} from '../core/access/login-throttle.js'
import { DomainError } from '../core/errors.js'
import { appendAudit, recordAudit } from './audit.service.js'
import { authorize } from './authorize.js'
import type { ServiceContext } from './context.js'

// argon2id variant id in @node-rs/argon2 (its Algorithm enum is a const enum).
const ARGON2ID = 2

export interface Organisation {
  id: string
  name: string
}

export interface User {
  id: string
  username: string
  displayName: string
  role: Role
  organisationId: string
  disabled: boolean
  createdAt: string
}

export interface SessionInfo {
  actor: Actor
  user: User
  organisationName: string
  csrfToken: string
}

export interface LoginResult extends SessionInfo {
  /** The session id for the cookie; never stored in clear. */
  sessionId: string
}

export async function hashPassword(ctx: ServiceContext, password: string): Promise<string> {
  return argonHash(password, { algorithm: ARGON2ID, ...ctx.config.argon2 })
}

function toUser(row: AppUserRow): User {
  if (!isRole(row.role)) throw new DomainError('internal', `unknown role stored for user ${row.id}`)
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  }
}

export function hashSessionId(sessionId: string): string {
  return createHash('sha256').update(sessionId, 'utf8').digest('hex')
}

/** Create an organisation. Bootstrap (no actor) is allowed only for the CLI and demo. */
export async function createOrganisation(
  ctx: ServiceContext,
  actor: Actor | undefined,
  name: string,
): Promise<Organisation> {
  if (actor) await authorize(ctx, actor, 'user.manage')
  const trimmed = name.trim()
  if (trimmed === '') {
    throw new DomainError('validation_failed', 'An organisation needs a name.', [
      { field: 'name', message: 'required' },
    ])
  }
  if (await repo.findOrganisationByName(ctx.handle.db, trimmed)) {
    throw new DomainError('conflict', `An organisation named "${trimmed}" already exists.`, [
      { field: 'name', message: 'already exists' },
    ])
  }
  const org = { id: randomUUID(), name: trimmed, created_at: ctx.clock().toISOString() }
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.insertOrganisation(trx, org)
    await appendAudit(ctx, trx, actor, {
      action: 'organisation.create',
      objectType: 'organisation',
      objectId: org.id,
    })
  })
  return { id: org.id, name: org.name }
}

export async function findOrCreateOrganisation(
  ctx: ServiceContext,
  name: string,
): Promise<Organisation> {
  const existing = await repo.findOrganisationByName(ctx.handle.db, name.trim())
  return existing
    ? { id: existing.id, name: existing.name }
    : createOrganisation(ctx, undefined, name)
}

export interface NewUser {
  username: string
  displayName?: string | undefined
  role: string
  organisationId: string
  password: string
}

const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,62}$/

/** Add a user. `actor` undefined = bootstrap from the CLI by the machine's operator. */
export async function addUser(
  ctx: ServiceContext,
  actor: Actor | undefined,
  input: NewUser,
): Promise<User> {
  if (actor) {
    await authorize(ctx, actor, 'user.manage', {
      organisationId: input.organisationId,
      type: 'organisation',
      id: input.organisationId,
    })
  }
  const username = input.username.trim().toLowerCase()
  const problems = []
  if (!USERNAME_RE.test(username)) {
    problems.push({
      field: 'username',
      message: 'use 2–63 lower-case letters, digits, dot, dash or underscore',
    })
  }
  if (!isRole(input.role)) problems.push({ field: 'role', message: `unknown role "${input.role}"` })
  const pw = checkPassword(input.password, username)
  if (pw) {
    problems.push({ field: 'password', message: pw.replaceAll('_', ' '), reason: `password_${pw}` })
  }
  if (problems.length > 0) {
    throw new DomainError('validation_failed', 'The new user is not valid.', problems)
  }
  if (!(await repo.findOrganisationById(ctx.handle.db, input.organisationId))) {
    throw new DomainError('not_found', 'No such organisation.', [
      { field: 'organisationId', message: 'not found' },
    ])
  }
  if (await repo.findUserByUsername(ctx.handle.db, username)) {
    throw new DomainError('conflict', `The username "${username}" is taken.`, [
      { field: 'username', message: 'already taken' },
    ])
  }
  const passwordHash = await hashPassword(ctx, input.password)
  const row = {
    id: randomUUID(),
    organisation_id: input.organisationId,
    username,
    display_name: input.displayName?.trim() || username,
    role: input.role,
    password_hash: passwordHash,
    disabled: 0,
    created_at: ctx.clock().toISOString(),
    disabled_at: null,
  }
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.insertUser(trx, row)
    await appendAudit(ctx, trx, actor, {
      action: 'user.create',
      objectType: 'user',
      objectId: row.id,
      details: { role: row.role },
    })
  })
  return toUser(row)
}

/** Disable a user and end all their sessions at once. */
export async function disableUser(
  ctx: ServiceContext,
  actor: Actor | undefined,
  username: string,
): Promise<User> {
  const row = await repo.findUserByUsername(ctx.handle.db, username.trim().toLowerCase())
  if (!row) throw new DomainError('not_found', `No user "${username}".`)
  if (actor) {
    await authorize(ctx, actor, 'user.manage', {
      organisationId: row.organisation_id,
      type: 'user',
      id: row.id,
    })
  }
  if (actor && actor.userId === row.id) {
    throw new DomainError('conflict', 'You cannot disable your own account.')
  }
  const at = ctx.clock().toISOString()
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.setUserDisabled(trx, row.id, at)
    const ended = await repo.deleteSessionsOfUser(trx, row.id)
    await appendAudit(ctx, trx, actor, {
      action: 'user.disable',
      objectType: 'user',
      objectId: row.id,
      details: { sessionsEnded: ended },
    })
  })
  return { ...toUser(row), disabled: true }
}

export async function listUsers(ctx: ServiceContext, actor: Actor | undefined): Promise<User[]> {
  if (actor) {
    await authorize(ctx, actor, 'user.list', { organisationId: actor.organisationId })
    return (await repo.listUsers(ctx.handle.db, actor.organisationId)).map(toUser)
  }
  return (await repo.listUsers(ctx.handle.db)).map(toUser)
}

export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  return (await repo.listOrganisations(ctx.handle.db)).map((o) => ({ id: o.id, name: o.name }))
}

// Verifying against a fixed dummy hash when the user does not exist keeps the timing of
// "no such user" and "wrong password" alike (ASVS 6.3.8, no user enumeration).
let dummyHash: string | undefined
async function verifyDummy(ctx: ServiceContext, password: string): Promise<void> {
  dummyHash ??= await hashPassword(ctx, 'athar-dummy-password-for-timing')
  await argonVerify(dummyHash, password)
}

function throttleFromRow(row: repo.ThrottleRow | undefined): ThrottleState | undefined {
  return row
    ? {
        failures: row.failures,
        windowStartedAt: new Date(row.window_started_at),
        lockedUntil: row.locked_until ? new Date(row.locked_until) : undefined,
      }
    : undefined
}

async function noteFailure(
  ctx: ServiceContext,
  key: string,
  config: ThrottleConfig,
): Promise<void> {
  const now = ctx.clock()
  const next = recordFailure(
    throttleFromRow(await repo.findThrottle(ctx.handle.db, key)),
    now,
    config,
  )
  await repo.saveThrottle(ctx.handle.db, {
    key,
    failures: next.failures,
    window_started_at: next.windowStartedAt.toISOString(),
    locked_until: next.lockedUntil?.toISOString() ?? null,
  })
}

export interface LoginInput {
  username: string
  password: string
  ip?: string | undefined
  userAgent?: string | undefined
}

/** Check credentials and open a new session. One message for every kind of failure. */
export async function login(ctx: ServiceContext, input: LoginInput): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase()
  const userKey = `user:${username}`
  const addressKey = `ip:${input.ip ?? 'unknown'}`
  const now = ctx.clock()
  for (const key of [userKey, addressKey]) {
    if (isLocked(throttleFromRow(await repo.findThrottle(ctx.handle.db, key)), now)) {
      await recordAudit(ctx, undefined, {
        action: 'auth.login',
        objectType: 'user',
        objectId: null,
        outcome: 'denied',
        details: { reason: 'rate_limited' },
      })
      throw new DomainError(
        'rate_limited',
        'Too many failed attempts. Wait 15 minutes and try again.',
      )
    }
  }
  const row = await repo.findUserByUsername(ctx.handle.db, username)
  const valid = row
    ? await argonVerify(row.password_hash, input.password)
    : (await verifyDummy(ctx, input.password), false)
  if (!row || !valid || row.disabled === 1) {
    await noteFailure(ctx, userKey, ctx.config.loginThrottle)
    await noteFailure(ctx, addressKey, ctx.config.loginThrottlePerAddress)
    await recordAudit(
      ctx,
      row ? { userId: row.id, organisationId: row.organisation_id } : undefined,
      {
        action: 'auth.login',
        objectType: 'user',
        objectId: row?.id ?? null,
        outcome: 'failure',
        details: {
          reason: !row ? 'unknown_user' : row.disabled === 1 ? 'disabled' : 'wrong_password',
        },
      },
    )
    throw new DomainError('invalid_credentials', 'Wrong username or password.')
  }
  const user = toUser(row)
  const org = await repo.findOrganisationById(ctx.handle.db, user.organisationId)
  const sessionId = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(32).toString('base64url')
  const at = now.toISOString()
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.clearThrottle(trx, userKey)
    await repo.insertSession(trx, {
      id_hash: hashSessionId(sessionId),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: absoluteExpiry(now, ctx.config.sessionTimeouts).toISOString(),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    await appendAudit(
      ctx,
      trx,
      { userId: user.id, organisationId: user.organisationId },
      { action: 'auth.login', objectType: 'user', objectId: user.id },
    )
  })
  return {
    sessionId,
    csrfToken,
    user,
    organisationName: org?.name ?? '',
    actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
  }
}

/** Resolve a session id from a cookie; undefined when absent, expired or revoked. */
export async function resolveSession(
  ctx: ServiceContext,
  sessionId: string,
): Promise<SessionInfo | undefined> {
  const idHash = hashSessionId(sessionId)
  // Session, user and organisation in one statement: this runs on every request.
  const found = await repo.findSessionWithUser(ctx.handle.db, idHash)
  if (!found) return undefined
  const { session, user: row, organisationName } = found
  const now = ctx.clock()
  const state = sessionState(
    { lastSeenAt: new Date(session.last_seen_at), expiresAt: new Date(session.expires_at) },
    now,
    ctx.config.sessionTimeouts,
  )
  if (state !== 'active') {
    await repo.deleteSession(ctx.handle.db, idHash)
    return undefined
  }
  if (!row || row.disabled === 1) {
    await repo.deleteSession(ctx.handle.db, idHash)
    return undefined
  }
  // Touch at most once a minute: an idle timer does not need a write per request.
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    await repo.touchSession(ctx.handle.db, idHash, now.toISOString())
  }
  const user = toUser(row)
  return {
    user,
    organisationName,
    csrfToken: session.csrf_token,
    actor: { userId: user.id, organisationId: user.organisationId, role: user.role },
  }
}

/** End a session (logout). */
export async function logout(ctx: ServiceContext, sessionId: string, actor: Actor): Promise<void> {
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, hashSessionId(sessionId))
    await appendAudit(ctx, trx, actor, {
      action: 'auth.logout',
      objectType: 'user',
      objectId: actor.userId,
    })
  })
}

/**
 * The actor for a CLI command run by the machine's operator on behalf of a named user
 * (the operator already holds the database; the user's role still bounds what is done).
 */
export async function actAsUser(ctx: ServiceContext, username: string): Promise<Actor> {
  const row = await repo.findUserByUsername(ctx.handle.db, username.trim().toLowerCase())
  if (!row) {
    throw new DomainError(
      'not_found',
      `No user "${username}". Create one with: athar user add ${username} --role ... --org ...`,
    )
  }
  if (row.disabled === 1) {
    throw new DomainError('account_disabled', `The user "${username}" is disabled.`)
  }
  const user = toUser(row)
  return { userId: user.id, organisationId: user.organisationId, role: user.role }
}
