/**
 * The dashboard: counts for the actor's organisation and a 30-day series. Counts only —
 * no names, no ids of persons — so every role holding `stats.read` (viewers included)
 * may see it (ICRC need-to-know: aggregates are not person data).
 */
import * as repo from '../db/case.repository.js'
import { findLatestRun } from '../db/linkage.repository.js'
import type { Actor } from '../core/access/policy.js'
import { CASE_STATUSES, type CaseStatus } from '../core/cases/case-status.js'
import { authorize } from './authorize.js'
import type { ServiceContext } from './context.js'

export const SERIES_DAYS = 30

export interface DashboardDay {
  /** YYYY-MM-DD (UTC). */
  day: string
  cases: number
  confirmedMatches: number
}

export interface Dashboard {
  openCases: number
  casesByStatus: Record<CaseStatus, number>
  unreviewedPairs: number
  intakesToday: number
  unidentifiedPersons: number
  openTasksForYou: number
  /** To date: cases filed, people registered at the gates, cases confirmed (alive or deceased). */
  totals: { reports: number; intakes: number; confirmed: number }
  series: DashboardDay[]
}

/** Counts and the daily series for the actor's organisation. */
export async function getDashboard(ctx: ServiceContext, actor: Actor): Promise<Dashboard> {
  await authorize(ctx, actor, 'stats.read', { organisationId: actor.organisationId })
  const db = ctx.handle.db
  const org = actor.organisationId
  const now = ctx.clock()
  const today = now.toISOString().slice(0, 10)
  const byStatus = Object.fromEntries(CASE_STATUSES.map((s) => [s, 0])) as Record<
    CaseStatus,
    number
  >
  for (const { status, n } of await repo.countCasesByStatus(db, org)) {
    if (status in byStatus) byStatus[status as CaseStatus] = n
  }
  const run = await findLatestRun(db, org)
  const tasks = (await repo.listTaskRows(db, org, 'open')).filter(
    (t) =>
      t.assignee_user_id === actor.userId ||
      (t.assignee_user_id === null && t.assignee_role === actor.role),
  )
  const first = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (SERIES_DAYS - 1)),
  )
  const since = first.toISOString()
  const series: DashboardDay[] = []
  const index = new Map<string, DashboardDay>()
  for (let i = 0; i < SERIES_DAYS; i++) {
    const day = new Date(first.getTime() + i * 86_400_000).toISOString().slice(0, 10)
    const item = { day, cases: 0, confirmedMatches: 0 }
    series.push(item)
    index.set(day, item)
  }
  for (const at of await repo.listCaseDates(db, org, since)) {
    const item = index.get(at.slice(0, 10))
    if (item) item.cases += 1
  }
  for (const at of await repo.listConfirmationDates(db, org, since)) {
    const item = index.get(at.slice(0, 10))
    if (item) item.confirmedMatches += 1
  }
  return {
    openCases: CASE_STATUSES.filter((s) => s !== 'closed').reduce((sum, s) => sum + byStatus[s], 0),
    casesByStatus: byStatus,
    unreviewedPairs: run ? await repo.countUnreviewedPairs(db, org, run.id) : 0,
    intakesToday: await repo.countIntakes(db, org, { since: `${today}T00:00:00.000Z` }),
    unidentifiedPersons: await repo.countIntakes(db, org, { unidentified: true }),
    openTasksForYou: tasks.length,
    totals: {
      reports: CASE_STATUSES.reduce((sum, s) => sum + byStatus[s], 0),
      intakes: await repo.countIntakes(db, org, {}),
      confirmed: await repo.countConfirmedCases(db, org),
    },
    series,
  }
}
