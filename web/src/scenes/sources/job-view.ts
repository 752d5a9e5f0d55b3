/**
 * Pure readers of what the jobs API returns, for the sources screen: progress as a percent,
 * the stage's message, an import's outcome, a refused file's row-level report, a linkage
 * run's summary. A job's `result` is untyped JSON on the wire, so each reader checks the
 * shape and gives undefined rather than trusting it.
 */
import { isMessageKey, type MessageKey } from '../../i18n/messages.js'
import type { ImportOutcome, Job, JobFailure, LinkageRunSummary } from '../../api/sources.api.js'

/** How often the screen asks for a job's progress. */
export const POLL_INTERVAL_MS = 1000

/** Whole percent for the progress bar: a finished job is 100 whatever its last write said. */
export function percentOf(job: Pick<Job, 'status' | 'progress'>): number {
  if (job.status === 'succeeded') return 100
  const fraction = Number.isFinite(job.progress) ? job.progress : 0
  return Math.round(Math.max(0, Math.min(1, fraction)) * 100)
}

export function isFinished(job: Pick<Job, 'status'>): boolean {
  return job.status === 'succeeded' || job.status === 'failed'
}

// The stages the import and linkage services report (record.service.ts, linkage.service.ts).
const STAGES: Readonly<Record<string, MessageKey>> = {
  parse: 'sources.stage.parse',
  store: 'sources.stage.store',
  load: 'sources.stage.load',
  'train and score': 'sources.stage.train',
  score: 'sources.stage.score',
  explain: 'sources.stage.explain',
  'store and cluster': 'sources.stage.cluster',
  done: 'sources.stage.done',
  failed: 'sources.stage.failed',
}

/** The message of a job's stage; a queued job, or a stage this screen does not know, is "working". */
export function stageKey(job: Pick<Job, 'status' | 'stage'>): MessageKey {
  if (job.status === 'queued') return 'sources.stage.queued'
  return (job.stage !== null ? STAGES[job.stage] : undefined) ?? 'sources.stage.working'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A succeeded import job's outcome. */
export function readImportOutcome(result: unknown): ImportOutcome | undefined {
  if (!isRecord(result)) return undefined
  if (typeof result.recordCount !== 'number' || typeof result.fileSha256 !== 'string') {
    return undefined
  }
  return {
    batchId: typeof result.batchId === 'string' ? result.batchId : '',
    alreadyImported: result.alreadyImported === true,
    recordCount: result.recordCount,
    warnings: Array.isArray(result.warnings) ? (result.warnings as ImportOutcome['warnings']) : [],
    format: result.format as ImportOutcome['format'],
    fileSha256: result.fileSha256,
  }
}

/** One line of the report of a refused file: where (row, column), what was written, why. */
export interface ReportRow {
  row: number | undefined
  /** The column as written in the file; undefined when the problem is the whole file. */
  column: string | undefined
  value: string | undefined
  /** The stable code, when the server gave one (translated when this screen knows it). */
  code: string | undefined
  /** The server's English reason, shown when the code has no translation. */
  message: string
}

export interface FailureView {
  code: string
  rows: ReportRow[]
}

/** A failed job's problem with its rows, in file order (row-less, whole-file problems first). */
export function readFailure(result: unknown): FailureView {
  if (!isRecord(result)) return { code: 'internal', rows: [] }
  const failure = result as Partial<JobFailure>
  const problems = Array.isArray(failure.problems) ? failure.problems : []
  const rows: ReportRow[] = problems.filter(isRecord).map((p) => ({
    row: typeof p.row === 'number' ? p.row : undefined,
    column: typeof p.field === 'string' && p.field !== 'file' ? p.field : undefined,
    value: typeof p.value === 'string' ? p.value : undefined,
    code: typeof p.reason === 'string' ? p.reason : undefined,
    message: typeof p.message === 'string' ? p.message : '',
  }))
  // A stable sort: problems of one row keep the server's column order.
  rows.sort((a, b) => (a.row ?? 0) - (b.row ?? 0))
  return { code: typeof failure.code === 'string' ? failure.code : 'internal', rows }
}

/** The translated reason of a problem code, when the screen has one. */
export function issueKey(code: string | undefined): MessageKey | undefined {
  if (code === undefined) return undefined
  const key = `sources.issue.${code}`
  return isMessageKey(key) ? key : undefined
}

/** A succeeded linkage job's summary. */
export function readLinkageSummary(result: unknown): LinkageRunSummary | undefined {
  if (!isRecord(result)) return undefined
  const numbers = ['records', 'candidatePairs', 'autoLinks', 'reviewPairs'] as const
  if (!numbers.every((k) => typeof result[k] === 'number')) return undefined
  const n = (k: string): number => {
    const v = result[k]
    return typeof v === 'number' ? v : 0
  }
  return {
    runId: typeof result.runId === 'string' ? result.runId : '',
    records: n('records'),
    candidatePairs: n('candidatePairs'),
    storedPairs: n('storedPairs'),
    autoLinks: n('autoLinks'),
    reviewPairs: n('reviewPairs'),
    persons: n('persons'),
    modelSource: result.modelSource === 'reused' ? 'reused' : 'trained',
  }
}

/** A SHA-256 shortened for a table cell (the full value goes in a title). */
export function shortHash(sha256: string): string {
  return sha256.length > 12 ? `${sha256.slice(0, 12)}…` : sha256
}

/** Which format a chosen file is, from its name; undefined lets the server detect it. */
export function formatOfFileName(name: string): 'csv' | 'xlsx' | 'pfif' | undefined {
  const lower = name.toLowerCase()
  if (lower.endsWith('.csv') || lower.endsWith('.tsv') || lower.endsWith('.txt')) return 'csv'
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.xml')) return 'pfif'
  return undefined
}
