import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { rejection } from '../../test/support/rejection.js'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import type { Actor } from '../core/access/policy.js'
import type { Role } from '../core/access/roles.js'
import { PLAIN_JPEG_BASE64 } from '../core/persons/photo-fixtures.js'
import {
  completeTask,
  fileReport,
  getCase,
  listCases,
  listTasks,
  revealReporter,
  transitionCase,
  withdrawConsent,
  MASK,
  type ReportInput,
} from './case.service.js'
import { registerIntake } from './intake.service.js'
import { cleanPhoto } from './media.service.js'
import { getDashboard } from './dashboard.service.js'
import { decidePair, nextPairsForReview, whenLinkageIdle } from './linkage.service.js'
import { importRecords } from './record.service.js'
import { listAuditFor, verifyAuditChain } from './audit.service.js'

// Synthetic people and contacts only.
const report = (overrides: Partial<ReportInput> = {}): ReportInput => ({
  idempotencyKey: randomUUID(),
  person: { first_name: 'سامر', father_name: 'خالد', family_name: 'النجار' },
  sex: 'M',
  age: 31,
  lastSeenDate: '2019-03',
  reporter: {
    name: 'Reporter Synthetic',
    relation: 'sister',
    phone: '+963 999 000 111',
    otherContact: 'signal:synthetic-handle',
  },
  consent: { purposes: ['tracing'], givenOn: '2026-01-10' },
  ...overrides,
})

