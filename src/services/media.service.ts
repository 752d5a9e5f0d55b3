/**
 * Intake photos: cleaned of metadata before they are hashed and stored, and read back
 * only by roles that may read the person's record, every read audited (a photo of a freed
 * prisoner is among the most identifying things Athar holds).
 */
import type { Actor, Sensitivity } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import {
  detectPhotoFormat,
  stripPhotoMetadata,
  type PhotoFormat,
} from '../core/persons/photo-metadata.js'
import { findMediaBlob } from '../db/case.repository.js'
import { findIntakeById } from '../db/person.repository.js'
import { findRecordById } from '../db/record.repository.js'
import { recordAudit } from './audit.service.js'
import { authorize } from './authorize.js'
import type { ServiceContext } from './context.js'

const MEDIA_TYPES: Record<PhotoFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
}

export type CleanedPhoto =
  | { ok: true; bytes: Uint8Array; mediaType: string; removed: string[] }
  | { ok: false; reason: string }

/**
 * The photo as it will be stored: JPEG, PNG and WebP lose their metadata (EXIF with GPS,
 * XMP, comments) and are typed by their bytes, not by what the client said. Anything else
 * is refused — bytes we cannot parse are bytes we cannot clean, and a photo's location
 * metadata can put a family or a witness in danger.
 */
export function cleanPhoto(photo: { bytes: Uint8Array; mediaType: string }): CleanedPhoto {
  if (detectPhotoFormat(photo.bytes) === undefined) {
    return { ok: false, reason: 'not a JPEG, PNG or WebP image' }
  }
  const out = stripPhotoMetadata(photo.bytes)
  if (!out.ok) return out
  return { ok: true, bytes: out.bytes, mediaType: MEDIA_TYPES[out.format], removed: out.removed }
}

export interface PhotoRead {
  bytes: Buffer
  mediaType: string
  sha256: string
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

/** An intake's photo, for a role that may read the intake's record (audited). */
export async function readIntakePhoto(
  ctx: ServiceContext,
  actor: Actor,
  intakeId: string,
): Promise<PhotoRead> {
  // Roles that may read no record at all are refused before anything is looked up.
  await authorize(ctx, actor, 'record.read')
  const intake = await findIntakeById(ctx.handle.db, intakeId)
  const record = intake ? await findRecordById(ctx.handle.db, intake.record_id) : undefined
  const sharedWith = record ? (JSON.parse(record.shared_with) as string[]) : []
  // Another organisation's unshared intake does not exist for the actor (no existence oracle).
  if (
    !intake ||
    !record ||
    intake.photo_sha256 === null ||
    (record.organisation_id !== actor.organisationId && !sharedWith.includes(actor.organisationId))
  ) {
    throw new DomainError('not_found', 'No such photo.')
  }
  await authorize(ctx, actor, 'record.read', {
    organisationId: record.organisation_id,
    sensitivity: toSensitivity(record.sensitivity),
    sharedWith,
    type: 'intake.photo',
    id: intakeId,
  })
  const blob = await findMediaBlob(ctx.handle.db, intake.photo_sha256)
  if (!blob) throw new DomainError('not_found', 'No such photo.')
  await recordAudit(ctx, actor, {
    action: 'intake.photo.read',
    objectType: 'intake',
    objectId: intakeId,
    details: { record: record.id, sha256: blob.sha256 },
  })
  return {
    bytes: Buffer.from(blob.content, 'base64'),
    mediaType: blob.media_type,
    sha256: blob.sha256,
  }
}
