/** Options and plumbing every command shares. */
import type { Command } from 'commander'
import { openRuntime } from '../../services/runtime.js'
import type { ServiceContext } from '../../services/context.js'
import { toCliError } from '../exit-codes.js'
import { CliError } from '../cli-error.js'

export interface DbOptions {
  db?: string
  json?: boolean
}

export function addDbOption(cmd: Command): Command {
  return cmd.option(
    '--db <path-or-url>',
    'SQLite file or postgres:// URL (default: $DATABASE_URL or data/athar.db)',
  )
}

export function addJsonOption(cmd: Command): Command {
  return cmd.option('--json', 'machine-readable output (JSON)')
}

/** Open the runtime, run `fn`, always close; map domain errors to one-line failures. */
export async function withRuntime<T>(
  opts: DbOptions,
  fn: (ctx: ServiceContext) => Promise<T>,
): Promise<T> {
  let ctx: ServiceContext | undefined
  try {
    ctx = await openRuntime({ db: opts.db })
    return await fn(ctx)
  } catch (error) {
    throw toCliError(error)
  } finally {
    await ctx?.handle.close()
  }
}

export function parsePort(value: string | undefined, fallback: number): number {
  const raw = value ?? process.env.PORT
  if (raw === undefined || raw === '') return fallback
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`invalid port "${raw}": use a number from 0 to 65535`, 64)
  }
  return port
}
