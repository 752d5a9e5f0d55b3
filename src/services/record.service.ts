/**
 * Person records: importing files all-or-nothing with provenance, reading them under the
 * access policy, correcting them as new versions, and listing import batches.
 * Imports never edit a record in place; the same file (same SHA-256) imported twice by one
 * organisation is a no-op that returns the first batch.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, ImportBatchRow, PersonRecordRow } from '../db/database.js'
import { findOrganisationsByIds, findUsersByIds, listUsers } from '../db/access.repository.js'
import type { DatabaseHandle } from '../db/connect.js'
import * as repo from '../db/record.repository.js'
import type { Actor, Sensitivity } from '../core/access/policy.js'
import { DomainError, type FieldProblem } from '../core/errors.js'
import { RECORD_FIELDS, type PersonRecordFields } from '../core/records/record-fields.js'
import type { ImportIssue } from '../core/records/import-issue.js'
import type { ImportedRecord, RecordImportResult } from '../core/records/record-import-result.js'
import type { RecordProvenance } from '../core/records/record-provenance.js'
import { parseRecordsCsv } from '../core/records/csv-record-importer.js'
import { parseRecordsXlsx } from '../core/records/xlsx-record-importer.js'
import { appendAudit } from './audit.service.js'
import { authorize, isAllowed } from './authorize.js'
import type { ServiceContext } from './context.js'
import { parsePfif } from '../core/records/pfif-importer.js'
import { startJob } from './job.service.js'

export type ImportFormat = 'csv' | 'xlsx' | 'pfif'

export interface ImportRequest {
  bytes: Uint8Array
  fileName: string
  /** Forced format; detected from the bytes and name when absent. */
  format?: ImportFormat | undefined
  /** Kind of source for rows that do not say (`register`, `ngo-list`, ...). */
  sourceKind: string
  /** Title or reference of the document or list. */
  document?: string | undefined
  columnMapping?: Readonly<Record<string, string>> | undefined
  sheet?: string | undefined
  sensitivity?: Sensitivity | undefined
  onProgress?: ((fraction: number, stage: string) => void) | undefined
}

export interface ImportOutcome {
  batchId: string
  alreadyImported: boolean
  recordCount: number
  warnings: ImportIssue[]
  format: ImportFormat
  encoding?: string | undefined
  fileSha256: string
}

export interface StoredRecord {
  id: string
  organisationId: string
  fields: PersonRecordFields
  provenance: RecordProvenance
  sensitivity: Sensitivity
  sharedWith: string[]
  version: number
}

