/** Linkage runs, candidate pairs, reviewer decisions, and persons with stable ids. */
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely'
import type {
  CandidatePairRow,
  Database,
  LinkageRunRow,
  PersonEventRow,
  PersonMemberRow,
  PersonRecordRow,
  PersonRow,
  ReviewDecisionRow,
} from './database.js'

type Db = Kysely<Database>

// SQLite allows 32,766 bound parameters per statement; the widest row here has 12 columns.
const CHUNK = 500
const IN_CHUNK = 500

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

export async function insertRun(db: Db, row: LinkageRunRow): Promise<void> {
  await db.insertInto('linkage_run').values(row).execute()
}

export async function updateRun(
  db: Db,
  id: string,
  changes: Partial<Omit<LinkageRunRow, 'id'>>,
): Promise<void> {
  await db.updateTable('linkage_run').set(changes).where('id', '=', id).execute()
}

/** The organisation's newest succeeded run (the one whose model and pairs are current). */
export async function findLatestRun(
  db: Db,
  organisationId: string,
): Promise<LinkageRunRow | undefined> {
  return db
    .selectFrom('linkage_run')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'succeeded')
    .orderBy('finished_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst()
}

/** Store scored pairs; a pair already stored for the run is kept as it was. */
export async function insertPairs(db: Db, rows: readonly CandidatePairRow[]): Promise<void> {
  for (const slice of chunks(rows, CHUNK)) {
    await db
      .insertInto('candidate_pair')
      .values(slice)
      .onConflict((oc) => oc.columns(['run_id', 'left_id', 'right_id']).doNothing())
      .execute()
  }
}

export async function findPair(
  db: Db,
  runId: string,
  leftId: string,
  rightId: string,
): Promise<CandidatePairRow | undefined> {
  return db
    .selectFrom('candidate_pair')
    .selectAll()
    .where('run_id', '=', runId)
    .where('left_id', '=', leftId)
    .where('right_id', '=', rightId)
    .executeTakeFirst()
}

/** The stored candidate pairs of one record in a run, most likely first. */
export async function listPairsOfRecordInRun(
  db: Db,
  runId: string,
  recordId: string,
  limit: number,
): Promise<CandidatePairRow[]> {
  return db
    .selectFrom('candidate_pair')
    .selectAll()
    .where('run_id', '=', runId)
    .where((eb) => eb.or([eb('left_id', '=', recordId), eb('right_id', '=', recordId)]))
    .orderBy('probability', 'desc')
    .orderBy('left_id')
    .orderBy('right_id')
    .limit(limit)
    .execute()
}

/**
 * Which stored pairs a person must look at: the review band; sensitive auto-links (a
 * deceased record); and auto-links that touch a family's case still waiting for an
 * answer — the engine may propose "possible match", but only a reviewer confirms one
 * (tracing-anchors §5), so those pairs are never settled by the score alone.
 */
