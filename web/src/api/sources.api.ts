/**
 * The calls of the sources screen: upload a list (an import job), the organisation's import
 * batches, job progress, a linkage run and the current model. The shapes restate what
 * src/http/routes/records.routes.ts and linkage.routes.ts serve (ImportOutcome, BatchSummary,
 * Job, LinkageRunSummary, LinkageModel of src/services and src/core), limited to what the
 * screen reads: web/ may import only src/contract.
 */
import { requestJson, requestMultipart, type ApiResult } from './http-client.js'

export type ImportFileFormat = 'csv' | 'xlsx' | 'pfif'

export interface ImportUpload {
  file: File
  sourceKind: string
  document?: string | undefined
  sheet?: string | undefined
  /** Forced format; the server detects it from the bytes and name when absent. */
  format?: ImportFileFormat | undefined
}

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed'

export interface Job {
  id: string
  kind: string
  status: JobStatus
  /** 0–1. */
  progress: number
  stage: string | null
  /** The job's outcome: ImportOutcome / LinkageRunSummary, or a JobFailure when failed. */
  result: unknown
  createdAt: string
  updatedAt: string
}

/** One problem of a refused file, as issuesToProblems of record.service.ts writes it. */
export interface JobProblem {
  /** The column as written in the file, or "file". */
  field: string
  /** English, says what to write instead. */
  message: string
  /** The stable problem code (docs/import-formats.md), translated on. */
  reason?: string
  row?: number
  value?: string
}

export interface JobFailure {
  code: string
  message: string
  problems?: JobProblem[]
}

export interface ImportIssue {
  code: string
  row?: number
  column?: string
  value?: string
  reason: string
}

export interface ImportOutcome {
  batchId: string
  alreadyImported: boolean
  recordCount: number
  warnings: ImportIssue[]
  format: ImportFileFormat
  encoding?: string
  fileSha256: string
}

export interface ImportBatch {
  id: string
  sourceKind: string
  document: string | null
  fileName: string
  fileSha256: string
  format: string
  encoding: string | null
  rowCount: number
  warningCount: number
  /** The importing user's id. */
  importedBy: string
  /** Display name of the importing user, when the server knows it. */
  importedByName?: string | null
  importedAt: string
}

export interface LinkageRunSummary {
  runId: string
  records: number
  candidatePairs: number
  storedPairs: number
  autoLinks: number
  reviewPairs: number
  persons: number
  modelSource: 'reused' | 'trained'
}

export interface ModelLevel {
  label: string
  m: number
  u: number
  weight: number
}

export interface LinkageModelView {
  run: { id: string; startedAt: string; finishedAt: string | null; records: number } | null
  model: {
    prior: { probability: number; weight: number }
    comparisons: Array<{ name: string; levels: ModelLevel[] }>
  } | null
}

/** POST /api/imports: the file is imported all-or-nothing as a job. */
export function startImport(upload: ImportUpload): Promise<ApiResult<{ jobId: string }>> {
  const form = new FormData()
  form.append('sourceKind', upload.sourceKind)
  if (upload.document !== undefined && upload.document.trim() !== '') {
    form.append('document', upload.document.trim())
  }
  if (upload.sheet !== undefined && upload.sheet.trim() !== '') {
    form.append('sheet', upload.sheet.trim())
  }
  if (upload.format !== undefined) form.append('format', upload.format)
  form.append('file', upload.file, upload.file.name)
  return requestMultipart('/api/imports', form)
}

export function listImports(): Promise<ApiResult<ImportBatch[]>> {
  return requestJson('GET', '/api/imports')
}

export function getJob(id: string): Promise<ApiResult<Job>> {
  return requestJson('GET', `/api/jobs/${encodeURIComponent(id)}`)
}

export function startLinkageRun(): Promise<ApiResult<{ jobId: string; runId: string }>> {
  return requestJson('POST', '/api/linkage/runs', {})
}

export function getLinkageModel(): Promise<ApiResult<LinkageModelView>> {
  return requestJson('GET', '/api/linkage/model')
}