/** Guess the format from the first bytes and the file name. */
export function detectFormat(bytes: Uint8Array, fileName: string): ImportFormat {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx'
  const lower = fileName.toLowerCase()
  if (lower.endsWith('.xlsx')) return 'xlsx'
  if (lower.endsWith('.xml')) return 'pfif'
  const head = Buffer.from(bytes.subarray(0, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
  if (head.startsWith('<?xml') || head.startsWith('<pfif')) return 'pfif'
  return 'csv'
}

async function parseFile(
  request: ImportRequest,
  format: ImportFormat,
): Promise<RecordImportResult> {
  const options = { columnMapping: request.columnMapping }
  switch (format) {
    case 'csv':
      return parseRecordsCsv(request.bytes, options)
    case 'xlsx':
      return parseRecordsXlsx(request.bytes, { ...options, sheet: request.sheet })
    case 'pfif':
      return parsePfif(request.bytes, {
        localDomain: process.env.ATHAR_PFIF_DOMAIN ?? 'athar.local',
      })
  }
}

/** Turn import issues into field problems a person can act on (row, column, value, why). */
export function issuesToProblems(issues: readonly ImportIssue[]): FieldProblem[] {
  return issues.map((i) => ({
    field: i.column ?? 'file',
    message: i.reason,
    reason: i.code,
    ...(i.row !== undefined ? { row: i.row } : {}),
    ...(i.value !== undefined ? { value: i.value } : {}),
  }))
}

function toRow(
  imported: ImportedRecord,
  base: {
    organisationId: string
    batchId: string
    sourceKind: string
    sensitivity: Sensitivity
    actorId: string
    at: string
  },
): PersonRecordRow {
  const f = imported.record
  const extra = { ...f.extra }
  if (imported.notes.length > 0) extra['pfif.notes'] = JSON.stringify(imported.notes)
  return {
    id: randomUUID(),
    organisation_id: base.organisationId,
    batch_id: base.batchId,
    record_key: f.record_id,
    row_number: imported.row,
    source_kind: f.source ?? base.sourceKind,
    sensitivity: base.sensitivity,
    shared_with: '[]',
    version: 1,
    age: f.age ?? null,
    extra: JSON.stringify(extra),
    created_by: base.actorId,
    created_at: base.at,
    updated_at: base.at,
    source: f.source ?? null,
    full_name: f.full_name ?? null,
    first_name: f.first_name ?? null,
    father_name: f.father_name ?? null,
    grandfather_name: f.grandfather_name ?? null,
    family_name: f.family_name ?? null,
    mother_name: f.mother_name ?? null,
    mother_family_name: f.mother_family_name ?? null,
    sex: f.sex ?? null,
    birth_date: f.birth_date ?? null,
    recorded_on: f.recorded_on ?? null,
    birth_place: f.birth_place ?? null,
    national_id: f.national_id ?? null,
    last_seen_date: f.last_seen_date ?? null,
    last_seen_place: f.last_seen_place ?? null,
    detention_place: f.detention_place ?? null,
    notes: f.notes ?? null,
  }
}

/** The spec fields of a stored row. */
export function fieldsOf(row: PersonRecordRow): PersonRecordFields {
  const fields: PersonRecordFields = { record_id: row.record_key, extra: parseExtra(row.extra) }
  for (const name of RECORD_FIELDS) {
    if (name === 'record_id' || name === 'age' || name === 'sex') continue
    const v = row[name]
    if (v !== null) fields[name] = v
  }
  if (row.sex === 'M' || row.sex === 'F') fields.sex = row.sex
  if (row.age !== null) fields.age = row.age
  return fields
}

function parseExtra(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text)
    if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>
  } catch {
    // fall through: a damaged extra column must not hide the record
  }
  return {}
}

function toSensitivity(s: string): Sensitivity {
  return s === 'normal' || s === 'restricted' ? s : 'sensitive'
}

function toStored(
  row: PersonRecordRow,
  batch: ImportBatchRow | undefined,
  orgName: string,
  importerName: string,
): StoredRecord {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    fields: fieldsOf(row),
    sensitivity: toSensitivity(row.sensitivity),
    sharedWith: JSON.parse(row.shared_with) as string[],
    version: row.version,
    provenance: {
      source_organisation: orgName,
      source_kind: row.source_kind,
      document: batch?.document ?? undefined,
      import_batch_id: row.batch_id ?? '',
      file_sha256: batch?.file_sha256 ?? '',
      row_number: row.row_number ?? 0,
      imported_by: importerName,
      imported_at: row.created_at,
    },
  }
}

/** Listeners told of newly stored records (the search index, incremental linkage). */
export type RecordsAddedListener = (
  records: Array<{
    id: string
    organisationId: string
    fields: PersonRecordFields
    sensitivity: Sensitivity
    sharedWith: string[]
    /** The version stored (a later correction is a higher one). */
    version: number
  }>,
) => void
const listeners = new WeakMap<ServiceContext, RecordsAddedListener[]>()

export function onRecordsAdded(ctx: ServiceContext, listener: RecordsAddedListener): void {
  const list = listeners.get(ctx) ?? []
  list.push(listener)
  listeners.set(ctx, list)
}

