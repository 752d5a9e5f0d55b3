import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import {
  addUser,
  disableUser,
  findOrCreateOrganisation,
  listOrganisations,
  listUsers,
} from '../../services/access.service.js'
import { ROLES } from '../../core/access/roles.js'
import { createOutput } from '../output.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

interface AddOptions extends DbOptions {
  role: string
  org: string
  name?: string
  password?: string
}

export function register(program: Command): void {
  const user = program
    .command('user')
    .description('manage user accounts (run by the operator of the machine)')

  addJsonOption(addDbOption(user.command('add <username>')))
    .description(
      'add a user; prints a generated password once unless --password or ATHAR_PASSWORD is given',
    )
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .requiredOption('--org <name>', 'organisation name (created if new)')
    .option('--name <display-name>', 'display name')
    .option(
      '--password <password>',
      'initial password (prefer ATHAR_PASSWORD: command lines are visible to other users)',
    )
    .action(async (username: string, opts: AddOptions) => {
      const out = createOutput(opts.json ?? false)
      await withRuntime(opts, async (ctx) => {
        const org = await findOrCreateOrganisation(ctx, opts.org)
        const given = opts.password ?? process.env.ATHAR_PASSWORD
        const password = given ?? randomBytes(12).toString('base64url')
        const created = await addUser(ctx, undefined, {
          username,
          role: opts.role,
          organisationId: org.id,
          displayName: opts.name,
          password,
        })
        out.data({ ...created, organisationName: org.name, ...(given ? {} : { password }) })
        out.line(
          `added ${created.username} (${created.role}) to ${org.name}${given ? '' : `; password: ${password}  (shown once)`}`,
        )
      })
    })

  addJsonOption(addDbOption(user.command('disable <username>')))
    .description('disable a user and end all their sessions')
    .action(async (username: string, opts: DbOptions) => {
      const out = createOutput(opts.json ?? false)
      await withRuntime(opts, async (ctx) => {
        const u = await disableUser(ctx, undefined, username)
        out.data(u)
        out.line(`disabled ${u.username}; all sessions ended`)
      })
    })

  addJsonOption(addDbOption(user.command('list')))
    .description('list users')
    .action(async (opts: DbOptions) => {
      const out = createOutput(opts.json ?? false)
      await withRuntime(opts, async (ctx) => {
        const orgs = new Map((await listOrganisations(ctx)).map((o) => [o.id, o.name]))
        for (const u of await listUsers(ctx, undefined)) {
          out.data({ ...u, organisationName: orgs.get(u.organisationId) })
          out.line(
            `${u.username.padEnd(24)} ${u.role.padEnd(14)} ${(orgs.get(u.organisationId) ?? '').padEnd(28)} ${u.disabled ? 'disabled' : 'active'}`,
          )
        }
      })
    })
}
