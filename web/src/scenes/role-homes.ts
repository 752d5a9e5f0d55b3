/**
 * What each role's home shows: its purpose (home.<role>.*) and its work areas (area.<id>.*).
 * The areas are not built yet, so none has a `path`: their cards say "coming". When a scene
 * lands, give its area the scene's path (see scenes/routes.ts).
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

const card = (id: AreaId, primary = false): WorkArea => ({ id, kind: 'card', primary })
const count = (id: AreaId): WorkArea => ({ id, kind: 'count' })

export const ROLE_HOMES: Record<Role, readonly WorkArea[]> = {
  admin: [card('users', true), card('organisations'), card('audit')],
  coordinator: [card('operationsBoard', true), card('teams'), card('dashboards')],
  // Search comes before the intake form on purpose: a person registered twice at the gate
  // splits their trace in two, and a family may already have reported them.
  field_officer: [card('searchFirst', true), card('intake', true), card('myIntakes')],
  caseworker: [card('familyReports', true), card('cases'), card('informFamilies')],
  investigator: [card('recordsSearch', true), card('evidence'), card('sources')],
  reviewer: [card('reviewQueue', true), card('myDecisions')],
  viewer: [count('countReports'), count('countIntakes'), count('countConfirmed')],
}
