/**
 * `athar link FILE.csv [FILE2.csv ...] --out pairs.csv --clusters clusters.csv`: linkage
 * on CSV files alone — no server, no database — so anyone can run it on their own lists.
 */
import type { Command } from 'commander'
import { LinkageInputError, readCsvColumns } from '../../jobs/linkage/csv-record-loader.js'
import {
  LINK_STAGES,
  linkFiles,
  type LinkProgress,
  type LinkResult,
} from '../../jobs/linkage/link-pipeline.js'
import { readModelFile } from '../../jobs/linkage/model-file.js'
import { CliError } from '../cli-error.js'
import { createOutput } from '../output.js'
import { createProgress } from '../progress.js'

/** Options of `athar link`. */
export interface LinkCommandOptions {
  out: string
  clusters: string
  model?: string | undefined
  modelOut?: string | undefined
  seed: string
  threads?: string | undefined
  minProbability: string
  autoLink?: string | undefined
  review?: string | undefined
  blockCap?: string | undefined
  previousClusters?: string | undefined
  json?: boolean | undefined
  progress?: boolean | undefined
}

function parseNumber(
  name: string,
  value: string | undefined,
  min: number,
  max: number,
  integer = false,
): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new CliError(
      `${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, not "${value}"`,
      64,
    )
  }
  return n
}

/** The summary `athar link` prints (and returns, for tests). */
export interface LinkSummary {
  records: number
  files: LinkResult['files']
  idsQualified: boolean
  candidatePairsBeforeScoring: number
  candidatePairs: number
  pairsWritten: number
  autoLinks: number
  reviewPairs: number
  clusters: number
  pairsPerSecond: number
  stageMs: LinkResult['stageMs']
  blocking: LinkResult['blocking']
  bands: LinkResult['model']['bands']
  out: string
  clustersOut: string
}

/** Run `athar link` (exported for tests). */
export async function runLinkCommand(
  files: string[],
  opts: LinkCommandOptions,
): Promise<LinkSummary> {
  const out = createOutput(opts.json ?? false)
  const minProbability = parseNumber('--min-probability', opts.minProbability, 0, 1) ?? 0.01
  const seed = parseNumber('--seed', opts.seed, 0, 2 ** 31, true) ?? 42
  const threads = parseNumber('--threads', opts.threads, 0, 64, true)
  const blockCap = parseNumber('--block-cap', opts.blockCap, 2, 100_000, true)
  const autoLink = parseNumber('--auto-link', opts.autoLink, 0, 1)
  const review = parseNumber('--review', opts.review, 0, 1)
  try {
    const model = opts.model ? await readModelFile(opts.model) : undefined
    const bands =
      autoLink !== undefined || review !== undefined
        ? {
            autoLink: autoLink ?? model?.bands.autoLink ?? 0.95,
            review: review ?? model?.bands.review ?? 0.5,
          }
        : undefined
    if (bands && bands.review > bands.autoLink) {
      throw new CliError('--review must not be above --auto-link', 64)
    }
    let previousClusters: Map<string, string> | undefined
    if (opts.previousClusters) {
      const cols = await readCsvColumns(opts.previousClusters, ['record_id', 'cluster_id'])
      previousClusters = new Map()
      cols.record_id?.forEach((id, k) => previousClusters?.set(id, cols.cluster_id?.[k] ?? ''))
    }
    // The bar only on a terminal: redirected stderr keeps failures to one line.
    const progress = createProgress(
      'link',
      opts.progress !== false && !(opts.json ?? false) && process.stderr.isTTY === true,
    )
    const stageIndex = (stage: LinkProgress['stage']): number => LINK_STAGES.indexOf(stage)
    let result: LinkResult
    try {
      result = await linkFiles(
        {
          inputs: files,
          pairsOut: opts.out,
          clustersOut: opts.clusters,
          model,
          modelOut: opts.modelOut,
          seed,
          threads,
          minProbability,
          blockCap,
          bands,
          previousClusters,
        },
        (p) => {
          const within = p.total > 0 ? p.done / p.total : 0
          progress.update((stageIndex(p.stage) + within) / LINK_STAGES.length, p.stage)
        },
      )
    } finally {
      progress.stop()
    }
    const summary: LinkSummary = {
      records: result.records,
      files: result.files,
      idsQualified: result.idsQualified,
      candidatePairsBeforeScoring: result.candidatePairsBeforeScoring,
      candidatePairs: result.candidatePairs,
      pairsWritten: result.pairsWritten,
      autoLinks: result.autoLinks,
      reviewPairs: result.reviewPairs,
      clusters: result.clusters,
      pairsPerSecond: Math.round(result.pairsPerSecond),
      stageMs: Object.fromEntries(
        Object.entries(result.stageMs).map(([k, v]) => [k, Math.round(v)]),
      ) as LinkResult['stageMs'],
      blocking: result.blocking,
      bands: result.model.bands,
      out: opts.out,
      clustersOut: opts.clusters,
    }
    printSummary(out, summary)
    out.data(summary)
    return summary
  } catch (error) {
    if (error instanceof LinkageInputError) throw new CliError(error.message, 65)
    throw error
  }
}

