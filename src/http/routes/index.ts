/** Feature route plugins beyond auth and admin; each receives `{ ctx }`. */
import type { FastifyInstance } from 'fastify'
import type { ServiceContext } from '../../services/context.js'
import { exportRoutes, recordsRoutes } from './records.routes.js'
import { searchRoutes } from './search.routes.js'
import { linkageRoutes } from './linkage.routes.js'
import { casesRoutes } from './cases.routes.js'
import { intakeRoutes } from './intake.routes.js'
import { dashboardRoutes } from './dashboard.routes.js'
import { personsRoutes } from './persons.routes.js'
import { myWorkRoutes } from './my-work.routes.js'

export type RouteRegistrar = (app: FastifyInstance, opts: { ctx: ServiceContext }) => Promise<void>

export const extraRouteRegistrars: RouteRegistrar[] = [
  searchRoutes,
  exportRoutes,
  recordsRoutes,
  linkageRoutes,
  casesRoutes,
  intakeRoutes,
  dashboardRoutes,
  personsRoutes,
  myWorkRoutes,
]
