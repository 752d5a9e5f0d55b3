/**
 * "My work" (issue #5): a field officer's or caseworker's own intakes, and a reviewer's own
 * pair decisions, newest first. Each list is the actor's own work only, so it is a way back
 * to what they did (a person seen at the gate, a pair they judged), not a window on others'.
 * Reading either shows person data, so it is authorised and audited like any read.
 */
import type { Actor } from '../core/access/policy.js'
import type { HealthUrgency } from '../core/cases/case-forms.js'
import {
  collectReviewOutcomes,
  pairKey as enginePairKey,
  type PairReviewStatus,
} from '../core/linkage/index.js'
import { nameForms } from '../core/persons/person-names.js'
import { findMemberships, listDecisionsForPairs } from '../db/linkage.repository.js'
import { listDecisionsBy, listIntakesRegisteredBy } from '../db/my-work.repository.js'
import { recordAudit } from './audit.service.js'
import { authorize } from './authorize.js'
import type { ServiceContext } from './context.js'
import { toReviewDecision } from './linkage-clusters.js'
import { getReadableRecords } from './record.service.js'

/** Enough for a shift's or a week's work; older work is found through search. */
export const MY_WORK_LIMIT = 100

export interface MyIntake {
  intakeId: string
  recordId: string
  /** The person the record belongs to, once linkage has placed it. */
  personId: string | null
  /** The name as written at the gate; null for an unidentified person. */
  name: string | null
  unidentified: boolean
  approximateAge: number | null
  sex: 'M' | 'F' | null
  distinguishingMarks: string | null
  healthUrgency: HealthUrgency
  /** Where the person was found, as written (facility text, else the gazetteer id), and the zone. */
  place: string | null
  zone: string | null
  registeredAt: string
  hasPhoto: boolean
}

export interface MyDecisionSide {
  recordId: string
  /** Name as written; null when unnamed or no longer readable by the actor. */
  name: string | null
  personId: string | null
}

export interface MyDecision {
  decisionId: string
  left: MyDecisionSide
  right: MyDecisionSide
  verdict: string
  note: string | null
  decidedAt: string
  /** The pair's status now, after every reviewer's decisions (not only this one). */
  status: PairReviewStatus['status']
}

async function personsOf(ctx: ServiceContext, recordIds: string[]): Promise<Map<string, string>> {
  const rows = await findMemberships(ctx.handle.db, [...new Set(recordIds)])
  return new Map(rows.map((m) => [m.record_id, m.person_id]))
}

function asUrgency(value: string): HealthUrgency {
  return value === 'urgent' || value === 'critical' ? value : 'none'
}

/** The actor's own intakes, newest first (at most MY_WORK_LIMIT). */
export async function listMyIntakes(ctx: ServiceContext, actor: Actor): Promise<MyIntake[]> {
  // Only those who register intakes have intakes of their own to see.
  await authorize(ctx, actor, 'intake.create', {
    organisationId: actor.organisationId,
    sensitivity: 'sensitive',
    type: 'intake',
  })
  const rows = await listIntakesRegisteredBy(
    ctx.handle.db,
    actor.organisationId,
    actor.userId,
    MY_WORK_LIMIT,
  )
  const ids = rows.map((r) => r.record_id)
  const records = new Map((await getReadableRecords(ctx, actor, ids)).map((r) => [r.id, r]))
  const persons = await personsOf(ctx, ids)
  const items: MyIntake[] = rows.map((r) => {
    const record = records.get(r.record_id)
    const unidentified = r.unidentified === 1
    return {
      intakeId: r.id,
      recordId: r.record_id,
      personId: persons.get(r.record_id) ?? null,
      name: unidentified || !record ? null : nameForms(record.fields).written,
      unidentified,
      approximateAge: r.approximate_age,
      sex: r.sex === 'M' || r.sex === 'F' ? r.sex : null,
      distinguishingMarks: r.distinguishing_marks,
      healthUrgency: asUrgency(r.health_urgency),
      place: r.facility_text ?? r.facility_place_id,
      zone: r.zone,
      registeredAt: r.registered_at,
      hasPhoto: r.photo_sha256 !== null,
    }
  })
  await recordAudit(ctx, actor, {
    action: 'intake.list_mine',
    objectType: 'user',
    objectId: actor.userId,
    details: { intakes: items.length, records: ids },
  })
  return items
}

/** The actor's own pair decisions, newest first (at most MY_WORK_LIMIT), with each pair's status now. */
export async function listMyDecisions(ctx: ServiceContext, actor: Actor): Promise<MyDecision[]> {
  await authorize(ctx, actor, 'linkage.review', {
    organisationId: actor.organisationId,
    type: 'organisation',
    id: actor.organisationId,
  })
  const db = ctx.handle.db
  const rows = await listDecisionsBy(db, actor.organisationId, actor.userId, MY_WORK_LIMIT)
  // Status needs every reviewer's decisions on these pairs, not only the actor's.
  const all = await listDecisionsForPairs(db, actor.organisationId, [
    ...new Set(rows.map((d) => d.pair_key)),
  ])
  const { statuses } = collectReviewOutcomes(all.map(toReviewDecision))
  const ids = [...new Set(rows.flatMap((d) => [d.left_id, d.right_id]))]
  // A record the actor may no longer read (resealed, sensitivity raised) keeps its id, not its name.
  const records = new Map((await getReadableRecords(ctx, actor, ids)).map((r) => [r.id, r]))
  const persons = await personsOf(ctx, ids)
  const side = (recordId: string): MyDecisionSide => {
    const record = records.get(recordId)
    return {
      recordId,
      name: record ? nameForms(record.fields).written : null,
      personId: record ? (persons.get(recordId) ?? null) : null,
    }
  }
  const items: MyDecision[] = rows.map((d) => ({
    decisionId: d.id,
    left: side(d.left_id),
    right: side(d.right_id),
    verdict: d.verdict,
    note: d.note,
    decidedAt: d.decided_at,
    status: statuses.get(enginePairKey(d.left_id, d.right_id))?.status ?? 'undecided',
  }))
  await recordAudit(ctx, actor, {
    action: 'linkage.decisions_mine',
    objectType: 'user',
    objectId: actor.userId,
    details: { decisions: items.length, records: ids },
  })
  return items
}
