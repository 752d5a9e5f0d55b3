/** `athar model show [FILE]`: print a saved linkage model (or the untrained starting model). */
import type { Command } from 'commander'
import { COMPARISONS, createStartingModel, type LinkageModel } from '../../core/linkage/index.js'
import { LinkageInputError } from '../../jobs/linkage/csv-record-loader.js'
import { readModelFile } from '../../jobs/linkage/model-file.js'
import { CliError } from '../cli-error.js'
import { createOutput } from '../output.js'

/** Human-readable lines describing a model. */
export function describeModel(model: LinkageModel, source: string): string[] {
  const lines = [
    `model: ${source} (format ${model.format} v${model.version}, seed ${model.training.seed}, trained on ${model.training.records} records)`,
    `prior: λ = ${model.prior.probability.toExponential(3)}, weight ${model.prior.weight.toFixed(2)} (${model.prior.method})`,
    `bands: auto-link ≥ ${model.bands.autoLink}, review ≥ ${model.bands.review}`,
  ]
  for (const c of model.comparisons) {
    lines.push(`${c.name}:`)
    for (const l of c.levels) {
      const flags = [l.fixedM ? 'm fixed' : '', l.tfWeight > 0 ? `TF ×${l.tfWeight}` : '']
        .filter((s) => s !== '')
        .join(', ')
      lines.push(
        `  ${l.label.padEnd(18)} m=${l.m.toFixed(4)}  u=${l.u.toExponential(2)}  weight=${l.weight >= 0 ? '+' : ''}${l.weight.toFixed(2)}${flags ? `  (${flags})` : ''}`,
      )
    }
  }
  if (model.training.sessions.length > 0) {
    lines.push('training sessions (EM per blocking rule):')
    for (const s of model.training.sessions) {
      lines.push(
        `  ${s.rule}: ${s.pairs} pairs, ${s.iterations} iterations, match share ${s.matchShare.toFixed(3)}`,
      )
    }
  }
  return lines
}

/** Run `athar model show` (exported for tests). */
export async function runModelShow(
  file: string | undefined,
  opts: { json?: boolean | undefined },
): Promise<LinkageModel> {
  const out = createOutput(opts.json ?? false)
  let model: LinkageModel
  try {
    model = file ? await readModelFile(file) : createStartingModel({ seed: 42 })
  } catch (error) {
    if (error instanceof LinkageInputError) throw new CliError(error.message, 65)
    throw error
  }
  for (const line of describeModel(model, file ?? 'starting values (untrained)')) out.line(line)
  out.data(model)
  return model
}

/** Register `athar model show`. */
export function register(program: Command): void {
  const model = program
    .command('model')
    .description(`inspect linkage models (${COMPARISONS.length} comparisons)`)
  model
    .command('show')
    .description('print a saved model: prior, bands, every level’s m, u and weight')
    .argument('[file]', 'model JSON written by `athar link --model-out`')
    .option('--json', 'print the model JSON')
    .action(async (file: string | undefined, opts: { json?: boolean }) => {
      await runModelShow(file, opts)
    })
}
