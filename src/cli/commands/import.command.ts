import { readFile, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Command } from 'commander'
import { io } from '../io.js'
import { actAsUser } from '../../services/access.service.js'
import { importRecords, type ImportFormat } from '../../services/record.service.js'
import { DomainError } from '../../core/errors.js'
import { createOutput } from '../output.js'
import { createProgress } from '../progress.js'
import { CliError } from '../cli-error.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

interface ImportOptions extends DbOptions {
  user: string
  source: string
  document?: string
  map: string[]
  sheet?: string
  format?: string
}

const MAX_FILE_BYTES = 500 * 1024 * 1024

/** Parse repeated `--map "Column name=field"` options. */
export function parseMapOptions(values: readonly string[]): Record<string, string> | undefined {
  if (values.length === 0) return undefined
  const mapping: Record<string, string> = {}
  for (const v of values) {
    const eq = v.lastIndexOf('=')
    if (eq <= 0 || eq === v.length - 1) {
      throw new CliError(`--map "${v}": write it as "Column name=field"`, 64)
    }
    mapping[v.slice(0, eq).trim()] = v.slice(eq + 1).trim()
  }
  return mapping
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('import <file>')))
    .description(
      'import a CSV (UTF-8 or Windows-1256), XLSX or PFIF file of person records, all or nothing',
    )
    .requiredOption(
      '--user <username>',
      'the account the import is made as (provenance and access)',
    )
    .option(
      '--source <kind>',
      'kind of source for rows that do not say: register, ngo-list, family-report, intake, photo-index, morgue',
      'register',
    )
    .option('--document <title>', 'title or reference of the document or list')
    .option(
      '--map <column=field>',
      'map a column to a record field (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--sheet <name>', 'XLSX: the sheet to read (default the first)')
    .option('--format <format>', 'csv, xlsx or pfif (default: detected)')
    .action(async (file: string, opts: ImportOptions) => {
      const out = createOutput(opts.json ?? false)
      if (opts.format !== undefined && !['csv', 'xlsx', 'pfif'].includes(opts.format)) {
        throw new CliError(`--format must be csv, xlsx or pfif, not "${opts.format}"`, 64)
      }
      let size: number
      try {
        size = (await stat(file)).size
      } catch {
        throw new CliError(`cannot read ${file}: no such file`, 66)
      }
      if (size > MAX_FILE_BYTES) {
        throw new CliError(`${file} is larger than 500 MB; split it into several files`, 65)
      }
      const bytes = await readFile(file)
      const columnMapping = parseMapOptions(opts.map)
      await withRuntime(opts, async (ctx) => {
        const actor = await actAsUser(ctx, opts.user)
        const progress = createProgress(`import ${basename(file)}`, !opts.json)
        try {
          const outcome = await importRecords(ctx, actor, {
            bytes,
            fileName: basename(file),
            format: opts.format as ImportFormat | undefined,
            sourceKind: opts.source,
            document: opts.document,
            sheet: opts.sheet,
            columnMapping,
            onProgress: (f, stage) => progress.update(f, stage),
          })
          progress.stop()
          out.data(outcome)
          if (outcome.alreadyImported) {
            out.line(
              `already imported: this file (sha256 ${outcome.fileSha256.slice(0, 12)}…) is batch ${outcome.batchId}; nothing changed`,
            )
          } else {
            out.line(
              `imported ${outcome.recordCount} records from ${basename(file)} (${outcome.format}${outcome.encoding ? `, ${outcome.encoding}` : ''}) as batch ${outcome.batchId}`,
            )
          }
          for (const w of outcome.warnings.slice(0, 20)) {
            out.line(
              `  warning: ${w.row !== undefined ? `row ${w.row}, ` : ''}${w.column ? `column "${w.column}": ` : ''}${w.reason}`,
            )
          }
          if (outcome.warnings.length > 20) {
            out.line(`  … and ${outcome.warnings.length - 20} more warnings`)
          }
        } catch (error) {
          progress.stop()
          if (error instanceof DomainError && error.code === 'import_rejected') {
            // The report a person fixes the file from: every problem on stderr, one per line.
            for (const p of error.problems.slice(0, 200)) {
              io().err.write(
                `  ${p.row !== undefined ? `row ${p.row}` : 'file'}${p.field !== 'file' ? `, column "${p.field}"` : ''}${p.value !== undefined ? `, value "${p.value}"` : ''}: ${p.message}\n`,
              )
            }
            if (opts.json) out.data({ ok: false, problems: error.problems })
            throw new CliError(error.message, 65)
          }
          throw error
        }
      })
    })
}
