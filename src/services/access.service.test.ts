import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser, TEST_PASSWORD } from '../../test/support/factories.js'
import { addUser, disableUser, login, logout, resolveSession, listUsers } from './access.service.js'
import { DomainError } from '../core/errors.js'
import { findUserByUsername } from '../db/access.repository.js'

for (const dialect of DIALECTS) {
  describe(`access service (${dialect})`, () => {
    let ctx: TestContext
    before(async () => {
      ctx = await openTestContext(dialect)
    })
    after(async () => ctx.drop())

    it('stores passwords as argon2id with m=19456, t=2, p=1 (ASVS 5.0 appendix C)', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      const row = await findUserByUsername(ctx.handle.db, user.username)
      assert.ok(row)
      assert.match(row.password_hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
      assert.ok(!row.password_hash.includes(TEST_PASSWORD))
    })

    it('rejects weak passwords and bad usernames naming the field', async () => {
      const org = await buildOrganisation(ctx)
      await assert.rejects(
        addUser(ctx, undefined, {
          username: 'x',
          role: 'admin',
          organisationId: org.id,
          password: 'short',
        }),
        (e: unknown) =>
          e instanceof DomainError &&
          e.code === 'validation_failed' &&
          e.problems.some((p) => p.field === 'username') &&
          e.problems.some((p) => p.field === 'password'),
      )
      await assert.rejects(
        addUser(ctx, undefined, {
          username: 'someone',
          role: 'emperor',
          organisationId: org.id,
          password: TEST_PASSWORD,
        }),
        (e: unknown) => e instanceof DomainError && e.problems.some((p) => p.field === 'role'),
      )
    })

    it('logs in with a fresh 256-bit session id each time and resolves it', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id, role: 'reviewer' })
      const a = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      const b = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      assert.notEqual(a.sessionId, b.sessionId)
      assert.equal(Buffer.from(a.sessionId, 'base64url').length, 32)
      const s = await resolveSession(ctx, a.sessionId)
      assert.equal(s?.user.id, user.id)
      assert.equal(s?.actor.role, 'reviewer')
      assert.equal(s?.csrfToken, a.csrfToken)
      assert.equal(await resolveSession(ctx, 'not-a-session'), undefined)
    })

    it('gives the same answer for an unknown user and a wrong password', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id })
      const codes: string[] = []
      for (const attempt of [
        { username: user.username, password: 'wrong password!!' },
        { username: 'nobody-here', password: TEST_PASSWORD },
      ]) {
        try {
          await login(ctx, attempt)
        } catch (e) {
          assert.ok(e instanceof DomainError)
          codes.push(`${e.code}:${e.message}`)
        }
      }
      assert.equal(codes.length, 2)
      assert.equal(codes[0], codes[1])
    })

    it('locks a username after 5 failures within 15 minutes, then lets it in after the lock', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id })
      for (let i = 0; i < 5; i++) {
        await assert.rejects(
          login(ctx, { username: user.username, password: 'wrong password!!' }),
          { code: 'invalid_credentials' },
        )
      }
      await assert.rejects(login(ctx, { username: user.username, password: TEST_PASSWORD }), {
        code: 'rate_limited',
      })
      ctx.advance(16 * 60_000)
      const ok = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      assert.ok(ok.sessionId)
    })

    it('ends a session after 30 idle minutes and after 12 hours in any case', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id })
      const s1 = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      ctx.advance(29 * 60_000)
      assert.ok(await resolveSession(ctx, s1.sessionId), 'still active after 29 minutes')
      ctx.advance(31 * 60_000)
      assert.equal(await resolveSession(ctx, s1.sessionId), undefined, 'idle timeout')

      const s2 = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      for (let i = 0; i < 25; i++) {
        ctx.advance(29 * 60_000)
        if (!(await resolveSession(ctx, s2.sessionId))) break
      }
      assert.equal(await resolveSession(ctx, s2.sessionId), undefined, 'absolute timeout')
    })

    it('revokes every session of a disabled user and refuses new logins', async () => {
      const org = await buildOrganisation(ctx)
      const admin = await buildUser(ctx, { organisationId: org.id, role: 'admin' })
      const user = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      const s = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      await disableUser(
        ctx,
        { userId: admin.id, organisationId: org.id, role: 'admin' },
        user.username,
      )
      assert.equal(await resolveSession(ctx, s.sessionId), undefined)
      await assert.rejects(login(ctx, { username: user.username, password: TEST_PASSWORD }), {
        code: 'invalid_credentials',
      })
    })

    it('logout ends the session on the server', async () => {
      const org = await buildOrganisation(ctx)
      const user = await buildUser(ctx, { organisationId: org.id })
      const s = await login(ctx, { username: user.username, password: TEST_PASSWORD })
      await logout(ctx, s.sessionId, s.actor)
      assert.equal(await resolveSession(ctx, s.sessionId), undefined)
    })

    it('lets only admins manage users, and only in their own organisation', async () => {
      const org = await buildOrganisation(ctx)
      const other = await buildOrganisation(ctx)
      const admin = await buildUser(ctx, { organisationId: org.id, role: 'admin' })
      const coordinator = await buildUser(ctx, { organisationId: org.id, role: 'coordinator' })
      const actorAdmin = { userId: admin.id, organisationId: org.id, role: 'admin' as const }
      const actorCoord = {
        userId: coordinator.id,
        organisationId: org.id,
        role: 'coordinator' as const,
      }
      const created = await addUser(ctx, actorAdmin, {
        username: 'new-field',
        role: 'field_officer',
        organisationId: org.id,
        password: TEST_PASSWORD,
      })
      assert.equal(created.role, 'field_officer')
      await assert.rejects(
        addUser(ctx, actorCoord, {
          username: 'sneaky',
          role: 'admin',
          organisationId: org.id,
          password: TEST_PASSWORD,
        }),
        { code: 'forbidden' },
      )
      await assert.rejects(
        addUser(ctx, actorAdmin, {
          username: 'elsewhere',
          role: 'admin',
          organisationId: other.id,
          password: TEST_PASSWORD,
        }),
        { code: 'forbidden' },
      )
      const visible = await listUsers(ctx, actorAdmin)
      assert.ok(visible.every((u) => u.organisationId === org.id))
    })
  })
}
