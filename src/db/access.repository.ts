/** Organisations, users, sessions and login throttling. */
import type { Kysely } from 'kysely'
import { executeCompiled } from './compiled-query.js'
import type {
  AppUserRow,
  Database,
  NewAppUserRow,
  OrganisationRow,
  SessionRow,
} from './database.js'

type Db = Kysely<Database>

export async function insertOrganisation(db: Db, row: OrganisationRow): Promise<void> {
  await db.insertInto('organisation').values(row).execute()
}

export async function findOrganisationById(
  db: Db,
  id: string,
): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findOrganisationsByIds(
  db: Db,
  ids: readonly string[],
): Promise<OrganisationRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('organisation').selectAll().where('id', 'in', ids).execute()
}

export async function findOrganisationByName(
  db: Db,
  name: string,
): Promise<OrganisationRow | undefined> {
  return db.selectFrom('organisation').selectAll().where('name', '=', name).executeTakeFirst()
}

export async function listOrganisations(db: Db): Promise<OrganisationRow[]> {
  return db.selectFrom('organisation').selectAll().orderBy('name').execute()
}

export async function insertUser(db: Db, row: NewAppUserRow): Promise<void> {
  await db.insertInto('app_user').values(row).execute()
}

export async function findUserByUsername(
  db: Db,
  username: string,
): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()
}

export async function findUserById(db: Db, id: string): Promise<AppUserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findUsersByIds(db: Db, ids: readonly string[]): Promise<AppUserRow[]> {
  if (ids.length === 0) return []
  return db.selectFrom('app_user').selectAll().where('id', 'in', ids).execute()
}

export async function listUsers(db: Db, organisationId?: string): Promise<AppUserRow[]> {
  let q = db.selectFrom('app_user').selectAll()
  if (organisationId !== undefined) q = q.where('organisation_id', '=', organisationId)
  return q.orderBy('username').execute()
}

export async function setUserDisabled(db: Db, id: string, at: string): Promise<void> {
  await db
    .updateTable('app_user')
    .set({ disabled: 1, disabled_at: at })
    .where('id', '=', id)
    .execute()
}

export async function updateUserPasswordHash(db: Db, id: string, hash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: hash }).where('id', '=', id).execute()
}

export async function insertSession(db: Db, row: SessionRow): Promise<void> {
  await db.insertInto('session').values(row).execute()
}

/** A session with its user and the user's organisation name, in one statement (every request). */
export async function findSessionWithUser(
  db: Db,
  idHash: string,
): Promise<
  { session: SessionRow; user: AppUserRow | undefined; organisationName: string } | undefined
> {
  const [row] = await executeCompiled(db, 'session-with-user', [idHash], () =>
    db
      .selectFrom('session')
      .leftJoin('app_user', 'app_user.id', 'session.user_id')
      .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
      .selectAll('session')
      .select([
        'app_user.id as u_id',
        'app_user.organisation_id as u_organisation_id',
        'app_user.username as u_username',
        'app_user.display_name as u_display_name',
        'app_user.role as u_role',
        'app_user.password_hash as u_password_hash',
        'app_user.disabled as u_disabled',
        'app_user.created_at as u_created_at',
        'app_user.disabled_at as u_disabled_at',
        'organisation.name as o_name',
      ])
      .where('session.id_hash', '=', idHash),
  )
  if (row === undefined) return undefined
  const {
    u_id,
    u_organisation_id,
    u_username,
    u_display_name,
    u_role,
    u_password_hash,
    u_disabled,
    u_created_at,
    u_disabled_at,
    o_name,
    ...session
  } = row
  // A left join: the user columns are all null when the user row is gone.
  const user: AppUserRow | undefined =
    u_id === null ||
    u_organisation_id === null ||
    u_username === null ||
    u_display_name === null ||
    u_role === null ||
    u_password_hash === null ||
    u_disabled === null ||
    u_created_at === null
      ? undefined
      : {
          id: u_id,
          organisation_id: u_organisation_id,
          username: u_username,
          display_name: u_display_name,
          role: u_role,
          password_hash: u_password_hash,
          disabled: Number(u_disabled),
          created_at: u_created_at,
          disabled_at: u_disabled_at,
        }
  return { session, user, organisationName: o_name ?? '' }
}

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute()
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute()
}

export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const r = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst()
  return Number(r.numDeletedRows)
}

export interface ThrottleRow {
  key: string
  failures: number
  window_started_at: string
  locked_until: string | null
}

export async function findThrottle(db: Db, key: string): Promise<ThrottleRow | undefined> {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst()
}

export async function saveThrottle(db: Db, row: ThrottleRow): Promise<void> {
  await db
    .insertInto('login_throttle')
    .values(row)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        failures: row.failures,
        window_started_at: row.window_started_at,
        locked_until: row.locked_until,
      }),
    )
    .execute()
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute()
}
