/** Cases, their history, tasks, intakes and media blobs. */
import type { Kysely } from 'kysely'
import { reviewablePair } from './linkage.repository.js'
import type {
  CaseEventRow,
  CaseFileRow,
  Database,
  IntakeRow,
  MediaBlobRow,
  TaskRow,
} from './database.js'

type Db = Kysely<Database>

export async function insertCase(db: Db, row: CaseFileRow): Promise<void> {
  await db.insertInto('case_file').values(row).execute()
}

export async function findCaseById(db: Db, id: string): Promise<CaseFileRow | undefined> {
  return db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findCaseByKey(
  db: Db,
  organisationId: string,
  key: string,
): Promise<CaseFileRow | undefined> {
  return db
    .selectFrom('case_file')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
}

export async function findCasesByRecords(
  db: Db,
  recordIds: readonly string[],
): Promise<CaseFileRow[]> {
  if (recordIds.length === 0) return []
  return db
    .selectFrom('case_file')
    .selectAll()
    .where('record_id', 'in', [...recordIds])
    .execute()
}

/** Cases of an organisation, plus those of others whose shared_with names it (filtered by the caller). */
export async function listCaseRows(
  db: Db,
  organisationId: string,
  limit: number,
): Promise<CaseFileRow[]> {
  return db
    .selectFrom('case_file')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('organisation_id', '=', organisationId),
        eb('shared_with', 'like', `%"${organisationId}"%`),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute()
}

/**
 * The cases the engine or a reviewer may have moved since they were last looked at: open
 * ones whose record has a stored pair or a decision, possible matches whose record has a
 * "same" decision. Everything else cannot move, so re-deriving it would be wasted work.
 */
export async function listCasesThatMayMove(db: Db, organisationId: string): Promise<CaseFileRow[]> {
  return db
    .selectFrom('case_file as c')
    .selectAll('c')
    .where('c.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb.and([
          eb('c.status', '=', 'open'),
          eb.or([
            eb.exists(
              eb
                .selectFrom('candidate_pair as p')
                .select('p.left_id')
                .where('p.organisation_id', '=', organisationId)
                .where((e) =>
                  e.or([
                    e('p.left_id', '=', e.ref('c.record_id')),
                    e('p.right_id', '=', e.ref('c.record_id')),
                  ]),
                ),
            ),
            eb.exists(
              eb
                .selectFrom('review_decision as d')
                .select('d.id')
                .where((e) =>
                  e.or([
                    e('d.left_id', '=', e.ref('c.record_id')),
                    e('d.right_id', '=', e.ref('c.record_id')),
                  ]),
                ),
            ),
          ]),
        ]),
        eb.and([
          eb('c.status', '=', 'possible_match'),
          eb.exists(
            eb
              .selectFrom('review_decision as d')
              .select('d.id')
              .where('d.verdict', '=', 'same')
              .where((e) =>
                e.or([
                  e('d.left_id', '=', e.ref('c.record_id')),
                  e('d.right_id', '=', e.ref('c.record_id')),
                ]),
              ),
          ),
        ]),
      ]),
    )
    .execute()
}

export async function updateCase(db: Db, id: string, changes: Partial<CaseFileRow>): Promise<void> {
  await db.updateTable('case_file').set(changes).where('id', '=', id).execute()
}

/** Append one history line; its seq follows the case's last one. */
export async function insertCaseEvent(db: Db, row: Omit<CaseEventRow, 'seq'>): Promise<void> {
  const last = await db
    .selectFrom('case_event')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('case_id', '=', row.case_id)
    .executeTakeFirst()
  await db
    .insertInto('case_event')
    .values({ ...row, seq: Number(last?.m ?? 0) + 1 })
    .execute()
}

export async function listCaseEvents(db: Db, caseId: string): Promise<CaseEventRow[]> {
  return db
    .selectFrom('case_event')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('seq')
    .execute()
}

export async function insertTask(db: Db, row: TaskRow): Promise<void> {
  await db.insertInto('task').values(row).execute()
}

