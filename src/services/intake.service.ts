/**
 * Intake at the gates: a freed person registered with names as far as known, or as
 * unidentified with what can be seen and heard. Each intake is a person record (source
 * kind `intake`) plus an intake row; an optional photo is stored once by its SHA-256.
 * A match found by search-before-create is stored as a proposal for a reviewer, never
 * merged (docs/decisions/0006-cases-and-intake.md). Every create carries the client's
 * idempotency key, so a double submit stores one intake.
 */
import { createHash, randomUUID } from 'node:crypto'
import type { IntakeRow, PersonRecordRow } from '../db/database.js'
import * as repo from '../db/case.repository.js'
import type { Actor } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import {
  checkIntakeForm,
  type FormNameField,
  type HealthUrgency,
} from '../core/cases/case-forms.js'
import { appendAudit } from './audit.service.js'
import { authorize } from './authorize.js'
import type { ServiceContext } from './context.js'
import { announceRecords, createRecord, getReadableRecords } from './record.service.js'
import { cleanPhoto } from './media.service.js'

/** Photos larger than this are refused: intake phones send compressed pictures. */
export const PHOTO_LIMIT_BYTES = 5 * 1024 * 1024
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const

export interface IntakeInput {
  idempotencyKey: string
  unidentified?: boolean | undefined
  names?: Partial<Record<FormNameField, string>> | undefined
  approximateAge?: number | undefined
  sex?: 'M' | 'F' | undefined
  distinguishingMarks?: string | undefined
  language?: string | undefined
  healthUrgency: HealthUrgency
  facilityPlaceId?: string | undefined
  facilityText?: string | undefined
  zone?: string | undefined
  photo?: { bytes: Uint8Array; mediaType: string } | undefined
  /** A record found by search-before-create that may be this person: proposed for review. */
  attachToRecordId?: string | undefined
}

export interface IntakeOutcome {
  intakeId: string
  recordId: string
  photoSha256: string | null
  /** The record proposed as the same person, awaiting a reviewer's decision. */
  proposedPairWith: string | null
  alreadyRegistered: boolean
}

function outcomeOf(row: IntakeRow, already: boolean): IntakeOutcome {
  return {
    intakeId: row.id,
    recordId: row.record_id,
    photoSha256: row.photo_sha256,
    proposedPairWith: row.attach_to_record_id,
    alreadyRegistered: already,
  }
}

function clean(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim()
}

