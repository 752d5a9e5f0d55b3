import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomUUID } from 'node:crypto'
import { rejection } from '../../test/support/rejection.js'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import {
  formatRecordHeader,
  formatRecordRow,
  generateRecords,
} from '../../bench/generator/index.js'
import type { Actor } from '../core/access/policy.js'
import type { Role } from '../core/access/roles.js'
import { SECRET_MARKERS, jpegWithGps } from '../core/persons/photo-fixtures.js'
import { listAuditFor, verifyAuditChain } from './audit.service.js'
import { fileReport } from './case.service.js'
import { registerIntake } from './intake.service.js'
import { decidePair, runLinkage, whenLinkageIdle } from './linkage.service.js'
import { readIntakePhoto } from './media.service.js'
import { getPersonStory } from './person.service.js'
import { importRecords } from './record.service.js'

// Synthetic accounts of one person from two sources that disagree on when he was last seen.
const FAMILY_CSV =
  'record_id,first_name,father_name,family_name,birth_date,last_seen_date,last_seen_place,تاريخ الاعتقال\n' +
  'fam-1,سامر,خالد,النجار,1990,2013-05-04,حلب,04/05/2013\n'
const REGISTER_CSV =
  'record_id,full_name,birth_date,last_seen_date,detention_place,release_date\n' +
  'reg-7,Samer Khaled al-Najjar,1990-02-11,2013-06,Saydnaya,2024-12-08\n'

