/** Test data from factories with overrides (house style), never shared dumps. */
import type { Role } from '../../src/core/access/roles.js'
import { ROLES } from '../../src/core/access/roles.js'
import {
  addUser,
  createOrganisation,
  type Organisation,
  type User,
} from '../../src/services/access.service.js'
import type { ServiceContext } from '../../src/services/context.js'

export const TEST_PASSWORD = 'correct horse battery staple'

let counter = 0

export async function buildOrganisation(ctx: ServiceContext, name?: string): Promise<Organisation> {
  counter += 1
  return createOrganisation(ctx, undefined, name ?? `Org ${counter}`)
}

export async function buildUser(
  ctx: ServiceContext,
  overrides: { role?: Role; organisationId: string; username?: string; password?: string },
): Promise<User> {
  counter += 1
  return addUser(ctx, undefined, {
    username: overrides.username ?? `${overrides.role ?? 'viewer'}${counter}`,
    role: overrides.role ?? 'viewer',
    organisationId: overrides.organisationId,
    password: overrides.password ?? TEST_PASSWORD,
  })
}

/** One user per role in one organisation. */
export async function buildTeam(
  ctx: ServiceContext,
  organisationId: string,
): Promise<Record<Role, User>> {
  const team = {} as Record<Role, User>
  for (const role of ROLES) {
    team[role] = await buildUser(ctx, {
      role,
      organisationId,
      username: `${role.replace('_', '-')}-${organisationId.slice(0, 6)}`,
    })
  }
  return team
}
