import { randomBytes } from 'node:crypto'
import type { Command } from 'commander'
import { warmUpSearch } from '../../services/search.service.js'
import { io } from '../io.js'
import {
  isPostgresUrl,
  openRuntime,
  removeSqliteFiles,
  resolveDatabaseUrl,
} from '../../services/runtime.js'
import { addUser, createOrganisation } from '../../services/access.service.js'
import { ROLES, type Role } from '../../core/access/roles.js'
import type { ServiceContext } from '../../services/context.js'
import { startServer } from '../../http/server.js'
import { createOutput, type Output } from '../output.js'
import { CliError } from '../cli-error.js'
import { toCliError } from '../exit-codes.js'
import { addDbOption, addJsonOption, parsePort, type DbOptions } from './common.js'
import { serveUntilSignal } from './serve.command.js'

interface DemoOptions extends DbOptions {
  port?: string
  host?: string
  records?: string
  seedOnly?: boolean
}

export interface DemoUser {
  username: string
  role: Role
  password: string
}

/** A step that fills the demo with more than accounts (records, cases...). */
export type DemoSeeder = (
  ctx: ServiceContext,
  org: { id: string; name: string },
  users: DemoUser[],
  options: { records: number; progress: (text: string) => void },
) => Promise<void>

export const DEMO_SEEDERS: DemoSeeder[] = []

/** Register the demo steps (kept out of module initialisation to avoid import cycles). */
export function registerDemoSeeders(...seeders: DemoSeeder[]): void {
  for (const s of seeders) if (!DEMO_SEEDERS.includes(s)) DEMO_SEEDERS.push(s)
}

/** Create the demo organisation and one user per role with a fresh random password. */
export async function seedDemo(
  ctx: ServiceContext,
  options: { records: number; progress: (text: string) => void },
): Promise<DemoUser[]> {
  const org = await createOrganisation(
    ctx,
    undefined,
    'منظمة أثر التجريبية — Athar demo organisation',
  )
  await createOrganisation(ctx, undefined, 'منظمة شريكة — Partner organisation')
  const users: DemoUser[] = []
  for (const role of ROLES) {
    const username = role.replace('_', '-')
    const password = randomBytes(9).toString('base64url')
    await addUser(ctx, undefined, {
      username,
      role,
      organisationId: org.id,
      password,
      displayName: DEMO_NAMES[role],
    })
    users.push({ username, role, password })
  }
  for (const seeder of DEMO_SEEDERS) await seeder(ctx, org, users, options)
  return users
}

const DEMO_NAMES: Record<Role, string> = {
  admin: 'سلمى — مديرة النظام',
  coordinator: 'Omar — coordinator',
  field_officer: 'رامي — ميداني',
  caseworker: 'ليلى — متابعة الحالات',
  investigator: 'Nadia — investigator',
  reviewer: 'يوسف — مراجع',
  viewer: 'Guest viewer',
}

function printUsers(out: Output, url: string, users: DemoUser[]): void {
  out.data({ url, users })
  out.line('')
  out.line(`Athar demo is running at ${url}`)
  out.line('Demo accounts (passwords are shown once; the database is fresh on every `athar demo`):')
  for (const u of users) {
    out.line(`  ${u.role.padEnd(14)} user: ${u.username.padEnd(15)} password: ${u.password}`)
  }
  out.line('Press Ctrl+C to stop.')
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('demo')))
    .description(
      'create a FRESH demo database (default data/demo.db) with one user per role and demo data, then serve it',
    )
    .option('--port <port>', 'port (default: $PORT or 8080; 0 = any free port)')
    .option('--host <host>', 'address to bind (default 127.0.0.1)')
    .option('--records <n>', 'generated person records to load', '3000')
    .option('--seed-only', 'create the database and exit without serving')
    .action(async (opts: DemoOptions) => {
      const out = createOutput(opts.json ?? false)
      const url = resolveDatabaseUrl({ db: opts.db ?? 'data/demo.db', env: {} })
      if (isPostgresUrl(url)) {
        throw new CliError(
          'the demo only runs on a SQLite file: it deletes and recreates its database',
          64,
        )
      }
      const records = Number(opts.records ?? '3000')
      if (!Number.isInteger(records) || records < 0) {
        throw new CliError(`invalid --records "${opts.records}"`, 64)
      }
      removeSqliteFiles(url)
      let ctx: ServiceContext | undefined
      try {
        ctx = await openRuntime({ db: url })
        const progress = (text: string) => io().err.write(`${text}\n`)
        const users = await seedDemo(ctx, { records, progress })
        if (opts.seedOnly) {
          out.data({ database: url, users })
          out.line(`demo database ready at ${url}`)
          await ctx.handle.close()
          return
        }
        const server = await startServer({ ctx, port: parsePort(opts.port, 8080), host: opts.host })
        warmUpSearch(ctx)
        printUsers(out, server.url, users)
        const handle = ctx.handle
        await serveUntilSignal(async () => {
          await server.close()
          await handle.close()
        })
      } catch (error) {
        await ctx?.handle.close()
        throw toCliError(error)
      }
    })
}
