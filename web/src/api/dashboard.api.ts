/**
 * The home dashboard's call. The shape mirrors src/services/dashboard.service.ts
 * (Dashboard): counts and a daily series only, never names, so every role may read it.
 */
import type { CaseStatus } from './cases.api.js'
import { requestJson, type ApiResult } from './http-client.js'

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
  totals?: { reports: number; intakes: number; confirmed: number }
  series: DashboardDay[]
}

/** Counts and the 30-day series of the user's organisation. */
export function getDashboard(): Promise<ApiResult<Dashboard>> {
  return requestJson<Dashboard>('GET', '/api/dashboard')
}