/** Register one freed or unidentified person; a repeated key returns the first intake. */
export async function registerIntake(
  ctx: ServiceContext,
  actor: Actor,
  input: IntakeInput,
): Promise<IntakeOutcome> {
  await authorize(ctx, actor, 'intake.create', {
    organisationId: actor.organisationId,
    sensitivity: 'sensitive',
    type: 'intake',
  })
  const problems = checkIntakeForm(input as unknown as Record<string, unknown>)
  if (input.photo) {
    if (!(PHOTO_TYPES as readonly string[]).includes(input.photo.mediaType)) {
      problems.push({ field: 'photo', message: 'JPEG, PNG or WebP', reason: 'invalid_type' })
    }
    if (input.photo.bytes.length === 0 || input.photo.bytes.length > PHOTO_LIMIT_BYTES) {
      problems.push({
        field: 'photo',
        message: `between 1 byte and ${PHOTO_LIMIT_BYTES / 1024 / 1024} MB`,
        reason: 'too_large',
      })
    }
  }
  // Metadata (EXIF with GPS, XMP, comments) is removed before the photo is hashed and
  // stored: the stored hash is that of the stripped bytes (media.service.ts).
  const cleaned = input.photo && problems.length === 0 ? cleanPhoto(input.photo) : undefined
  if (cleaned && !cleaned.ok) {
    problems.push({ field: 'photo', message: cleaned.reason, reason: 'invalid_value' })
  }
  const photo = cleaned?.ok ? cleaned : undefined
  if (problems.length > 0) {
    throw new DomainError(
      'validation_failed',
      `The intake is not complete: ${problems.map((p) => p.field).join(', ')}.`,
      problems,
    )
  }
  const earlier = await repo.findIntakeByKey(
    ctx.handle.db,
    actor.organisationId,
    input.idempotencyKey,
  )
  if (earlier) return outcomeOf(earlier, true)
  const attach = clean(input.attachToRecordId)
  if (attach !== undefined) {
    const [found] = await getReadableRecords(ctx, actor, [attach])
    if (!found) {
      throw new DomainError('validation_failed', 'The record to attach to was not found.', [
        { field: 'attachToRecordId', message: 'no such record you may read', reason: 'not_found' },
      ])
    }
  }
  const at = ctx.clock().toISOString()
  const intakeId = randomUUID()
  const sha = photo ? createHash('sha256').update(photo.bytes).digest('hex') : null
  const unidentified = input.unidentified === true
  const names = unidentified
    ? {}
    : Object.fromEntries(Object.entries(input.names ?? {}).map(([k, v]) => [k, clean(v)]))
  let record: PersonRecordRow
  let row: IntakeRow
  try {
    ;({ record, row } = await ctx.handle.db.transaction().execute(async (trx) => {
      if (photo && sha !== null && !(await repo.findMediaBlob(trx, sha))) {
        await repo.insertMediaBlob(trx, {
          sha256: sha,
          media_type: photo.mediaType,
          size: photo.bytes.length,
          content: Buffer.from(photo.bytes).toString('base64'),
          stored_by: actor.userId,
          stored_at: at,
        })
      }
      const rec = await createRecord(ctx, trx, actor, {
        key: intakeId,
        sourceKind: 'intake',
        fields: {
          ...names,
          sex: input.sex,
          age: input.approximateAge,
          recorded_on: at.slice(0, 10),
          detention_place: clean(input.facilityText),
          source: 'intake',
          extra: {
            ...(unidentified ? { 'intake.unidentified': 'true' } : {}),
            ...(clean(input.distinguishingMarks)
              ? { 'intake.distinguishing_marks': clean(input.distinguishingMarks) ?? '' }
              : {}),
            ...(clean(input.language) ? { 'intake.language': clean(input.language) ?? '' } : {}),
            ...(clean(input.facilityPlaceId)
              ? { 'intake.facility_place_id': clean(input.facilityPlaceId) ?? '' }
              : {}),
          },
        },
      })
      const intake: IntakeRow = {
        id: intakeId,
        organisation_id: actor.organisationId,
        record_id: rec.id,
        idempotency_key: input.idempotencyKey,
        unidentified: unidentified ? 1 : 0,
        approximate_age: input.approximateAge ?? null,
        sex: input.sex ?? null,
        distinguishing_marks: clean(input.distinguishingMarks) ?? null,
        language: clean(input.language) ?? null,
        health_urgency: input.healthUrgency,
        facility_place_id: clean(input.facilityPlaceId) ?? null,
        facility_text: clean(input.facilityText) ?? null,
        zone: clean(input.zone) ?? null,
        photo_sha256: sha,
        attach_to_record_id: attach ?? null,
        registered_by: actor.userId,
        registered_at: at,
      }
      await repo.insertIntake(trx, intake)
      await appendAudit(ctx, trx, actor, {
        action: 'intake.create',
        objectType: 'intake',
        objectId: intakeId,
        details: {
          record: rec.id,
          unidentified,
          urgency: input.healthUrgency,
          photo: sha !== null,
          ...(photo ? { photoMetadataRemoved: photo.removed } : {}),
          proposedPair: attach !== undefined,
        },
      })
      return { record: rec, row: intake }
    }))
  } catch (error) {
    const again = await repo.findIntakeByKey(
      ctx.handle.db,
      actor.organisationId,
      input.idempotencyKey,
    )
    if (again) return outcomeOf(again, true)
    throw error
  }
  announceRecords(ctx, [record])
  return outcomeOf(row, false)
}