export async function findTaskById(db: Db, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function listTaskRows(
  db: Db,
  organisationId: string,
  status?: string,
): Promise<TaskRow[]> {
  let q = db.selectFrom('task').selectAll().where('organisation_id', '=', organisationId)
  if (status !== undefined) q = q.where('status', '=', status)
  return q.orderBy('created_at').execute()
}

export async function updateTask(db: Db, id: string, changes: Partial<TaskRow>): Promise<void> {
  await db.updateTable('task').set(changes).where('id', '=', id).execute()
}

export async function insertIntake(db: Db, row: IntakeRow): Promise<void> {
  await db.insertInto('intake').values(row).execute()
}

export async function findIntakeByKey(
  db: Db,
  organisationId: string,
  key: string,
): Promise<IntakeRow | undefined> {
  return db
    .selectFrom('intake')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('idempotency_key', '=', key)
    .executeTakeFirst()
}

export async function findMediaBlob(db: Db, sha256: string): Promise<MediaBlobRow | undefined> {
  return db.selectFrom('media_blob').selectAll().where('sha256', '=', sha256).executeTakeFirst()
}

export async function insertMediaBlob(db: Db, row: MediaBlobRow): Promise<void> {
  await db.insertInto('media_blob').values(row).execute()
}

/** Counts for the dashboard: rows grouped by one text column. */
export async function countCasesByStatus(
  db: Db,
  organisationId: string,
): Promise<Array<{ status: string; n: number }>> {
  const rows = await db
    .selectFrom('case_file')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('organisation_id', '=', organisationId)
    .groupBy('status')
    .execute()
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }))
}

export async function countIntakes(
  db: Db,
  organisationId: string,
  filter: { since?: string; unidentified?: boolean },
): Promise<number> {
  let q = db
    .selectFrom('intake')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', organisationId)
  if (filter.since !== undefined) q = q.where('registered_at', '>=', filter.since)
  if (filter.unidentified !== undefined) {
    q = q.where('unidentified', '=', filter.unidentified ? 1 : 0)
  }
  return Number((await q.executeTakeFirstOrThrow()).n)
}

export async function listCaseDates(
  db: Db,
  organisationId: string,
  since: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('case_file')
    .select('created_at')
    .where('organisation_id', '=', organisationId)
    .where('created_at', '>=', since)
    .execute()
  return rows.map((r) => r.created_at)
}

/** Candidate pairs the engine stored for one record (any run). */
export async function listPairsOfRecord(
  db: Db,
  organisationId: string,
  recordId: string,
): Promise<Array<{ left_id: string; right_id: string }>> {
  return db
    .selectFrom('candidate_pair')
    .select(['left_id', 'right_id'])
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('left_id', '=', recordId), eb('right_id', '=', recordId)]))
    .execute()
}

/** Reviewer decisions on pairs that include one record, oldest first. */
export async function listDecisionsOfRecord(
  db: Db,
  recordId: string,
): Promise<
  Array<{
    left_id: string
    right_id: string
    verdict: string
    reviewer_id: string
    decided_at: string
    organisation_id: string
  }>
> {
  return db
    .selectFrom('review_decision')
    .select(['left_id', 'right_id', 'verdict', 'reviewer_id', 'decided_at', 'organisation_id'])
    .where((eb) => eb.or([eb('left_id', '=', recordId), eb('right_id', '=', recordId)]))
    .orderBy('decided_at')
    .orderBy('id')
    .execute()
}

/** Review-band pairs of one run that no reviewer has decided yet. */
export async function countUnreviewedPairs(
  db: Db,
  organisationId: string,
  runId: string,
): Promise<number> {
  const r = await db
    .selectFrom('candidate_pair as p')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.run_id', '=', runId)
    .where(reviewablePair('p'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('review_decision as d')
            .select('d.id')
            .where('d.organisation_id', '=', organisationId)
            .whereRef('d.left_id', '=', 'p.left_id')
            .whereRef('d.right_id', '=', 'p.right_id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** Cases of an organisation that were ever confirmed (alive or deceased), whatever came after. */
export async function countConfirmedCases(db: Db, organisationId: string): Promise<number> {
  const r = await db
    .selectFrom('case_event as e')
    .innerJoin('case_file as c', 'c.id', 'e.case_id')
    .select((eb) => eb.fn.count<number>('e.case_id').distinct().as('n'))
    .where('c.organisation_id', '=', organisationId)
    .where('e.kind', '=', 'status')
    .where('e.to_status', 'in', ['confirmed_alive', 'confirmed_deceased'])
    .executeTakeFirstOrThrow()
  return Number(r.n)
}

/** When each case of an organisation was confirmed (alive or deceased), since a date. */
export async function listConfirmationDates(
  db: Db,
  organisationId: string,
  since: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('case_event as e')
    .innerJoin('case_file as c', 'c.id', 'e.case_id')
    .select('e.at')
    .where('c.organisation_id', '=', organisationId)
    .where('e.kind', '=', 'status')
    .where('e.to_status', 'in', ['confirmed_alive', 'confirmed_deceased'])
    .where('e.at', '>=', since)
    .execute()
  return rows.map((r) => r.at)
}