/** Import one file, all or nothing. Throws `import_rejected` with the row-level report. */
export async function importRecords(
  ctx: ServiceContext,
  actor: Actor,
  request: ImportRequest,
): Promise<ImportOutcome> {
  await authorize(ctx, actor, 'record.import', {
    organisationId: actor.organisationId,
    sensitivity: request.sensitivity ?? 'sensitive',
    type: 'import',
    id: request.fileName,
  })
  const sourceKind = request.sourceKind.trim()
  if (sourceKind === '' || sourceKind.length > 60) {
    throw new DomainError(
      'validation_failed',
      'Say what kind of source the file is (e.g. register, ngo-list, family-report).',
      [{ field: 'sourceKind', message: 'required, at most 60 characters' }],
    )
  }
  const format = request.format ?? detectFormat(request.bytes, request.fileName)
  request.onProgress?.(0.05, 'parse')
  const result = await parseFile(request, format)
  if (!result.ok) {
    await ctx.handle.db.transaction().execute((trx) =>
      appendAudit(ctx, trx, actor, {
        action: 'records.import',
        objectType: 'import',
        objectId: result.meta.sha256,
        outcome: 'failure',
        details: { format, errors: result.meta.errorCount, rows: result.meta.rowCount },
      }),
    )
    const first = result.errors[0]
    const summary = first
      ? `${result.meta.errorCount} problem(s); first: ${first.row !== undefined ? `row ${first.row}, ` : ''}${first.column ? `column "${first.column}": ` : ''}${first.reason}`
      : 'the file is not valid'
    throw new DomainError(
      'import_rejected',
      `Nothing was imported: ${summary}`,
      issuesToProblems(result.errors),
      { format, fileSha256: result.meta.sha256 },
    )
  }
  const existing = await repo.findBatchByHash(
    ctx.handle.db,
    actor.organisationId,
    result.meta.sha256,
  )
  if (existing) {
    return {
      batchId: existing.id,
      alreadyImported: true,
      recordCount: existing.row_count,
      warnings: [],
      format,
      fileSha256: existing.file_sha256,
    }
  }
  request.onProgress?.(0.4, 'store')
  const at = ctx.clock().toISOString()
  const batch: ImportBatchRow = {
    id: randomUUID(),
    organisation_id: actor.organisationId,
    source_kind: sourceKind,
    document: request.document?.trim() || null,
    file_name: request.fileName.slice(0, 300),
    file_sha256: result.meta.sha256,
    format,
    encoding: result.meta.encoding ?? null,
    row_count: result.records.length,
    warning_count: result.meta.warningCount,
    meta: JSON.stringify({ ...result.meta, warnings: result.warnings.slice(0, 200) }),
    imported_by: actor.userId,
    imported_at: at,
  }
  const sensitivity = request.sensitivity ?? 'sensitive'
  const rows = result.records.map((r) =>
    toRow(r, {
      organisationId: actor.organisationId,
      batchId: batch.id,
      sourceKind,
      sensitivity,
      actorId: actor.userId,
      at,
    }),
  )
  try {
    await ctx.handle.db.transaction().execute(async (trx) => {
      await repo.insertBatch(trx, batch)
      await insertWithVersions(trx, rows, actor.userId, at, (f) =>
        request.onProgress?.(0.4 + 0.55 * f, 'store'),
      )
      await appendAudit(ctx, trx, actor, {
        action: 'records.import',
        objectType: 'import',
        objectId: batch.id,
        details: { format, records: rows.length, sha256: batch.file_sha256, sourceKind },
      })
    })
  } catch (error) {
    // Two imports of the same file racing: the unique (organisation, hash) wins once.
    const again = await repo.findBatchByHash(
      ctx.handle.db,
      actor.organisationId,
      result.meta.sha256,
    )
    if (again) {
      return {
        batchId: again.id,
        alreadyImported: true,
        recordCount: again.row_count,
        warnings: [],
        format,
        fileSha256: again.file_sha256,
      }
    }
    throw error
  }
  request.onProgress?.(1, 'done')
  const added = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    fields: fieldsOf(r),
    sensitivity,
    sharedWith: [],
    version: r.version,
  }))
  for (const l of listeners.get(ctx) ?? []) l(added)
  return {
    batchId: batch.id,
    alreadyImported: false,
    recordCount: rows.length,
    warnings: result.warnings,
    format,
    encoding: result.meta.encoding,
    fileSha256: batch.file_sha256,
  }
}

async function insertWithVersions(
  trx: Kysely<Database>,
  rows: PersonRecordRow[],
  actorId: string,
  at: string,
  progress: (f: number) => void,
): Promise<void> {
  const step = 5000
  for (let i = 0; i < rows.length; i += step) {
    const slice = rows.slice(i, i + step)
    await repo.insertRecords(trx, slice)
    await repo.insertVersions(
      trx,
      slice.map((r) => ({
        record_id: r.id,
        version: 1,
        fields: JSON.stringify(fieldsOf(r)),
        changed_by: actorId,
        changed_at: at,
        reason: 'imported',
      })),
    )
    progress(Math.min(1, (i + slice.length) / Math.max(1, rows.length)))
  }
}

// Import batches are written once and never changed (they are the records' provenance), so
// this process keeps the ones it has read: a page of search results names up to ten.
const BATCH_CACHE_LIMIT = 10_000
const batchCaches = new WeakMap<DatabaseHandle, Map<string, ImportBatchRow>>()

