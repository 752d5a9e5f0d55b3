import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Command } from 'commander'
import { actAsUser } from '../../services/access.service.js'
import { openExport, type ExportFormat } from '../../services/record-formats.js'
import { createOutput } from '../output.js'
import { CliError } from '../cli-error.js'
import { io } from '../io.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

interface ExportOptions extends DbOptions {
  user: string
  format: string
  out?: string
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('export')))
    .description(
      'export the records you may export, with provenance: PFIF 1.4, JSON Lines or CSV (formula cells neutralised)',
    )
    .requiredOption('--user <username>', 'the account the export is made as (access and audit)')
    .requiredOption('--format <format>', 'pfif, jsonl or csv')
    .option('--out <file>', 'write to a file (default: standard output)')
    .action(async (opts: ExportOptions) => {
      if (!['pfif', 'jsonl', 'csv'].includes(opts.format)) {
        throw new CliError(`--format must be pfif, jsonl or csv, not "${opts.format}"`, 64)
      }
      const summary = createOutput(opts.json ?? false, io().err)
      await withRuntime(opts, async (ctx) => {
        const actor = await actAsUser(ctx, opts.user)
        const stream = opts.out ? createWriteStream(opts.out, { flags: 'wx' }) : undefined
        if (stream) {
          await Promise.race([
            once(stream, 'open'),
            once(stream, 'error').then(([e]) =>
              Promise.reject(
                new CliError(`cannot write ${opts.out ?? ''}: ${(e as Error).message}`, 73),
              ),
            ),
          ])
        }
        let bytes = 0
        for await (const chunk of await openExport(ctx, actor, opts.format as ExportFormat)) {
          bytes += Buffer.byteLength(chunk)
          if (stream) {
            if (!stream.write(chunk)) await once(stream, 'drain')
          } else io().out.write(chunk)
        }
        if (stream) {
          stream.end()
          await once(stream, 'finish')
          summary.line(`wrote ${bytes} bytes of ${opts.format} to ${opts.out ?? ''}`)
        }
      })
    })
}
