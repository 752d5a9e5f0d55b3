import type { Command } from 'commander'
import { actAsUser } from '../../services/access.service.js'
import { searchRecords } from '../../services/search.service.js'
import { createOutput } from '../output.js'
import { CliError } from '../cli-error.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

interface SearchOptions extends DbOptions {
  user: string
  limit?: string
  sex?: string
  bornFrom?: string
  bornTo?: string
  birthPlace?: string
  source?: string
  detentionPlace?: string
}

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n)) throw new CliError(`${name} must be a whole number, not "${value}"`, 64)
  return n
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('search <query>')))
    .description(
      'search records by name, Arabic or Latin, whole or partial; --json prints JSON Lines, one ranked record a line',
    )
    .requiredOption('--user <username>', 'the account the search is made as (access and audit)')
    .option('--limit <n>', 'results (1–100)', '10')
    .option('--sex <M|F>', 'filter by sex')
    .option('--born-from <year>', 'birth year from (inclusive)')
    .option('--born-to <year>', 'birth year to (inclusive)')
    .option('--birth-place <place>', 'birth place (a governorate includes its towns)')
    .option('--source <kind>', 'source kind (register, ngo-list, family-report, ...)')
    .option('--detention-place <place>', 'detention place')
    .action(async (query: string, opts: SearchOptions) => {
      const out = createOutput(opts.json ?? false)
      if (opts.sex !== undefined && opts.sex !== 'M' && opts.sex !== 'F') {
        throw new CliError('--sex must be M or F', 64)
      }
      await withRuntime(opts, async (ctx) => {
        const actor = await actAsUser(ctx, opts.user)
        const items = await searchRecords(ctx, actor, {
          q: query,
          limit: int(opts.limit, '--limit'),
          filters: {
            sex: opts.sex as 'M' | 'F' | undefined,
            birthYearFrom: int(opts.bornFrom, '--born-from'),
            birthYearTo: int(opts.bornTo, '--born-to'),
            birthPlace: opts.birthPlace,
            sourceKind: opts.source,
            detentionPlace: opts.detentionPlace,
          },
        })
        for (const [i, item] of items.entries()) {
          const f = item.record.fields
          out.data({
            record_id: f.record_id,
            id: item.record.id,
            score: Number(item.score.toFixed(4)),
            source: item.record.provenance.source_kind,
            fields: f,
          })
          const name =
            f.full_name ??
            [f.first_name, f.father_name, f.grandfather_name, f.family_name]
              .filter(Boolean)
              .join(' ')
          out.line(
            `${String(i + 1).padStart(3)}. ${item.score.toFixed(3)}  ${name}  ${f.mother_name ? `(mother: ${f.mother_name}) ` : ''}${f.birth_date ?? ''}  [${item.record.provenance.source_kind} ${f.record_id}]`,
          )
        }
        if (items.length === 0) out.line('no matching records')
      })
    })
}
