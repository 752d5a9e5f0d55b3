/**
 * The scenes behind a signed-in session, by path. Add a scene here (and give its work area
 * a `path` in role-homes.ts). `roles` limits who sees it; the server enforces access anyway.
 * A path segment `:name` matches one segment and hands it to the scene as `params.name`.
 */
import type { Role } from '../../../src/contract/auth.contract.js'

export type SceneId =
  | 'home'
  | 'intake'
  | 'report'
  | 'cases'
  | 'case'
  | 'review'
  | 'person'
  | 'sources'
  | 'search'
  | 'myIntakes'
  | 'myDecisions'

export interface Route {
  path: string
  scene: SceneId
  roles?: readonly Role[]
}

export interface RouteMatch {
  route: Route
  params: Readonly<Record<string, string>>
}

const CASE_READERS: readonly Role[] = ['coordinator', 'caseworker', 'investigator', 'reviewer']

// The roles that hold record.read (docs/access.md): the person page shows records.
const RECORD_READERS: readonly Role[] = [
  'coordinator',
  'field_officer',
  'caseworker',
  'investigator',
  'reviewer',
]

// The roles that hold record.search (docs/access.md): the records search screen.
const RECORD_SEARCHERS: readonly Role[] = [
  'coordinator',
  'field_officer',
  'caseworker',
  'investigator',
  'reviewer',
]

export const ROUTES: readonly Route[] = [
  { path: '/', scene: 'home' },
  // The home with its dashboard brought into view (the coordinator's "Dashboards" card).
  { path: '/dashboard', scene: 'home' },
  { path: '/intake', scene: 'intake', roles: ['field_officer', 'caseworker'] },
  { path: '/reports/new', scene: 'report', roles: ['caseworker'] },
  // The roles that hold case.read (docs/access.md); the server filters what each may see.
  { path: '/cases', scene: 'cases', roles: CASE_READERS },
  { path: '/cases/:id', scene: 'case', roles: CASE_READERS },
  { path: '/review', scene: 'review', roles: ['reviewer'] },
  { path: '/persons/:id', scene: 'person', roles: RECORD_READERS },
  { path: '/search', scene: 'search', roles: RECORD_SEARCHERS },
  // The roles that hold record.import (docs/access.md); linkage.run is checked inside.
  { path: '/sources', scene: 'sources', roles: ['coordinator', 'caseworker', 'investigator'] },
  // The holders of intake.create see their own intakes; reviewers their own decisions.
  { path: '/intakes/mine', scene: 'myIntakes', roles: ['field_officer', 'caseworker'] },
  { path: '/decisions/mine', scene: 'myDecisions', roles: ['reviewer'] },
]

/** The parameters of `path` under `pattern`, or undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/')
  const got = path.split('/')
  if (want.length !== got.length) return undefined
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const w = want[i] ?? ''
    const g = got[i] ?? ''
    if (w.startsWith(':')) {
      if (g === '') return undefined
      try {
        params[w.slice(1)] = decodeURIComponent(g)
      } catch {
        return undefined
      }
    } else if (w !== g) {
      return undefined
    }
  }
  return params
}

/** The route for a path and role with its parameters, or undefined (the app shows "not found"). */
export function findRoute(path: string, role: Role): RouteMatch | undefined {
  for (const route of ROUTES) {
    if (route.roles && !route.roles.includes(role)) continue
    const params = matchPath(route.path, path)
    if (params) return { route, params }
  }
  return undefined
}
