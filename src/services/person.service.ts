/**
 * The person page (issue #5): every account linked to one person that the actor may read,
 * with its provenance; the cases that reported any of them (status and dates, never the
 * reporter); reviewers' decisions on pairs inside the person; intake photos; and a
 * timeline assembled from the accounts, each event citing its record. Reading it is
 * reading person data, so it is authorised and audited like any record read.
 */
import type { Actor, Sensitivity } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import { nameForms, type NameForms } from '../core/persons/person-names.js'
import { assembleTimeline, type TimelineEvent } from '../core/persons/person-timeline.js'
import type { PersonRecordFields } from '../core/records/record-fields.js'
import type { RecordProvenance } from '../core/records/record-provenance.js'
import type { CaseFileRow } from '../db/database.js'
import { findCasesByRecords } from '../db/case.repository.js'
import * as linkageRepo from '../db/linkage.repository.js'
import { listIntakesOfRecords, listUserNames } from '../db/person.repository.js'
import { recordAudit } from './audit.service.js'
import { authorize, isAllowed } from './authorize.js'
import type { ServiceContext } from './context.js'
import { isDeceasedRecord } from './linkage-sensitivity.js'
import { getReadableRecords } from './record.service.js'

export interface PersonAccount {
  recordId: string
  sourceKind: string
  sensitivity: Sensitivity
  version: number
  fields: PersonRecordFields
  names: NameForms
  provenance: RecordProvenance
  /** The account says (or its source implies) the person died. */
  deceased: boolean
}

export interface PersonCase {
  id: string
  recordId: string
  status: string
  createdAt: string
  updatedAt: string
}

export interface PersonDecision {
  leftId: string
  rightId: string
  verdict: string
  /** Display name of the reviewer; null for a reviewer of another organisation. */
  reviewer: string | null
  decidedAt: string
  note: string | null
}

export interface PersonIntake {
  intakeId: string
  recordId: string
  registeredAt: string
  unidentified: boolean
  hasPhoto: boolean
  /** SHA-256 of the stored (metadata-free) photo bytes. */
  photoSha256: string | null
}

export interface PersonStory {
  id: string
  /** The id asked for (a merged person's id resolves to its survivor). */
  requestedId: string
  status: string
  accounts: PersonAccount[]
  cases: PersonCase[]
  decisions: PersonDecision[]
  intakes: PersonIntake[]
  timeline: TimelineEvent[]
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

function caseResource(row: CaseFileRow) {
  return {
    organisationId: row.organisation_id,
    sensitivity: toSensitivity(row.sensitivity),
    sharedWith: JSON.parse(row.shared_with) as string[],
  }
}

/** One person's page. Another organisation sees only the accounts shared with it, or nothing. */
export async function getPersonStory(
  ctx: ServiceContext,
  actor: Actor,
  personId: string,
): Promise<PersonStory> {
  await authorize(ctx, actor, 'record.read')
  const db = ctx.handle.db
  let person = await linkageRepo.findPersonById(db, personId)
  for (let hops = 0; person?.status === 'merged' && person.merged_into && hops < 20; hops++) {
    person = await linkageRepo.findPersonById(db, person.merged_into)
  }
  if (!person) throw new DomainError('not_found', 'No such person.')
  const members = await linkageRepo.listMembersOfPersons(db, [person.id])
  // getReadableRecords applies the policy per record (organisation, sharing, sensitivity).
  const records = await getReadableRecords(ctx, actor, members.map((m) => m.record_id).sort())
  // Nothing readable and nonexistent look the same: no oracle for other organisations' persons.
  if (records.length === 0) throw new DomainError('not_found', 'No such person.')
  const readable = new Set(records.map((r) => r.id))
  const ids = [...readable]

  const accounts: PersonAccount[] = records.map((r) => ({
    recordId: r.id,
    sourceKind: r.provenance.source_kind,
    sensitivity: r.sensitivity,
    version: r.version,
    fields: r.fields,
    names: nameForms(r.fields),
    provenance: r.provenance,
    deceased: isDeceasedRecord({ sourceKind: r.provenance.source_kind, fields: r.fields }),
  }))

  const cases: PersonCase[] = (await findCasesByRecords(db, ids))
    .filter((c) => isAllowed(actor, 'case.read', caseResource(c)))
    .map((c) => ({
      id: c.id,
      recordId: c.record_id,
      status: c.status,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
    }))
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))

  const decisionRows = (await linkageRepo.listDecisions(db, person.organisation_id, ids)).filter(
    (d) => readable.has(d.left_id) && readable.has(d.right_id),
  )
  const reviewers = new Map(
    (
      await listUserNames(
        db,
        decisionRows.map((d) => d.reviewer_id),
      )
    ).map((u) => [u.id, u]),
  )
  const decisions: PersonDecision[] = decisionRows.map((d) => {
    const reviewer = reviewers.get(d.reviewer_id)
    return {
      leftId: d.left_id,
      rightId: d.right_id,
      verdict: d.verdict,
      reviewer:
        reviewer && reviewer.organisation_id === actor.organisationId
          ? reviewer.display_name
          : null,
      decidedAt: d.decided_at,
      note: d.note,
    }
  })

  const intakes: PersonIntake[] = (await listIntakesOfRecords(db, ids)).map((i) => ({
    intakeId: i.id,
    recordId: i.record_id,
    registeredAt: i.registered_at,
    unidentified: i.unidentified === 1,
    hasPhoto: i.photo_sha256 !== null,
    photoSha256: i.photo_sha256,
  }))

  const timeline = assembleTimeline(
    accounts.map((a) => ({
      recordId: a.recordId,
      sourceKind: a.sourceKind,
      fields: a.fields,
      deceased: a.deceased,
    })),
  )

  await recordAudit(ctx, actor, {
    action: 'person.story.read',
    objectType: 'person',
    objectId: person.id,
    details: { records: accounts.length, cases: cases.length, decisions: decisions.length },
  })
  return {
    id: person.id,
    requestedId: personId,
    status: person.status,
    accounts,
    cases,
    decisions,
    intakes,
    timeline,
  }
}
