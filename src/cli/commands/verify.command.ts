import type { Command } from 'commander'
import { io } from '../io.js'
import { verifyAuditChain } from '../../services/audit.service.js'
import { createOutput } from '../output.js'
import { CliError } from '../cli-error.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('verify')))
    .description('walk the audit chain and report the first broken link (exit 1 when broken)')
    .action(async (opts: DbOptions) => {
      const out = createOutput(opts.json ?? false)
      const result = await withRuntime(opts, (ctx) =>
        verifyAuditChain(ctx, (n) => io().err.write(`\rchecked ${n} entries`)),
      )
      out.data(result)
      if (!result.ok) {
        throw new CliError(
          `audit chain broken at entry ${result.firstBrokenSeq ?? '?'}: ${result.message ?? result.reason ?? ''}`,
          1,
        )
      }
      out.line(`audit chain intact: ${result.entriesChecked} entries verified`)
    })
}