function printSummary(out: ReturnType<typeof createOutput>, s: LinkSummary): void {
  for (const f of s.files) {
    out.line(
      `${f.path}: ${f.records} records${f.encoding === 'utf-8' ? '' : ` (decoded from ${f.encoding})`}`,
    )
  }
  if (s.idsQualified) {
    out.line('record ids repeat across files: each id is prefixed with its file name')
  }
  out.line(`records: ${s.records}`)
  out.line(
    `candidate pairs: ${s.candidatePairsBeforeScoring} in blocks, ${s.candidatePairs} distinct scored (${s.pairsPerSecond} pairs/s)`,
  )
  for (const b of s.blocking) {
    const capped =
      b.cappedBlocks > 0
        ? `; capped ${b.cappedBlocks} blocks (${b.cappedRecords} records, ${b.cappedPairs} pairs), largest: ${b.largestCapped.map((c) => `${c.key} (${c.size})`).join(', ')}`
        : ''
    const split =
      b.splitBlocks > 0
        ? `; split ${b.splitBlocks} oversized blocks (${b.recordsLeftBySplit} records lacked the refining part)`
        : ''
    out.line(`  rule ${b.rule}: ${b.pairs} pairs in ${b.blocks} blocks${split}${capped}`)
  }
  out.line(`pairs written: ${s.pairsWritten} → ${s.out}`)
  out.line(
    `auto-links (≥ ${s.bands.autoLink}): ${s.autoLinks}; for review (≥ ${s.bands.review}): ${s.reviewPairs}`,
  )
  out.line(`clusters: ${s.clusters} → ${s.clustersOut}`)
  out.line(
    `stages (ms): ${Object.entries(s.stageMs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  )
}

/** Register `athar link`. */
export function register(program: Command): void {
  program
    .command('link')
    .description(
      'link person records in CSV files: scored pairs (with each field’s weight) and clusters',
    )
    .argument('<files...>', 'person-record CSV files (shared/spec/record-csv.md)')
    .option('--out <file>', 'pairs CSV to write', 'pairs.csv')
    .option('--clusters <file>', 'clusters CSV to write', 'clusters.csv')
    .option('--model <file>', 'score with this saved model (skip training)')
    .option('--model-out <file>', 'save the trained model as JSON')
    .option('--seed <n>', 'seed of the training samples (same seed, same model)', '42')
    .option('--threads <n>', 'scoring worker threads (0 = main thread)')
    .option('--min-probability <p>', 'smallest match probability written to pairs.csv', '0.01')
    .option('--auto-link <p>', 'auto-link threshold (default from the model: 0.95)')
    .option('--review <p>', 'review threshold (default from the model: 0.5)')
    .option('--block-cap <n>', 'largest block compared; larger ones are skipped and reported')
    .option('--previous-clusters <file>', 'an earlier clusters.csv: keep its cluster ids stable')
    .option('--no-progress', 'no progress bar on stderr')
    .option('--json', 'machine-readable summary (JSON)')
    .action(async (files: string[], opts: LinkCommandOptions) => {
      await runLinkCommand(files, opts)
    })
}
