/**
 * What each role's home shows: its purpose (home.<role>.*) and its work areas (area.<id>.*).
 * An area without a `path` is not built yet: its card says "coming". When a scene lands,
 * give its area the scene's path (see scenes/routes.ts).
 */
import type { Role } from '../../../src/contract/auth.contract.js'

export type AreaId =
  | 'users'
  | 'organisations'
  | 'audit'
  | 'operationsBoard'
  | 'teams'
  | 'dashboards'
  | 'intake'
  | 'searchFirst'
  | 'myIntakes'
  | 'familyReports'
  | 'cases'
  | 'informFamilies'
  | 'recordsSearch'
  | 'evidence'
  | 'sources'
  | 'reviewQueue'
  | 'myDecisions'
  | 'countReports'
  | 'countIntakes'
  | 'countConfirmed'

export interface WorkArea {
  id: AreaId
  /** 'count' shows a figure (the viewer sees counts only), 'card' a place to work. */
  kind: 'card' | 'count'
  /** The one thing the role does most; shown first and stronger. */
  primary?: boolean
  /** The scene's path once it exists; without one the card is marked "coming". */
  path?: string
}

const card = (id: AreaId, primary = false, path?: string): WorkArea => ({
  id,
  kind: 'card',
  primary,
  ...(path === undefined ? {} : { path }),
})
const count = (id: AreaId): WorkArea => ({ id, kind: 'count' })

export const ROLE_HOMES: Record<Role, readonly WorkArea[]> = {
  admin: [card('users', true), card('organisations'), card('audit')],
  // The dashboard is drawn on every home; /dashboard is the home scrolled to it.
  coordinator: [
    card('operationsBoard', true),
    card('teams'),
    card('dashboards', false, '/dashboard'),
    card('sources', false, '/sources'),
  ],
  // Search comes before the intake form on purpose: a person registered twice at the gate
  // splits their trace in two, and a family may already have reported them.
  field_officer: [
    card('searchFirst', true, '/search'),
    card('intake', true, '/intake'),
    card('myIntakes', false, '/intakes/mine'),
  ],
  caseworker: [
    card('familyReports', true, '/reports/new'),
    card('cases', false, '/cases'),
    card('informFamilies', false, '/cases?status=inform'),
    card('intake', false, '/intake'),
    card('myIntakes', false, '/intakes/mine'),
    card('recordsSearch', false, '/search'),
    // Families bring lists too (a neighbourhood's missing, a WhatsApp group's sheet).
    card('sources', false, '/sources'),
  ],
  investigator: [
    card('recordsSearch', true, '/search'),
    card('evidence'),
    card('sources', false, '/sources'),
  ],
  reviewer: [card('reviewQueue', true, '/review'), card('myDecisions', false, '/decisions/mine')],
  viewer: [count('countReports'), count('countIntakes'), count('countConfirmed')],
}
