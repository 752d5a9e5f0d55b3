/** RFC 4180 CSV rows for the record file and the truth file. */
import { RECORD_FIELDS, type PersonRecordFields } from '../../src/core/records/record-fields.js'
import type { RecordTruth } from './generator.js'

const NEEDS_QUOTES = /[",\r\n]/

/** One CSV field: quoted only when it holds a comma, a quote or a line break. */
export function formatCsvField(value: string | number | undefined): string {
  if (value === undefined) return ''
  const text = String(value)
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** One CSV line (CRLF-terminated, as RFC 4180 says). */
export function formatCsvRow(values: readonly (string | number | undefined)[]): string {
  return values.map(formatCsvField).join(',') + '\r\n'
}

/** The record file's header: the spec's columns in RECORD_FIELDS order, then any extra columns. */
export function formatRecordHeader(extraColumns: readonly string[] = []): string {
  return formatCsvRow([...RECORD_FIELDS, ...extraColumns])
}

/** One record as a CSV line under formatRecordHeader(extraColumns). */
export function formatRecordRow(
  fields: PersonRecordFields,
  extraColumns: readonly string[] = [],
): string {
  const values: (string | number | undefined)[] = RECORD_FIELDS.map((f) => fields[f])
  for (const column of extraColumns) values.push(fields.extra[column])
  return formatCsvRow(values)
}

export const TRUTH_COLUMNS = [
  'record_id',
  'person_id',
  'family_id',
  'father_person_id',
  'source',
  'source_instance',
  'script',
  'scheme',
  'corruptions',
] as const

/** The truth file's header. */
export function formatTruthHeader(): string {
  return formatCsvRow(TRUTH_COLUMNS)
}

/** One truth line. */
export function formatTruthRow(truth: RecordTruth): string {
  return formatCsvRow([
    truth.record_id,
    truth.person_id,
    truth.family_id,
    truth.father_person_id,
    truth.source,
    truth.source_instance,
    truth.script,
    truth.scheme,
    truth.corruptions.join(';'),
  ])
}