for (const dialect of DIALECTS) {
  describe(`cases, intake and dashboard (${dialect})`, () => {
    let ctx: TestContext
    const team = {} as Record<Role | 'reviewer2' | 'outsider' | 'partner', Actor>
    let partnerOrg = ''

    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      const other = await buildOrganisation(ctx)
      const partner = await buildOrganisation(ctx)
      partnerOrg = partner.id
      const make = async (role: Role, organisationId: string): Promise<Actor> => ({
        userId: (await buildUser(ctx, { role, organisationId })).id,
        organisationId,
        role,
      })
      for (const role of [
        'caseworker',
        'field_officer',
        'reviewer',
        'viewer',
        'coordinator',
        'investigator',
      ] as const) {
        team[role] = await make(role, org.id)
      }
      team.reviewer2 = await make('reviewer', org.id)
      team.outsider = await make('caseworker', other.id)
      team.partner = await make('caseworker', partner.id)
    })
    after(async () => {
      await whenLinkageIdle(ctx)
      await ctx.drop()
    })

    it('stores the reporter encrypted, masks it on read, reveals it to caseworkers only, auditing each reveal', async () => {
      const filed = await fileReport(ctx, team.caseworker, report())
      const raw = await ctx.handle.db
        .selectFrom('case_file')
        .selectAll()
        .where('id', '=', filed.caseId)
        .executeTakeFirstOrThrow()
      const rawText = JSON.stringify(raw)
      for (const plain of ['Reporter Synthetic', 'sister', '999 000 111', 'synthetic-handle']) {
        assert.ok(!rawText.includes(plain), `raw row holds "${plain}"`)
      }
      assert.match(raw.reporter_name, /^v1\./)

      const seen = await getCase(ctx, team.caseworker, filed.caseId)
      assert.deepEqual(seen.reporter, {
        name: MASK,
        relation: MASK,
        phone: MASK,
        otherContact: MASK,
        masked: true,
      })
      assert.equal(seen.person?.first_name, 'سامر')
      assert.equal(seen.status, 'open')

      const revealed = await revealReporter(ctx, team.caseworker, filed.caseId)
      assert.equal(revealed.name, 'Reporter Synthetic')
      assert.equal(revealed.phone, '+963 999 000 111')
      await revealReporter(ctx, team.caseworker, filed.caseId)
      const reveals = await listAuditFor(ctx, {
        objectType: 'case',
        objectId: filed.caseId,
        action: 'case.reveal_contact',
      })
      assert.equal(reveals.filter((r) => r.outcome === 'success').length, 2)

      for (const who of [team.field_officer, team.reviewer, team.investigator, team.viewer]) {
        assert.equal(
          (await rejection(revealReporter(ctx, who, filed.caseId))).code,
          'forbidden',
          who.role,
        )
      }
      const denied = await listAuditFor(ctx, {
        objectType: 'case',
        objectId: filed.caseId,
        action: 'case.reveal_contact',
      })
      assert.equal(denied.filter((r) => r.outcome === 'denied').length, 4)
    })

    it('keeps names of cases from viewers and field officers, and cases from other organisations unless shared', async () => {
      const filed = await fileReport(ctx, team.caseworker, report())
      for (const who of [team.viewer, team.field_officer]) {
        assert.equal((await rejection(getCase(ctx, who, filed.caseId))).code, 'forbidden')
        assert.equal((await rejection(listCases(ctx, who))).code, 'forbidden')
      }
      assert.equal((await rejection(getCase(ctx, team.outsider, filed.caseId))).code, 'not_found')
      assert.ok(!(await listCases(ctx, team.outsider)).some((c) => c.id === filed.caseId))
      assert.ok(
        (await listCases(ctx, team.caseworker)).some(
          (c) => c.id === filed.caseId && c.personName !== null,
        ),
      )

      const shared = await fileReport(
        ctx,
        team.caseworker,
        report({
          consent: {
            purposes: ['tracing', 'identification'],
            shareParts: ['person'],
            shareWith: [partnerOrg],
            givenOn: '2026-01-11',
          },
        }),
      )
      assert.ok((await listCases(ctx, team.partner)).some((c) => c.id === shared.caseId))
      const partnerView = await getCase(ctx, team.partner, shared.caseId)
      assert.equal(partnerView.reporter.masked, true)
      // Sharing never extends to the reporter's contact: revealing is own organisation only.
      assert.equal(
        (await rejection(revealReporter(ctx, team.partner, shared.caseId))).code,
        'forbidden',
      )
      // Withdrawing every purpose ends the sharing.
      const consent = await withdrawConsent(ctx, team.caseworker, shared.caseId)
      assert.deepEqual(consent.purposes, [])
      assert.equal((await rejection(getCase(ctx, team.partner, shared.caseId))).code, 'not_found')
    })

    it('follows the engine and a reviewer: possible match, confirmed alive, task, family informed', async () => {
      const filed = await fileReport(ctx, team.caseworker, report())
      const intake = await registerIntake(ctx, team.field_officer, {
        idempotencyKey: randomUUID(),
        names: { first_name: 'سامر', family_name: 'النجار' },
        healthUrgency: 'urgent',
        facilityText: 'Gate 2, synthetic facility',
      })
      // The engine proposes the pair (as a run or the incremental linker stores it). The
      // stand-in run has no model: background linking of the records just stored must be
      // done before it exists, or it would try to score with it (seen once in CI).
      await whenLinkageIdle(ctx)
      const runId = randomUUID()
      const at = ctx.clock().toISOString()
      await ctx.handle.db
        .insertInto('linkage_run')
        .values({
          id: runId,
          organisation_id: team.caseworker.organisationId,
          job_id: null,
          status: 'succeeded',
          model: null,
          model_version: 1,
          auto_link_threshold: 0.95,
          review_threshold: 0.5,
          max_sensitivity: 'sensitive',
          record_count: 2,
          candidate_count: 1,
          stored_pair_count: 1,
          auto_link_count: 0,
          review_count: 1,
          person_count: 2,
          started_by: team.coordinator.userId,
          started_at: at,
          finished_at: at,
        })
        .execute()
      const [left, right] = [filed.recordId, intake.recordId].sort() as [string, string]
      await ctx.handle.db
        .insertInto('candidate_pair')
        .values({
          run_id: runId,
          organisation_id: team.caseworker.organisationId,
          left_id: left,
          right_id: right,
          probability: 0.8,
          weight: 2,
          band: 'review',
          sensitive: 0,
          origin: 'run',
          contributions: '{}',
          created_at: at,
        })
        .execute()
      assert.equal((await getDashboard(ctx, team.viewer)).unreviewedPairs, 1)
      assert.equal((await getCase(ctx, team.caseworker, filed.caseId)).status, 'possible_match')

      // A caseworker cannot confirm, nor announce to the family by a status change.
      assert.equal(
        (
          await rejection(
            transitionCase(ctx, team.caseworker, filed.caseId, { to: 'confirmed_alive' }),
          )
        ).code,
        'forbidden',
      )
      assert.equal(
        (
          await rejection(
            transitionCase(ctx, team.caseworker, filed.caseId, { to: 'family_informed' }),
          )
        ).code,
        'conflict',
      )

      await decidePair(ctx, team.reviewer, {
        left: filed.recordId,
        right: intake.recordId,
        verdict: 'same',
      })
      // The stand-in run has no model: retire it so the incremental linker never scores with it.
      await ctx.handle.db
        .updateTable('linkage_run')
        .set({ status: 'failed' })
        .where('id', '=', runId)
        .execute()
      const confirmed = await getCase(ctx, team.caseworker, filed.caseId)
      assert.equal(confirmed.status, 'confirmed_alive')
      assert.deepEqual(
        confirmed.history.map((h) => h.to),
        ['open', 'possible_match', 'confirmed_alive'],
      )

      assert.deepEqual(await listTasks(ctx, team.reviewer), [])
      const tasks = (await listTasks(ctx, team.caseworker, { status: 'open' })).filter(
        (t) => t.caseId === filed.caseId,
      )
      assert.equal(tasks.length, 1)
      assert.equal(tasks[0]?.kind, 'inform_family')
      assert.equal((await getDashboard(ctx, team.caseworker)).openTasksForYou >= 1, true)
      assert.equal(
        (await rejection(completeTask(ctx, team.reviewer, tasks[0]?.id ?? ''))).code,
        'forbidden',
      )
      const done = await completeTask(ctx, team.caseworker, tasks[0]?.id ?? '')
      assert.equal(done.status, 'done')
      assert.equal(done.doneBy, team.caseworker.userId)
      assert.equal((await getCase(ctx, team.caseworker, filed.caseId)).status, 'family_informed')
      assert.equal((await rejection(completeTask(ctx, team.caseworker, done.id))).code, 'conflict')
      await transitionCase(ctx, team.caseworker, filed.caseId, { to: 'closed' })
      assert.equal((await getCase(ctx, team.caseworker, filed.caseId)).status, 'closed')
    })

    it('puts an auto-link that touches a waiting case in the review queue, first', async () => {
      const filed = await fileReport(ctx, team.caseworker, report())
      const named = async (first: string, family: string) =>
        (
          await registerIntake(ctx, team.field_officer, {
            idempotencyKey: randomUUID(),
            names: { first_name: first, family_name: family },
            healthUrgency: 'none',
            facilityText: 'Gate 1, synthetic facility',
          })
        ).recordId
      const intakeId = await named('Samer', 'Al-Najjar')
      const [otherA, otherB] = [await named('مازن', 'الخطيب'), await named('Mazen', 'Khatib')]
      // As above: no background linking may meet the model-less stand-in run.
      await whenLinkageIdle(ctx)
      const runId = randomUUID()
      const at = ctx.clock().toISOString()
      const org = team.caseworker.organisationId
      await ctx.handle.db
        .insertInto('linkage_run')
        .values({
          id: runId,
          organisation_id: org,
          job_id: null,
          status: 'succeeded',
          model: null,
          model_version: 1,
          auto_link_threshold: 0.95,
          review_threshold: 0.5,
          max_sensitivity: 'sensitive',
          record_count: 4,
          candidate_count: 2,
          stored_pair_count: 2,
          auto_link_count: 2,
          review_count: 0,
          person_count: 2,
          started_by: team.coordinator.userId,
          started_at: at,
          finished_at: at,
        })
        .execute()
      const pair = (a: string, b: string) => {
        const [left, right] = [a, b].sort() as [string, string]
        return {
          run_id: runId,
          organisation_id: org,
          left_id: left,
          right_id: right,
          probability: 0.99,
          weight: 7,
          band: 'auto-link',
          sensitive: 0,
          origin: 'run',
          contributions: JSON.stringify({ prior: -3, steps: [] }),
          created_at: at,
        }
      }
      await ctx.handle.db
        .insertInto('candidate_pair')
        .values([pair(filed.recordId, intakeId), pair(otherA, otherB)])
        .execute()
      try {
        // Reading the list moves the case the pair touches to a possible match.
        const listed = await listCases(ctx, team.caseworker, {})
        assert.equal(listed.find((c) => c.id === filed.caseId)?.status, 'possible_match')
        // Only the pair of the family's case needs a person; the other auto-link stands.
        assert.equal((await getDashboard(ctx, team.viewer)).unreviewedPairs, 1)
        const queue = await nextPairsForReview(ctx, team.reviewer, { limit: 10 })
        assert.deepEqual(
          queue.map((q) => [q.left.id, q.right.id].sort()),
          [[filed.recordId, intakeId].sort()],
        )
      } finally {
        await ctx.handle.db
          .updateTable('linkage_run')
          .set({ status: 'failed' })
          .where('id', '=', runId)
          .execute()
      }
    })

    it('concludes a death only with two different reviewers, by decision or by hand', async () => {
      const filed = await fileReport(
        ctx,
        team.caseworker,
        report({ person: { first_name: 'ماهر', family_name: 'الخطيب' } }),
      )
      await importRecords(ctx, team.caseworker, {
        bytes: Buffer.from(`record_id,first_name,family_name\nm-${randomUUID()},ماهر,الخطيب\n`),
        fileName: 'morgue.csv',
        sourceKind: 'morgue',
      })
      const morgue = await ctx.handle.db
        .selectFrom('person_record')
        .select('id')
        .where('source_kind', '=', 'morgue')
        .executeTakeFirstOrThrow()
      await decidePair(ctx, team.reviewer, {
        left: filed.recordId,
        right: morgue.id,
        verdict: 'same',
      })
      await decidePair(ctx, team.reviewer, {
        left: filed.recordId,
        right: morgue.id,
        verdict: 'same',
      })
      assert.equal(
        (await getCase(ctx, team.caseworker, filed.caseId)).status,
        'possible_match',
        'one reviewer twice is not two reviewers',
      )
      await decidePair(ctx, team.reviewer2, {
        left: filed.recordId,
        right: morgue.id,
        verdict: 'same',
      })
      assert.equal((await getCase(ctx, team.caseworker, filed.caseId)).status, 'confirmed_deceased')

      // By hand: the first reviewer's conclusion waits for a second, different one.
      const other = await fileReport(ctx, team.caseworker, report())
      assert.equal(
        (
          await rejection(
            transitionCase(ctx, team.reviewer, other.caseId, { to: 'confirmed_deceased' }),
          )
        ).code,
        'conflict',
        'not from open',
      )
      await transitionCase(ctx, team.reviewer, other.caseId, { to: 'possible_match' })
      assert.deepEqual(
        await transitionCase(ctx, team.reviewer, other.caseId, { to: 'confirmed_deceased' }),
        { status: 'possible_match', pendingReviewers: 1 },
      )
      assert.deepEqual(
        await transitionCase(ctx, team.reviewer, other.caseId, { to: 'confirmed_deceased' }),
        { status: 'possible_match', pendingReviewers: 1 },
      )
      assert.deepEqual(
        await transitionCase(ctx, team.reviewer2, other.caseId, { to: 'confirmed_deceased' }),
        { status: 'confirmed_deceased', pendingReviewers: 0 },
      )
      assert.ok(
        (await listTasks(ctx, team.caseworker)).some(
          (t) => t.caseId === other.caseId && t.kind === 'inform_family',
        ),
      )
    })

    it('stores one record for a double submit with the same idempotency key', async () => {
      const input = report()
      const [a, b] = await Promise.all([
        fileReport(ctx, team.caseworker, input),
        fileReport(ctx, team.caseworker, input),
      ])
      const c = await fileReport(ctx, team.caseworker, input)
      assert.equal(a.caseId, b.caseId)
      assert.equal(a.caseId, c.caseId)
      assert.equal(c.alreadyFiled, true)
      const recs = await ctx.handle.db
        .selectFrom('person_record')
        .select('id')
        .where('record_key', '=', a.caseId)
        .execute()
      assert.equal(recs.length, 1)

      const photo = { bytes: Buffer.from(PLAIN_JPEG_BASE64, 'base64'), mediaType: 'image/jpeg' }
      const intake = {
        idempotencyKey: randomUUID(),
        unidentified: true,
        approximateAge: 40,
        sex: 'M' as const,
        distinguishingMarks: 'scar on left hand',
        language: 'Kurdish',
        healthUrgency: 'critical' as const,
        facilityPlaceId: 'place-synthetic-1',
        zone: 'north wing',
        photo,
      }
      const first = await registerIntake(ctx, team.field_officer, intake)
      const second = await registerIntake(ctx, team.field_officer, intake)
      assert.equal(second.intakeId, first.intakeId)
      assert.equal(second.alreadyRegistered, true)
      assert.equal(
        (
          await ctx.handle.db
            .selectFrom('intake')
            .select('id')
            .where('idempotency_key', '=', intake.idempotencyKey)
            .execute()
        ).length,
        1,
      )
      assert.equal(
        (
          await ctx.handle.db
            .selectFrom('person_record')
            .select('id')
            .where('record_key', '=', first.intakeId)
            .execute()
        ).length,
        1,
      )
      const blob = await ctx.handle.db
        .selectFrom('media_blob')
        .selectAll()
        .where('sha256', '=', first.photoSha256 ?? '')
        .executeTakeFirstOrThrow()
      // Stored as cleaned of metadata (src/services/media.service.ts), hashed after cleaning.
      const cleaned = cleanPhoto(photo)
      assert.ok(cleaned.ok)
      assert.equal(blob.size, cleaned.bytes.length)
      assert.equal(blob.sha256, createHash('sha256').update(cleaned.bytes).digest('hex'))
      const dash = await getDashboard(ctx, team.viewer)
      assert.ok(dash.unidentifiedPersons >= 1)
      assert.ok(dash.intakesToday >= 1)
      assert.equal(dash.series.length, 30)
      assert.ok(!JSON.stringify(dash).includes('سامر'), 'counts only')
    })

    it('proposes an attached intake for review, never merging it', async () => {
      const filed = await fileReport(ctx, team.caseworker, report())
      const out = await registerIntake(ctx, team.caseworker, {
        idempotencyKey: randomUUID(),
        names: { full_name: 'سامر خالد النجار' },
        healthUrgency: 'none',
        facilityText: 'Gate 1',
        attachToRecordId: filed.recordId,
      })
      assert.equal(out.proposedPairWith, filed.recordId)
      assert.notEqual(out.recordId, filed.recordId)
      const decisions = await ctx.handle.db
        .selectFrom('review_decision')
        .select('id')
        .where('left_id', 'in', [out.recordId, filed.recordId])
        .where('right_id', 'in', [out.recordId, filed.recordId])
        .execute()
      assert.equal(decisions.length, 0)
      assert.equal(
        (
          await rejection(
            registerIntake(ctx, team.caseworker, {
              idempotencyKey: randomUUID(),
              names: { first_name: 'x' },
              healthUrgency: 'none',
              facilityText: 'Gate 1',
              attachToRecordId: 'no-such',
            }),
          )
        ).problems[0]?.field,
        'attachToRecordId',
      )
    })

    it('validates every form on the server, naming the field', async () => {
      const bad = await rejection(
        fileReport(ctx, team.caseworker, {
          ...report(),
          idempotencyKey: 'nope',
          person: {},
          reporter: { name: '', relation: 'x', phone: 'call me' },
          consent: { purposes: [], givenOn: 'yesterday' },
        }),
      )
      assert.equal(bad.code, 'validation_failed')
      const fields = bad.problems.map((p) => p.field).sort()
      assert.deepEqual(fields, [
        'consent.givenOn',
        'consent.purposes',
        'idempotencyKey',
        'person',
        'reporter.name',
        'reporter.phone',
      ])
      const badIntake = await rejection(
        registerIntake(ctx, team.field_officer, {
          idempotencyKey: randomUUID(),
          healthUrgency: 'soon' as never,
        }),
      )
      assert.deepEqual(badIntake.problems.map((p) => p.field).sort(), [
        'facilityText',
        'healthUrgency',
        'names',
      ])
      const unidentified = await rejection(
        registerIntake(ctx, team.field_officer, {
          idempotencyKey: randomUUID(),
          unidentified: true,
          healthUrgency: 'none',
          facilityText: 'Gate 3',
        }),
      )
      assert.deepEqual(
        unidentified.problems.map((p) => p.field),
        ['distinguishingMarks'],
      )
      const photo = await rejection(
        registerIntake(ctx, team.field_officer, {
          idempotencyKey: randomUUID(),
          names: { first_name: 'x' },
          healthUrgency: 'none',
          facilityText: 'Gate 3',
          photo: { bytes: Buffer.from('x'), mediaType: 'text/plain' },
        }),
      )
      assert.deepEqual(
        photo.problems.map((p) => p.field),
        ['photo'],
      )
      assert.equal(
        (
          await rejection(
            transitionCase(
              ctx,
              team.reviewer,
              (await fileReport(ctx, team.caseworker, report())).caseId,
              { to: 'lost' },
            ),
          )
        ).problems[0]?.field,
        'to',
      )
      assert.equal(
        (
          await rejection(
            withdrawConsent(
              ctx,
              team.caseworker,
              (await fileReport(ctx, team.caseworker, report())).caseId,
              { purposes: ['marketing'] },
            ),
          )
        ).problems[0]?.field,
        'purposes',
      )
      assert.equal(
        (
          await rejection(
            registerIntake(ctx, team.viewer, {
              idempotencyKey: randomUUID(),
              names: { first_name: 'x' },
              healthUrgency: 'none',
              facilityText: 'Gate 3',
            }),
          )
        ).code,
        'forbidden',
      )
    })

    it('leaves a verifiable audit chain', async () => {
      await whenLinkageIdle(ctx)
      const v = await verifyAuditChain(ctx)
      assert.equal(v.ok, true, JSON.stringify(v))
    })
  })
}
