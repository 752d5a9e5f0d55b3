import type { Command } from 'commander'
import { migrateDatabase, openHandle, resolveDatabaseUrl } from '../../services/runtime.js'
import { createOutput } from '../output.js'
import { CliError } from '../cli-error.js'
import { addDbOption, addJsonOption, type DbOptions } from './common.js'

export function register(program: Command): void {
  const cmd = program
    .command('migrate')
    .description('apply database migrations (SQLite or PostgreSQL)')
  addJsonOption(addDbOption(cmd)).action(async (opts: DbOptions) => {
    const out = createOutput(opts.json ?? false)
    const handle = openHandle(resolveDatabaseUrl(opts))
    try {
      const outcome = await migrateDatabase(handle)
      if (outcome.error) {
        throw new CliError(`migration failed on ${handle.location}: ${outcome.error}`, 70)
      }
      out.data({ database: handle.location, dialect: handle.dialect, applied: outcome.applied })
      out.line(
        outcome.applied.length === 0
          ? `${handle.location}: already up to date`
          : `${handle.location}: applied ${outcome.applied.join(', ')}`,
      )
    } finally {
      await handle.close()
    }
  })
}