async function batchesByIds(
  ctx: ServiceContext,
  ids: readonly string[],
): Promise<Map<string, ImportBatchRow>> {
  let cache = batchCaches.get(ctx.handle)
  if (cache === undefined) {
    cache = new Map()
    batchCaches.set(ctx.handle, cache)
  }
  const known = cache
  const missing = ids.filter((id) => !known.has(id))
  if (missing.length > 0) {
    for (const row of await repo.findBatchesByIds(ctx.handle.db, missing)) {
      if (known.size >= BATCH_CACHE_LIMIT) known.clear()
      known.set(row.id, row)
    }
  }
  const out = new Map<string, ImportBatchRow>()
  for (const id of ids) {
    const row = known.get(id)
    if (row !== undefined) out.set(id, row)
  }
  return out
}

async function describe(ctx: ServiceContext, rows: PersonRecordRow[]): Promise<StoredRecord[]> {
  // One statement per kind of provenance for the whole page, not one per record: a page of
  // search results came from up to ten batches (measured: 8 statements → 3 per search).
  const distinct = (values: (string | null)[]): string[] =>
    [...new Set(values)].filter((v): v is string => v !== null && v !== '')
  const [batches, orgRows, userRows] = await Promise.all([
    batchesByIds(ctx, distinct(rows.map((r) => r.batch_id))),
    findOrganisationsByIds(ctx.handle.db, distinct(rows.map((r) => r.organisation_id))),
    findUsersByIds(ctx.handle.db, distinct(rows.map((r) => r.created_by))),
  ])
  const orgs = new Map(orgRows.map((o) => [o.id, o.name]))
  const users = new Map(userRows.map((u) => [u.id, u.username]))
  return rows.map((row) =>
    toStored(
      row,
      row.batch_id ? batches.get(row.batch_id) : undefined,
      orgs.get(row.organisation_id) ?? '',
      users.get(row.created_by) ?? row.created_by,
    ),
  )
}

function resourceOf(row: PersonRecordRow) {
  return {
    organisationId: row.organisation_id,
    sensitivity: toSensitivity(row.sensitivity),
    sharedWith: JSON.parse(row.shared_with) as string[],
    type: 'record',
    id: row.id,
  }
}