for (const dialect of DIALECTS) {
  describe(`person page and intake photos (${dialect})`, () => {
    let ctx: TestContext
    const team = {} as Record<Role | 'outsider', Actor>
    let personId = ''
    let familyId = ''
    let registerId = ''
    let caseId = ''
    let intake = { intakeId: '', recordId: '', photoSha256: null as string | null }

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
      for (const role of [
        'coordinator',
        'reviewer',
        'caseworker',
        'field_officer',
        'viewer',
        'admin',
      ] as const) {
        team[role] = {
          userId: (await buildUser(ctx, { role, organisationId: org.id })).id,
          organisationId: org.id,
          role,
        }
      }
      team.outsider = {
        userId: (await buildUser(ctx, { role: 'reviewer', organisationId: other.id })).id,
        organisationId: other.id,
        role: 'reviewer',
      }
      const filler = [...generateRecords({ seed: 5, records: 60 })].map((g) => g.fields)
      await importRecords(ctx, team.coordinator, {
        bytes: Buffer.from(formatRecordHeader() + filler.map((f) => formatRecordRow(f)).join('')),
        fileName: 'filler.csv',
        sourceKind: 'ngo-list',
      })
      await importRecords(ctx, team.coordinator, {
        bytes: Buffer.from(FAMILY_CSV),
        fileName: 'family.csv',
        sourceKind: 'family-report',
      })
      await importRecords(ctx, team.coordinator, {
        bytes: Buffer.from(REGISTER_CSV),
        fileName: 'register.csv',
        sourceKind: 'register',
        document: 'Recovered register (synthetic)',
      })
      familyId = await recordIdOf('fam-1')
      registerId = await recordIdOf('reg-7')
      await runLinkage(ctx, team.coordinator, { seed: 3 })
      const filed = await fileReport(ctx, team.caseworker, {
        idempotencyKey: randomUUID(),
        person: { first_name: 'سامر', father_name: 'خالد', family_name: 'النجار' },
        lastSeenDate: '2013-05',
        reporter: { name: 'Reporter Synthetic', relation: 'sister', phone: '+963 999 000 111' },
        consent: { purposes: ['tracing'], givenOn: '2026-01-10' },
      })
      caseId = filed.caseId
      intake = await registerIntake(ctx, team.caseworker, {
        idempotencyKey: randomUUID(),
        names: { first_name: 'سامر', family_name: 'النجار' },
        healthUrgency: 'none',
        facilityText: 'Gate 2',
        attachToRecordId: familyId,
        photo: { bytes: jpegWithGps(), mediaType: 'image/jpeg' },
      })
      await whenLinkageIdle(ctx)
      for (const other of [registerId, filed.recordId, intake.recordId]) {
        await decidePair(ctx, team.reviewer, { left: familyId, right: other, verdict: 'same' })
      }
      personId = (
        await ctx.handle.db
          .selectFrom('person_member')
          .select('person_id')
          .where('record_id', '=', familyId)
          .executeTakeFirstOrThrow()
      ).person_id
    })
    after(async () => ctx.drop())

    it('shows every account with provenance and names as written beside the normalised form', async () => {
      const story = await getPersonStory(ctx, team.reviewer, personId)
      const ids = story.accounts.map((a) => a.recordId)
      for (const id of [familyId, registerId, intake.recordId]) assert.ok(ids.includes(id))
      const register = story.accounts.find((a) => a.recordId === registerId)
      assert.equal(register?.names.written, 'Samer Khaled al-Najjar')
      assert.equal(register?.names.normalised, 'samer khaled najjar')
      assert.equal(register?.provenance.source_kind, 'register')
      assert.equal(register?.provenance.document, 'Recovered register (synthetic)')
      assert.match(register?.provenance.file_sha256 ?? '', /^[0-9a-f]{64}$/)
      assert.equal(register?.provenance.row_number, 2)
      assert.ok((register?.provenance.imported_by ?? '') !== '')
      const family = story.accounts.find((a) => a.recordId === familyId)
      assert.equal(family?.names.written, 'سامر خالد النجار')
    })

    it('lists the cases without reporter data, the decisions and the intake photo', async () => {
      const story = await getPersonStory(ctx, team.reviewer, personId)
      assert.deepEqual(
        story.cases.map((c) => c.id),
        [caseId],
      )
      const text = JSON.stringify(story)
      assert.ok(!text.includes('Reporter Synthetic') && !text.includes('+963 999'), 'no reporter')
      assert.ok(story.decisions.length >= 3)
      assert.ok(story.decisions.every((d) => d.verdict === 'same' && d.reviewer !== null))
      assert.deepEqual(
        story.intakes.map((i) => [i.intakeId, i.hasPhoto, i.photoSha256]),
        [[intake.intakeId, true, intake.photoSha256]],
      )
      // A field officer reads records but no cases.
      assert.deepEqual((await getPersonStory(ctx, team.field_officer, personId)).cases, [])
    })

    it('assembles a timeline that cites its records and keeps disagreeing dates', async () => {
      const { timeline, accounts } = await getPersonStory(ctx, team.reviewer, personId)
      const ids = new Set(accounts.map((a) => a.recordId))
      assert.ok(
        timeline.every((e) => ids.has(e.recordId)),
        'every event cites a shown record',
      )
      // The family's report says 2013-05, the imported family list 2013-05-04, the register
      // 2013-06: three events, none merged, and the June one disagrees with the others.
      const lastSeen = timeline.filter((e) => e.kind === 'last_seen')
      assert.deepEqual(
        lastSeen.map((e) => e.date),
        ['2013-05', '2013-05-04', '2013-06'],
      )
      assert.equal(lastSeen.find((e) => e.date === '2013-06')?.recordId, registerId)
      assert.equal(lastSeen.find((e) => e.date === '2013-05-04')?.recordId, familyId)
      assert.ok(lastSeen.every((e) => e.disagrees))
      assert.equal(timeline.find((e) => e.kind === 'arrest')?.date, '2013-05-04')
      assert.equal(timeline.find((e) => e.kind === 'release')?.date, '2024-12-08')
      assert.equal(timeline.find((e) => e.kind === 'intake')?.place, 'Gate 2')
    })

    it('is audited, refused to roles without record.read and invisible to another organisation', async () => {
      await getPersonStory(ctx, team.coordinator, personId)
      const audit = await listAuditFor(ctx, { action: 'person.story.read', objectId: personId })
      assert.ok(audit.some((a) => a.actorUserId === team.coordinator.userId))
      assert.equal((await rejection(getPersonStory(ctx, team.viewer, personId))).code, 'forbidden')
      assert.equal((await rejection(getPersonStory(ctx, team.admin, personId))).code, 'forbidden')
      assert.equal(
        (await rejection(getPersonStory(ctx, team.outsider, personId))).code,
        'not_found',
      )
      assert.equal(
        (await rejection(getPersonStory(ctx, team.reviewer, 'no-such-person'))).code,
        'not_found',
      )
    })

    it('stores the intake photo without its metadata, hashed after stripping', async () => {
      const blob = await ctx.handle.db
        .selectFrom('media_blob')
        .selectAll()
        .where('sha256', '=', intake.photoSha256 ?? '')
        .executeTakeFirstOrThrow()
      const stored = Buffer.from(blob.content, 'base64')
      assert.equal(createHash('sha256').update(stored).digest('hex'), blob.sha256)
      assert.notEqual(blob.sha256, createHash('sha256').update(jpegWithGps()).digest('hex'))
      for (const m of SECRET_MARKERS) assert.ok(!stored.toString('latin1').includes(m), m)
      assert.equal(blob.media_type, 'image/jpeg')
      assert.equal(blob.size, stored.length)
    })

    it('returns the photo to roles that may read the record, auditing every read', async () => {
      const before = (await listAuditFor(ctx, { action: 'intake.photo.read' })).length
      const photo = await readIntakePhoto(ctx, team.reviewer, intake.intakeId)
      await readIntakePhoto(ctx, team.field_officer, intake.intakeId)
      assert.equal(photo.mediaType, 'image/jpeg')
      assert.deepEqual([...photo.bytes.subarray(0, 2)], [0xff, 0xd8])
      assert.deepEqual([...photo.bytes.subarray(-2)], [0xff, 0xd9])
      assert.ok(!photo.bytes.toString('latin1').includes('GPS-SYNTHETIC'))
      assert.equal(photo.sha256, intake.photoSha256)
      const reads = await listAuditFor(ctx, { action: 'intake.photo.read' })
      assert.equal(reads.length, before + 2)
      assert.ok(reads.every((r) => r.objectId === intake.intakeId))
      assert.equal(
        (await rejection(readIntakePhoto(ctx, team.viewer, intake.intakeId))).code,
        'forbidden',
      )
      assert.equal(
        (await rejection(readIntakePhoto(ctx, team.admin, intake.intakeId))).code,
        'forbidden',
      )
      assert.equal(
        (await rejection(readIntakePhoto(ctx, team.outsider, intake.intakeId))).code,
        'not_found',
      )
      const denied = await listAuditFor(ctx, { action: 'record.read' })
      assert.ok(denied.some((d) => d.outcome === 'denied' && d.actorUserId === team.viewer.userId))
      assert.equal((await verifyAuditChain(ctx)).ok, true)
    })

    it('refuses a photo whose container is broken (it could not be cleaned)', async () => {
      const broken = jpegWithGps().subarray(0, 60)
      const error = await rejection(
        registerIntake(ctx, team.caseworker, {
          idempotencyKey: randomUUID(),
          unidentified: true,
          approximateAge: 30,
          healthUrgency: 'none',
          facilityText: 'Gate 1',
          photo: { bytes: broken, mediaType: 'image/jpeg' },
        }),
      )
      assert.equal(error.code, 'validation_failed')
      assert.equal(error.problems[0]?.field, 'photo')
    })

    it('refuses bytes that are no image it can clean, whatever type the client claims', async () => {
      const error = await rejection(
        registerIntake(ctx, team.caseworker, {
          idempotencyKey: randomUUID(),
          unidentified: true,
          approximateAge: 30,
          healthUrgency: 'none',
          facilityText: 'Gate 1',
          photo: { bytes: Buffer.from('synthetic-photo-bytes'), mediaType: 'image/jpeg' },
        }),
      )
      assert.equal(error.code, 'validation_failed')
      assert.equal(error.problems[0]?.field, 'photo')
    })
  })
}
