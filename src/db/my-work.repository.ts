/** A user's own work: the intakes they registered and the pair decisions they gave. */
import type { Kysely } from 'kysely'
import type { Database, IntakeRow, ReviewDecisionRow } from './database.js'

type Db = Kysely<Database>

/** Intakes registered by one user in their organisation, newest first. */
export async function listIntakesRegisteredBy(
  db: Db,
  organisationId: string,
  userId: string,
  limit: number,
): Promise<IntakeRow[]> {
  return db
    .selectFrom('intake')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('registered_by', '=', userId)
    .orderBy('registered_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}

/** Decisions given by one reviewer in their organisation, newest first. */
export async function listDecisionsBy(
  db: Db,
  organisationId: string,
  reviewerId: string,
  limit: number,
): Promise<ReviewDecisionRow[]> {
  return db
    .selectFrom('review_decision')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('reviewer_id', '=', reviewerId)
    .orderBy('decided_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