export function reviewablePair(alias: string): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`)
  return sql<SqlBool>`(${col('band')} = 'review' or (${col('band')} = 'auto-link' and (${col('sensitive')} = 1 or ${touchesWaitingCase(alias)})))`
}

/** True when either record of the pair is the subject of a case that is open or a possible match. */
export function touchesWaitingCase(alias: string): RawBuilder<SqlBool> {
  const col = (c: string) => sql.ref(`${alias}.${c}`)
  return sql<SqlBool>`exists (select 1 from case_file wc where wc.status in ('open', 'possible_match') and wc.record_id in (${col('left_id')}, ${col('right_id')}))`
}

/** Pairs a reviewer may be asked about: a family's case first, then the most uncertain. */
export async function listReviewablePairs(
  db: Db,
  runId: string,
  offset: number,
  limit: number,
  options: { sensitiveOnly?: boolean } = {},
): Promise<CandidatePairRow[]> {
  let query = db
    .selectFrom('candidate_pair as p')
    .selectAll('p')
    .where('p.run_id', '=', runId)
    .where(reviewablePair('p'))
  // Only a sensitive pair can wait for a second reviewer.
  if (options.sensitiveOnly === true) query = query.where('p.sensitive', '=', 1)
  return query
    .orderBy(sql`case when ${touchesWaitingCase('p')} then 0 else 1 end`)
    .orderBy(sql`abs(p.probability - 0.5)`)
    .orderBy('p.left_id')
    .orderBy('p.right_id')
    .offset(offset)
    .limit(limit)
    .execute()
}

/** Auto-link edges (not sensitive) of a run, optionally only those touching some records. */
export async function listAutoLinks(
  db: Db,
  runId: string,
  touching?: readonly string[],
): Promise<Array<Pick<CandidatePairRow, 'left_id' | 'right_id' | 'weight'>>> {
  const base = db
    .selectFrom('candidate_pair')
    .select(['left_id', 'right_id', 'weight'])
    .where('run_id', '=', runId)
    .where('band', '=', 'auto-link')
    .where('sensitive', '=', 0)
  if (touching === undefined) return base.execute()
  const out = new Map<string, Pick<CandidatePairRow, 'left_id' | 'right_id' | 'weight'>>()
  // One query per side, so each uses its index ((run_id, left_id, …) and (run_id, right_id)).
  for (const side of ['left_id', 'right_id'] as const) {
    for (const slice of chunks(touching, IN_CHUNK)) {
      for (const row of await base.where(side, 'in', slice).execute()) {
        out.set(`${row.left_id}:${row.right_id}`, row)
      }
    }
  }
  return [...out.values()]
}

export async function insertDecision(db: Db, row: ReviewDecisionRow): Promise<void> {
  await db.insertInto('review_decision').values(row).execute()
}

/** Decisions on the given pairs, oldest first. */
export async function listDecisionsForPairs(
  db: Db,
  organisationId: string,
  pairKeys: readonly string[],
): Promise<ReviewDecisionRow[]> {
  const out: ReviewDecisionRow[] = []
  for (const slice of chunks(pairKeys, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('review_decision')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('pair_key', 'in', slice)
        .execute()),
    )
  }
  return out.sort((a, b) => a.decided_at.localeCompare(b.decided_at) || a.id.localeCompare(b.id))
}

/** Decisions touching any of the records (or all the organisation's when `touching` is absent), oldest first. */
export async function listDecisions(
  db: Db,
  organisationId: string,
  touching?: readonly string[],
): Promise<ReviewDecisionRow[]> {
  const base = db
    .selectFrom('review_decision')
    .selectAll()
    .where('organisation_id', '=', organisationId)
  let rows: ReviewDecisionRow[]
  if (touching === undefined) rows = await base.execute()
  else {
    const byId = new Map<string, ReviewDecisionRow>()
    for (const side of ['left_id', 'right_id'] as const) {
      for (const slice of chunks(touching, IN_CHUNK)) {
        for (const row of await base.where(side, 'in', slice).execute()) byId.set(row.id, row)
      }
    }
    rows = [...byId.values()]
  }
  return rows.sort((a, b) => a.decided_at.localeCompare(b.decided_at) || a.id.localeCompare(b.id))
}

export async function findMemberships(
  db: Db,
  recordIds: readonly string[],
): Promise<PersonMemberRow[]> {
  const out: PersonMemberRow[] = []
  for (const slice of chunks(recordIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('person_member')
        .selectAll()
        .where('record_id', 'in', slice)
        .execute()),
    )
  }
  return out
}

export async function listMembersOfPersons(
  db: Db,
  personIds: readonly string[],
): Promise<PersonMemberRow[]> {
  const out: PersonMemberRow[] = []
  for (const slice of chunks(personIds, IN_CHUNK)) {
    out.push(
      ...(await db
        .selectFrom('person_member')
        .selectAll()
        .where('person_id', 'in', slice)
        .execute()),
    )
  }
  return out
}

export async function listMemberships(db: Db, organisationId: string): Promise<PersonMemberRow[]> {
  return db
    .selectFrom('person_member')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .execute()
}

/** Put records in persons (replacing any earlier membership). */
export async function upsertMemberships(db: Db, rows: readonly PersonMemberRow[]): Promise<void> {
  for (const slice of chunks(rows, CHUNK)) {
    await db
      .deleteFrom('person_member')
      .where(
        'record_id',
        'in',
        slice.map((r) => r.record_id),
      )
      .execute()
    await db.insertInto('person_member').values(slice).execute()
  }
}

export async function insertPersons(db: Db, rows: readonly PersonRow[]): Promise<void> {
  for (const slice of chunks(rows, CHUNK)) await db.insertInto('person').values(slice).execute()
}

export async function updatePerson(
  db: Db,
  id: string,
  changes: Partial<Omit<PersonRow, 'id' | 'organisation_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('person').set(changes).where('id', '=', id).execute()
}

export async function findPersonById(db: Db, id: string): Promise<PersonRow | undefined> {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function insertPersonEvents(db: Db, rows: readonly PersonEventRow[]): Promise<void> {
  for (const slice of chunks(rows, CHUNK)) {
    await db.insertInto('person_event').values(slice).execute()
  }
}

/** Events of a person, and events of other persons that name it (merged into it, split from it). */
export async function listPersonEvents(db: Db, personId: string): Promise<PersonEventRow[]> {
  return db
    .selectFrom('person_event')
    .selectAll()
    .where((eb) => eb.or([eb('person_id', '=', personId), eb('other_person_id', '=', personId)]))
    .orderBy('at')
    .orderBy('id')
    .execute()
}

/** Records of an organisation, within the given sensitivities, that belong to no person yet. */
export async function listUnlinkedRecords(
  db: Db,
  organisationId: string,
  sensitivities: readonly string[],
  limit: number,
): Promise<PersonRecordRow[]> {
  return db
    .selectFrom('person_record')
    .leftJoin('person_member', 'person_member.record_id', 'person_record.id')
    .selectAll('person_record')
    .where('person_record.organisation_id', '=', organisationId)
    .where('person_record.sensitivity', 'in', [...sensitivities])
    .where('person_member.record_id', 'is', null)
    .orderBy('person_record.created_at')
    .orderBy('person_record.id')
    .limit(limit)
    .execute()
}
