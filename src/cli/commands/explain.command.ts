/** `athar explain ID1 ID2 --input FILE.csv...`: the waterfall of one pair of records. */
import type { Command } from 'commander'
import { LinkageInputError } from '../../jobs/linkage/csv-record-loader.js'
import { readModelFile } from '../../jobs/linkage/model-file.js'
import {
  explainRecordPair,
  type RecordPairExplanation,
} from '../../jobs/linkage/record-explainer.js'
import { CliError } from '../cli-error.js'
import { createOutput } from '../output.js'

const signed = (w: number): string => `${w >= 0 ? '+' : ''}${w.toFixed(2)}`

/** Lines of a waterfall: prior, each comparison, total. */
export function formatWaterfall(e: RecordPairExplanation): string[] {
  const lines = [`${e.leftId} ~ ${e.rightId}`, `  ${'prior'.padEnd(20)} ${signed(e.prior)}`]
  for (const s of e.steps) {
    const tf =
      s.termFrequencyAdjustment !== 0
        ? ` (level ${signed(s.levelWeight)}, term frequency ${signed(s.termFrequencyAdjustment)})`
        : ''
    lines.push(`  ${s.comparison.padEnd(20)} ${signed(s.weight)}  ${s.level}${tf}`)
  }
  lines.push(
    `  ${'total'.padEnd(20)} ${signed(e.matchWeight)}  → match probability ${e.matchProbability.toFixed(4)} (${e.band})`,
  )
  return lines
}

/** Run `athar explain` (exported for tests). */
export async function runExplainCommand(
  leftId: string,
  rightId: string,
  opts: {
    input: string[]
    model?: string | undefined
    seed?: string | undefined
    json?: boolean | undefined
  },
): Promise<RecordPairExplanation> {
  const out = createOutput(opts.json ?? false)
  if (opts.input.length === 0) {
    throw new CliError('give the records’ files with --input FILE.csv', 64)
  }
  try {
    const model = opts.model ? await readModelFile(opts.model) : undefined
    const explanation = await explainRecordPair({
      inputs: opts.input,
      leftId,
      rightId,
      model,
      seed: opts.seed === undefined ? undefined : Number(opts.seed),
    })
    for (const line of formatWaterfall(explanation)) out.line(line)
    out.data(explanation)
    return explanation
  } catch (error) {
    if (error instanceof LinkageInputError) throw new CliError(error.message, 65)
    throw error
  }
}

/** Register `athar explain`. */
export function register(program: Command): void {
  program
    .command('explain')
    .description('explain the match weight of two records: prior + each field’s weight = total')
    .argument('<id1>', 'record id')
    .argument('<id2>', 'record id')
    .option(
      '--input <file>',
      'person-record CSV (repeatable)',
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option('--model <file>', 'a saved model (default: train one on the input files)')
    .option('--seed <n>', 'training seed when no model is given', '42')
    .option('--json', 'machine-readable output (JSON)')
    .action(
      async (
        id1: string,
        id2: string,
        opts: { input: string[]; model?: string; seed?: string; json?: boolean },
      ) => {
        await runExplainCommand(id1, id2, opts)
      },
    )
}