/** Read one record (audited: reading person data is an event, ASVS 16.3.2 L3). */
export async function getRecord(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<StoredRecord> {
  const row = await repo.findRecordById(ctx.handle.db, id)
  if (!row) throw new DomainError('not_found', 'No such record.')
  await authorize(ctx, actor, 'record.read', resourceOf(row))
  await ctx.handle.db
    .transaction()
    .execute((trx) =>
      appendAudit(ctx, trx, actor, { action: 'record.read', objectType: 'record', objectId: id }),
    )
  const [stored] = await describe(ctx, [row])
  if (!stored) throw new DomainError('not_found', 'No such record.')
  return stored
}

/** Records by id that the actor may read, in the order given (unreadable ones left out). */
export async function getReadableRecords(
  ctx: ServiceContext,
  actor: Actor,
  ids: readonly string[],
): Promise<StoredRecord[]> {
  return (await getReadableRecordPage(ctx, actor, ids)).map((p) => p.record)
}

/** A record the actor may read, with the person (cluster) it belongs to, if any. */
export interface ReadableRecordWithPerson {
  record: StoredRecord
  personId: string | null
}

/**
 * The records of these ids the actor may read, in the order given, each with its person: a
 * page of search results, read in one statement with its provenance (findRecordPage).
 */
export async function getReadableRecordPage(
  ctx: ServiceContext,
  actor: Actor,
  ids: readonly string[],
): Promise<ReadableRecordWithPerson[]> {
  const rows = (await repo.findRecordPage(ctx.handle.db, ids)).filter((r) =>
    isAllowed(actor, 'record.read', resourceOf(r)),
  )
  const batches = await batchesByIds(ctx, [
    ...new Set(rows.flatMap((r) => (r.batch_id ? [r.batch_id] : []))),
  ])
  const byId = new Map(
    rows.map((row) => [
      row.id,
      {
        record: toStored(
          row,
          row.batch_id ? batches.get(row.batch_id) : undefined,
          row.page_org_name ?? '',
          row.page_importer ?? row.created_by,
        ),
        personId: row.page_person_id,
      },
    ]),
  )
  return ids.flatMap((id) => {
    const found = byId.get(id)
    return found === undefined ? [] : [found]
  })
}

export interface RecordVersion {
  version: number
  fields: PersonRecordFields
  changedBy: string
  changedAt: string
  reason: string
}

/** Correct a record: a new version with who, when and why; the old one stays in history. */
export async function correctRecord(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
  changes: Partial<Omit<PersonRecordFields, 'record_id' | 'extra'>>,
  reason: string,
): Promise<StoredRecord> {
  const row = await repo.findRecordById(ctx.handle.db, id)
  if (!row) throw new DomainError('not_found', 'No such record.')
  await authorize(ctx, actor, 'record.import', resourceOf(row))
  if (reason.trim() === '') {
    throw new DomainError('validation_failed', 'Say why the record is corrected.', [
      { field: 'reason', message: 'required' },
    ])
  }
  const at = ctx.clock().toISOString()
  const next = row.version + 1
  const set: Partial<PersonRecordRow> = { version: next, updated_at: at }
  const changed: string[] = []
  for (const [key, value] of Object.entries(changes)) {
    if (key === 'age') set.age = typeof value === 'number' ? value : null
    else if ((RECORD_FIELDS as readonly string[]).includes(key) && key !== 'record_id') {
      ;(set as Record<string, unknown>)[key] = value === undefined || value === '' ? null : value
    } else {
      throw new DomainError('validation_failed', `"${key}" is not a record field.`, [
        { field: key, message: 'not a record field' },
      ])
    }
    changed.push(key)
  }
  const updated: PersonRecordRow = { ...row, ...set }
  await ctx.handle.db.transaction().execute(async (trx) => {
    await repo.updateRecord(trx, id, set)
    await repo.insertVersions(trx, [
      {
        record_id: id,
        version: next,
        fields: JSON.stringify(fieldsOf(updated)),
        changed_by: actor.userId,
        changed_at: at,
        reason: reason.trim().slice(0, 1000),
      },
    ])
    await appendAudit(ctx, trx, actor, {
      action: 'record.correct',
      objectType: 'record',
      objectId: id,
      details: { version: next, fields: changed },
    })
  })
  const [stored] = await describe(ctx, [updated])
  if (!stored) throw new DomainError('not_found', 'No such record.')
  return stored
}

/** The history of a record, oldest first. */
export async function listRecordVersions(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<RecordVersion[]> {
  const row = await repo.findRecordById(ctx.handle.db, id)
  if (!row) throw new DomainError('not_found', 'No such record.')
  await authorize(ctx, actor, 'record.read', resourceOf(row))
  return (await repo.listVersions(ctx.handle.db, id)).map((v) => ({
    version: v.version,
    fields: JSON.parse(v.fields) as PersonRecordFields,
    changedBy: v.changed_by,
    changedAt: v.changed_at,
    reason: v.reason,
  }))
}

export interface BatchSummary {
  id: string
  sourceKind: string
  document: string | null
  fileName: string
  fileSha256: string
  format: string
  encoding: string | null
  rowCount: number
  warningCount: number
  importedBy: string
  /** Display name of the importing user (of this organisation), when known. */
  importedByName: string | null
  importedAt: string
}

export async function listImportBatches(
  ctx: ServiceContext,
  actor: Actor,
): Promise<BatchSummary[]> {
  await authorize(ctx, actor, 'record.import', { organisationId: actor.organisationId })
  const names = new Map(
    (await listUsers(ctx.handle.db, actor.organisationId)).map((u) => [u.id, u.display_name]),
  )
  return (await repo.listBatches(ctx.handle.db, actor.organisationId, 200)).map((b) => ({
    id: b.id,
    sourceKind: b.source_kind,
    document: b.document,
    fileName: b.file_name,
    fileSha256: b.file_sha256,
    format: b.format,
    encoding: b.encoding,
    rowCount: b.row_count,
    warningCount: b.warning_count,
    importedBy: b.imported_by,
    importedByName: names.get(b.imported_by) ?? null,
    importedAt: b.imported_at,
  }))
}

/** Every record the actor may export, with provenance, in a stable order (streamed). */
export async function* streamExportableRecords(
  ctx: ServiceContext,
  actor: Actor,
): AsyncGenerator<StoredRecord> {
  await authorize(ctx, actor, 'record.export', { organisationId: actor.organisationId })
  let batch: PersonRecordRow[] = []
  let count = 0
  for await (const row of repo.streamRecords(ctx.handle.db, {
    organisationIds: [actor.organisationId],
  })) {
    if (!isAllowed(actor, 'record.export', resourceOf(row))) continue
    batch.push(row)
    if (batch.length >= 1000) {
      for (const s of await describe(ctx, batch)) yield s
      count += batch.length
      batch = []
    }
  }
  for (const s of await describe(ctx, batch)) yield s
  count += batch.length
  await ctx.handle.db.transaction().execute((trx) =>
    appendAudit(ctx, trx, actor, {
      action: 'records.export',
      objectType: 'organisation',
      objectId: actor.organisationId,
      details: { records: count },
    }),
  )
}

/** Check the right to import at once, then run the import as a job with progress. */
export async function startImportJob(
  ctx: ServiceContext,
  actor: Actor,
  request: ImportRequest,
): Promise<{ jobId: string; done: Promise<void> }> {
  await authorize(ctx, actor, 'record.import', {
    organisationId: actor.organisationId,
    sensitivity: request.sensitivity ?? 'sensitive',
  })
  const { id, done } = await startJob(ctx, actor, 'import', (job) =>
    importRecords(ctx, actor, { ...request, onProgress: (f, stage) => job.progress(f, stage) }),
  )
  return { jobId: id, done }
}

/** What a form (a family report, an intake at the gate) says about one person. */
export interface FormRecordInput {
  /** Id of what the record came from (the case or intake id); becomes its record key. */
  key: string
  fields: Omit<PersonRecordFields, 'record_id' | 'extra'> & {
    extra?: Record<string, string> | undefined
  }
  /** `family-report`, `intake`, ... */
  sourceKind: string
  sensitivity?: Sensitivity | undefined
}

/**
 * Store one form-entered record inside the caller's transaction, as version 1 with its
 * audit entry, like an imported row but without a batch. The caller tells the listeners
 * once its transaction has committed (`announceRecords`).
 */
export async function createRecord(
  ctx: ServiceContext,
  trx: Kysely<Database>,
  actor: Actor,
  input: FormRecordInput,
): Promise<PersonRecordRow> {
  const at = ctx.clock().toISOString()
  const f = input.fields
  const text = (v: string | undefined): string | null =>
    v === undefined || v.trim() === '' ? null : v.trim()
  const row: PersonRecordRow = {
    id: randomUUID(),
    organisation_id: actor.organisationId,
    batch_id: null,
    record_key: input.key,
    row_number: null,
    source_kind: input.sourceKind,
    sensitivity: input.sensitivity ?? 'sensitive',
    shared_with: '[]',
    version: 1,
    age: f.age ?? null,
    extra: JSON.stringify(f.extra ?? {}),
    created_by: actor.userId,
    created_at: at,
    updated_at: at,
    source: text(f.source),
    full_name: text(f.full_name),
    first_name: text(f.first_name),
    father_name: text(f.father_name),
    grandfather_name: text(f.grandfather_name),
    family_name: text(f.family_name),
    mother_name: text(f.mother_name),
    mother_family_name: text(f.mother_family_name),
    sex: f.sex ?? null,
    birth_date: text(f.birth_date),
    recorded_on: text(f.recorded_on),
    birth_place: text(f.birth_place),
    national_id: text(f.national_id),
    last_seen_date: text(f.last_seen_date),
    last_seen_place: text(f.last_seen_place),
    detention_place: text(f.detention_place),
    notes: text(f.notes),
  }
  await insertWithVersions(trx, [row], actor.userId, at, () => undefined)
  await appendAudit(ctx, trx, actor, {
    action: 'record.create',
    objectType: 'record',
    objectId: row.id,
    details: { sourceKind: input.sourceKind },
  })
  return row
}

/** Tell the listeners (search index, incremental linkage) of records stored outside an import. */
export function announceRecords(ctx: ServiceContext, rows: readonly PersonRecordRow[]): void {
  const added = rows.map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    fields: fieldsOf(r),
    sensitivity: toSensitivity(r.sensitivity),
    sharedWith: JSON.parse(r.shared_with) as string[],
    version: r.version,
  }))
  for (const l of listeners.get(ctx) ?? []) l(added)
}
