/**
 * The scenes behind a signed-in session, by path. Add a scene here (and give its work area
 * a `path` in role-homes.ts). `roles` limits who sees it; the server enforces access anyway.
 */
import type { Role } from '../../../src/contract/auth.contract.js'

export type SceneId = 'home' | 'intake' | 'report'

export interface Route {
  path: string
  scene: SceneId
  roles?: readonly Role[]
}

export const ROUTES: readonly Route[] = [
  { path: '/', scene: 'home' },
  { path: '/intake', scene: 'intake', roles: ['field_officer', 'caseworker'] },
  { path: '/reports/new', scene: 'report', roles: ['caseworker'] },
]

/** The route for a path and role, or undefined (the app shows "not found"). */
export function findRoute(path: string, role: Role): Route | undefined {
  return ROUTES.find((route) => route.path === path && (route.roles?.includes(role) ?? true))
}
