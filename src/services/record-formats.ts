/** File formats around stored records: PFIF import glue and the streaming exports. */
import { exportPfif14 } from '../core/records/pfif-exporter.js'
import {
  exportRecordsCsv,
  exportRecordsJsonl,
  type RecordExportItem,
} from '../core/records/record-exporter.js'
import type { PersonNote } from '../core/records/person-note.js'
import type { Actor } from '../core/access/policy.js'
import { streamExportableRecords, type StoredRecord } from './record.service.js'
import type { ServiceContext } from './context.js'
import { authorize } from './authorize.js'

/** Our PFIF domain: record ids are exported as `<domain>/<record id>`. */
export function pfifDomain(env: NodeJS.ProcessEnv = process.env): string {
  return env.ATHAR_PFIF_DOMAIN ?? 'athar.local'
}

export type ExportFormat = 'csv' | 'jsonl' | 'pfif'

function notesOf(record: StoredRecord): PersonNote[] {
  const raw = record.fields.extra['pfif.notes']
  if (raw === undefined) return []
  try {
    return JSON.parse(raw) as PersonNote[]
  } catch {
    return []
  }
}

async function* exportItems(ctx: ServiceContext, actor: Actor): AsyncGenerator<RecordExportItem> {
  for await (const r of streamExportableRecords(ctx, actor)) {
    const extra = { ...r.fields.extra }
    delete extra['pfif.notes']
    yield { record: { ...r.fields, extra }, provenance: r.provenance, notes: notesOf(r) }
  }
}

/** Stream the actor's exportable records as text chunks (authorised and audited). */
export function exportRecords(
  ctx: ServiceContext,
  actor: Actor,
  format: ExportFormat,
): AsyncGenerator<string> {
  switch (format) {
    case 'csv':
      return exportRecordsCsv(exportItems(ctx, actor))
    case 'jsonl':
      return exportRecordsJsonl(exportItems(ctx, actor))
    case 'pfif':
      return exportPfif14(exportItems(ctx, actor), {
        domain: pfifDomain(),
        exportedAt: ctx
          .clock()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
      })
  }
}

/** Check the right to export first (so a refusal is an error, not a broken stream), then stream. */
export async function openExport(
  ctx: ServiceContext,
  actor: Actor,
  format: ExportFormat,
): Promise<AsyncGenerator<string>> {
  await authorize(ctx, actor, 'record.export', { organisationId: actor.organisationId })
  return exportRecords(ctx, actor, format)
}
