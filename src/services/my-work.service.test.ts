import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { rejection } from '../../test/support/rejection.js'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import type { Actor } from '../core/access/policy.js'
import type { Role } from '../core/access/roles.js'
import { jpegWithGps } from '../core/persons/photo-fixtures.js'
import { listAuditFor } from './audit.service.js'
import { registerIntake } from './intake.service.js'
import { decidePair, runLinkage, whenLinkageIdle } from './linkage.service.js'
import { listMyDecisions, listMyIntakes } from './my-work.service.js'
import { importRecords } from './record.service.js'

// Synthetic accounts: one person in two sources, and an unrelated record.
const CSV =
  'record_id,first_name,father_name,family_name,birth_date,last_seen_place\n' +
  'a-1,سامر,خالد,النجار,1990,حلب\n' +
  'a-2,سامر,خالد,النجار,1990,حلب\n' +
  'b-1,ليلى,أحمد,العلي,1985,حمص\n'

for (const dialect of DIALECTS) {
  describe(`my intakes and my decisions (${dialect})`, () => {
    let ctx: TestContext
    const team = {} as Record<Role | 'second' | 'outsider', Actor>
    const ids: Record<string, string> = {}
    let named = { intakeId: '', recordId: '' }
    let unknown = { intakeId: '', recordId: '' }

    const recordIdOf = async (key: string): Promise<string> =>
      (
        await ctx.handle.db
          .selectFrom('person_record')
          .select('id')
          .where('record_key', '=', key)
          .executeTakeFirstOrThrow()
      ).id

    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      const other = await buildOrganisation(ctx)
      const actorOf = async (role: Role, organisationId = org.id): Promise<Actor> => ({
        userId: (await buildUser(ctx, { role, organisationId })).id,
        organisationId,
        role,
      })
      for (const role of [
        'coordinator',
        'reviewer',
        'caseworker',
        'field_officer',
        'viewer',
      ] as const) {
        team[role] = await actorOf(role)
      }
      team.second = await actorOf('field_officer')
      team.outsider = await actorOf('field_officer', other.id)
      await importRecords(ctx, team.coordinator, {
        bytes: Buffer.from(CSV),
        fileName: 'accounts.csv',
        sourceKind: 'ngo-list',
      })
      for (const key of ['a-1', 'a-2', 'b-1']) ids[key] = await recordIdOf(key)
      await runLinkage(ctx, team.coordinator, { seed: 3 })

      named = await registerIntake(ctx, team.field_officer, {
        idempotencyKey: randomUUID(),
        names: { first_name: 'Samer', family_name: 'al-Najjar' },
        healthUrgency: 'urgent',
        facilityText: 'Gate 2',
        zone: 'North yard',
        photo: { bytes: jpegWithGps(), mediaType: 'image/jpeg' },
      })
      ctx.advance(60_000)
      unknown = await registerIntake(ctx, team.field_officer, {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 40,
        sex: 'M',
        distinguishingMarks: 'scar on the left hand',
        healthUrgency: 'critical',
        facilityText: 'Gate 1',
      })
      ctx.advance(60_000)
      // Someone else's intakes are not in my list.
      await registerIntake(ctx, team.second, {
        idempotencyKey: randomUUID(),
        names: { first_name: 'Other' },
        healthUrgency: 'none',
        facilityText: 'Gate 3',
      })
      await registerIntake(ctx, team.outsider, {
        idempotencyKey: randomUUID(),
        names: { first_name: 'Outsider' },
        healthUrgency: 'none',
        facilityText: 'Gate 3',
      })
      await whenLinkageIdle(ctx)

      await decidePair(ctx, team.reviewer, {
        left: ids['a-1'] ?? '',
        right: ids['a-2'] ?? '',
        verdict: 'same',
        note: 'same father and birth year',
      })
      ctx.advance(60_000)
      await decidePair(ctx, team.reviewer, {
        left: ids['a-1'] ?? '',
        right: ids['b-1'] ?? '',
        verdict: 'not_same',
      })
      ctx.advance(60_000)
      await decidePair(ctx, team.reviewer, {
        left: ids['a-2'] ?? '',
        right: ids['b-1'] ?? '',
        verdict: 'unsure',
      })
    })
    after(async () => ctx.drop())

    it('lists only my own intakes, newest first, with name or description, urgency and photo', async () => {
      const mine = await listMyIntakes(ctx, team.field_officer)
      assert.deepEqual(
        mine.map((i) => i.intakeId),
        [unknown.intakeId, named.intakeId],
      )
      const [first, second] = mine
      assert.equal(first?.unidentified, true)
      assert.equal(first?.name, null)
      assert.equal(first?.approximateAge, 40)
      assert.equal(first?.sex, 'M')
      assert.equal(first?.distinguishingMarks, 'scar on the left hand')
      assert.equal(first?.healthUrgency, 'critical')
      assert.equal(first?.place, 'Gate 1')
      assert.equal(first?.hasPhoto, false)
      assert.equal(second?.name, 'Samer al-Najjar')
      assert.equal(second?.recordId, named.recordId)
      assert.equal(second?.healthUrgency, 'urgent')
      assert.equal(second?.zone, 'North yard')
      assert.equal(second?.hasPhoto, true)
      assert.equal(second?.registeredAt, '2026-01-15T10:00:00.000Z')
      // Incremental linkage has placed each intake record in a person.
      for (const item of mine) {
        const member = await ctx.handle.db
          .selectFrom('person_member')
          .select('person_id')
          .where('record_id', '=', item.recordId)
          .executeTakeFirst()
        assert.equal(item.personId, member?.person_id ?? null)
      }
      assert.equal((await listMyIntakes(ctx, team.second)).length, 1)
      assert.equal((await listMyIntakes(ctx, team.caseworker)).length, 0)
    })

    it('is audited as a read of my intakes', async () => {
      await listMyIntakes(ctx, team.field_officer)
      const entries = await listAuditFor(ctx, { action: 'intake.list_mine' })
      const mine = entries.filter((e) => e.actorUserId === team.field_officer.userId)
      assert.ok(mine.length > 0)
      assert.equal(mine.at(-1)?.objectId, team.field_officer.userId)
    })

    it('refuses my intakes to roles that do not register intakes, and audits the denial', async () => {
      for (const role of ['reviewer', 'viewer', 'coordinator'] as const) {
        assert.equal((await rejection(listMyIntakes(ctx, team[role]))).code, 'forbidden')
      }
      const denied = await listAuditFor(ctx, { action: 'intake.create' })
      assert.ok(denied.some((e) => e.actorUserId === team.viewer.userId && e.outcome === 'denied'))
    })

    it('lists my decisions newest first with names as written, note and the pair status now', async () => {
      const mine = await listMyDecisions(ctx, team.reviewer)
      assert.deepEqual(
        mine.map((d) => d.verdict),
        ['unsure', 'not_same', 'same'],
      )
      const same = mine[2]
      assert.equal(same?.note, 'same father and birth year')
      assert.equal(same?.status, 'confirmed_same')
      assert.deepEqual(
        [same?.left.name, same?.right.name],
        ['سامر خالد النجار', 'سامر خالد النجار'],
      )
      assert.ok(same?.left.personId)
      assert.equal(same?.left.personId, same?.right.personId, 'confirmed: one person')
      assert.equal(mine[1]?.status, 'confirmed_not_same')
      assert.equal(mine[0]?.status, 'unsure')
      assert.equal(mine[0]?.note, null)
      assert.equal(mine[0]?.decidedAt, '2026-01-15T10:04:00.000Z')
      const names = new Set(mine.flatMap((d) => [d.left.name, d.right.name]))
      assert.ok(names.has('ليلى أحمد العلي'))
    })

    it('shows the status after other reviewers decided too', async () => {
      const otherReviewer = {
        userId: (
          await buildUser(ctx, { role: 'reviewer', organisationId: team.reviewer.organisationId })
        ).id,
        organisationId: team.reviewer.organisationId,
        role: 'reviewer' as const,
      }
      ctx.advance(60_000)
      await decidePair(ctx, otherReviewer, {
        left: ids['a-2'] ?? '',
        right: ids['b-1'] ?? '',
        verdict: 'not_same',
      })
      const mine = await listMyDecisions(ctx, team.reviewer)
      assert.equal(mine.length, 3, 'only my decisions')
      assert.equal(mine[0]?.verdict, 'unsure')
      assert.equal(mine[0]?.status, 'confirmed_not_same')
      assert.equal((await listMyDecisions(ctx, otherReviewer)).length, 1)
    })

    it('is audited, and refused to those who do not review', async () => {
      await listMyDecisions(ctx, team.reviewer)
      const entries = await listAuditFor(ctx, { action: 'linkage.decisions_mine' })
      assert.ok(entries.some((e) => e.actorUserId === team.reviewer.userId))
      for (const role of ['field_officer', 'caseworker', 'viewer', 'coordinator'] as const) {
        assert.equal((await rejection(listMyDecisions(ctx, team[role]))).code, 'forbidden')
      }
    })
  })
}
