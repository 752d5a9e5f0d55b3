/** `athar link-db --user NAME`: link the stored records of the user's organisation, with a progress bar. */
import type { Command } from 'commander'
import { actAsUser } from '../../services/access.service.js'
import {
  runLinkage,
  whenLinkageIdle,
  type LinkageRunSummary,
} from '../../services/linkage.service.js'
import { createOutput } from '../output.js'
import { createProgress } from '../progress.js'
import { CliError } from '../cli-error.js'
import { addDbOption, addJsonOption, withRuntime, type DbOptions } from './common.js'

interface LinkDbOptions extends DbOptions {
  user: string
  seed: string
  reuseModel?: boolean
  autoLink?: string
  review?: string
}

function parseProbability(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const p = Number(value)
  if (!Number.isFinite(p) || p <= 0 || p >= 1) {
    throw new CliError(`${flag} must be a probability between 0 and 1, not "${value}"`, 64)
  }
  return p
}

/** Lines summarising a run. */
export function formatRunSummary(s: LinkageRunSummary): string[] {
  return [
    `linked ${s.records} records (run ${s.runId}, model ${s.modelSource})`,
    `  candidate pairs compared   ${s.candidatePairs}`,
    `  pairs stored (p ≥ ${s.thresholds.review})  ${s.storedPairs}: ${s.autoLinks} auto-link (p ≥ ${s.thresholds.autoLink}), ${s.reviewPairs} to review`,
    `  persons                    ${s.persons} (${s.createdPersons} new, ${s.mergedPersons} merged, ${s.splitPersons} split)`,
  ]
}

export function register(program: Command): void {
  addJsonOption(addDbOption(program.command('link-db')))
    .description(
      'link the stored records of your organisation (a linkage run: pairs, review queue, persons)',
    )
    .requiredOption('--user <username>', 'the account the run is made as (needs linkage.run)')
    .option('--seed <n>', 'training seed', '42')
    .option('--reuse-model', 'score with the current model instead of training a new one')
    .option('--auto-link <p>', 'auto-link threshold (default: configuration, 0.95)')
    .option('--review <p>', 'review threshold (default: configuration, 0.5)')
    .action(async (opts: LinkDbOptions) => {
      const out = createOutput(opts.json ?? false)
      const seed = Number(opts.seed)
      if (!Number.isInteger(seed) || seed < 0) {
        throw new CliError(`--seed must be a whole number, not "${opts.seed}"`, 64)
      }
      const autoLink = parseProbability('--auto-link', opts.autoLink)
      const review = parseProbability('--review', opts.review)
      await withRuntime(opts, async (ctx) => {
        const actor = await actAsUser(ctx, opts.user)
        const progress = createProgress('link', !opts.json)
        try {
          const summary = await runLinkage(ctx, actor, {
            seed,
            reuseModel: opts.reuseModel ?? false,
            thresholds: {
              ...(autoLink !== undefined ? { autoLink } : {}),
              ...(review !== undefined ? { review } : {}),
            },
            onProgress: (f, stage) => progress.update(f, stage),
          })
          progress.stop()
          // Records imported while the run went on are linked before the database closes.
          await whenLinkageIdle(ctx)
          out.data(summary)
          for (const line of formatRunSummary(summary)) out.line(line)
        } catch (error) {
          progress.stop()
          throw error
        }
      })
    })
}
