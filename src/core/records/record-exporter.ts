/**
 * Export of stored person records with their provenance, as CSV (for spreadsheets) or JSON
 * Lines (for machines). Both stream: they take an iterable or async iterable of records and
 * yield string chunks of about 64 KiB, so a million records never sit in one string.
 */
import type { PersonNote } from './person-note.js'
import { PROVENANCE_FIELDS, type RecordProvenance } from './record-provenance.js'
import { RECORD_FIELDS, type PersonRecordFields } from './record-fields.js'

/** One record to export, with where it came from. */
export interface RecordExportItem {
  record: PersonRecordFields
  provenance?: RecordProvenance | undefined
  notes?: readonly PersonNote[] | undefined
}

/** Records to export: a list, a generator, or a database cursor as an async iterable. */
export type RecordExportSource = Iterable<RecordExportItem> | AsyncIterable<RecordExportItem>

const CHUNK_CHARACTERS = 64 * 1024

/** The CSV header of provenance columns: `provenance_<field>`. */
export const PROVENANCE_COLUMNS = PROVENANCE_FIELDS.map((f) => `provenance_${f}`)

/** The column that holds, as JSON, extra attributes that have no column of their own. */
export const EXTRA_JSON_COLUMN = 'extra_json'

/** Options of {@link exportRecordsCsv}. */
export interface CsvExportOptions {
  /**
   * Extra columns, in order. When absent they are discovered from the first `lookahead`
   * records (in order of first appearance).
   */
  extraColumns?: readonly string[] | undefined
  /** Records read ahead to discover extra columns; default 1000. */
  lookahead?: number | undefined
  /** Write a UTF-8 BOM first so that Excel reads Arabic correctly; default true. */
  bom?: boolean | undefined
}

// A cell a spreadsheet would run as a formula (OWASP, CSV injection): = + - @, tab, CR.
const FORMULA_START = /^[=+\-@\t\r]/
// A plain number is read as a number, not run as a formula: -5 and +963 stay as they are.
const PLAIN_NUMBER = /^[+-]?\d+(?:[.,]\d+)?$/

/**
 * Neutralise a cell against formula injection (OWASP "CSV Injection"): a value starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'`, unless it is a plain number.
 */
export function neutralizeSpreadsheetCell(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value
}

/** Quote a CSV field when needed (RFC 4180). */
function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value
}

/**
 * Stream records as CSV: the spec's columns first, then provenance columns, then extra
 * columns; `extra_json` last when extra attributes might not all have a column (an explicit
 * column list, or more records than the look-ahead). Every cell is neutralised against
 * formula injection. Lines end with CRLF (RFC 4180).
 */
export async function* exportRecordsCsv(
  items: RecordExportSource,
  options: CsvExportOptions = {},
): AsyncGenerator<string> {
  const lookahead = options.lookahead ?? 1000
  const iterator = toAsyncIterator(items)
  const buffered: RecordExportItem[] = []
  let exhausted = false
  let extraColumns: readonly string[]
  let overflow: boolean
  if (options.extraColumns !== undefined) {
    extraColumns = options.extraColumns
    overflow = true
  } else {
    const seen = new Set<string>()
    while (buffered.length < lookahead) {
      const next = await iterator.next()
      if (next.done === true) {
        exhausted = true
        break
      }
      buffered.push(next.value)
      for (const key of Object.keys(next.value.record.extra)) seen.add(key)
    }
    extraColumns = [...seen]
    overflow = !exhausted
  }
  const taken = new Set<string>([...RECORD_FIELDS, ...PROVENANCE_COLUMNS, EXTRA_JSON_COLUMN])
  // An extra key equal to one of our column names would be ambiguous: prefix it.
  const extraHeaders = extraColumns.map((key) => (taken.has(key) ? `extra.${key}` : key))
  const header = [
    ...RECORD_FIELDS,
    ...PROVENANCE_COLUMNS,
    ...extraHeaders,
    ...(overflow ? [EXTRA_JSON_COLUMN] : []),
  ]
  const listed = new Set(extraColumns)

  let chunk =
    ((options.bom ?? true) ? '\uFEFF' : '') +
    header.map((h) => quoteCsv(neutralizeSpreadsheetCell(h))).join(',') +
    '\r\n'
  const rowOf = (item: RecordExportItem): string => {
    const r = item.record
    const cells: string[] = RECORD_FIELDS.map((f) => {
      const v = r[f]
      return v === undefined ? '' : String(v)
    })
    const p = item.provenance
    for (const f of PROVENANCE_FIELDS) {
      const v = p?.[f]
      cells.push(v === undefined ? '' : String(v))
    }
    for (const key of extraColumns) cells.push(r.extra[key] ?? '')
    if (overflow) {
      const rest = Object.entries(r.extra).filter(([k]) => !listed.has(k))
      cells.push(rest.length === 0 ? '' : JSON.stringify(Object.fromEntries(rest)))
    }
    return cells.map((c) => quoteCsv(neutralizeSpreadsheetCell(c))).join(',') + '\r\n'
  }
  for (const item of buffered) {
    chunk += rowOf(item)
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk
      chunk = ''
    }
  }
  buffered.length = 0
  if (!exhausted) {
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      chunk += rowOf(next.value)
      if (chunk.length >= CHUNK_CHARACTERS) {
        yield chunk
        chunk = ''
      }
    }
  }
  if (chunk !== '') yield chunk
}

/**
 * Stream records as JSON Lines: one object per line with the record's fields (unknown values
 * left out), `extra`, and `provenance` and `notes` when given.
 */
export async function* exportRecordsJsonl(items: RecordExportSource): AsyncGenerator<string> {
  let chunk = ''
  for await (const item of items) {
    const line: Record<string, unknown> = { ...item.record }
    if (item.provenance !== undefined) line.provenance = item.provenance
    if (item.notes !== undefined && item.notes.length > 0) line.notes = item.notes
    chunk += `${JSON.stringify(line)}\n`
    if (chunk.length >= CHUNK_CHARACTERS) {
      yield chunk
      chunk = ''
    }
  }
  if (chunk !== '') yield chunk
}

function toAsyncIterator<T>(items: Iterable<T> | AsyncIterable<T>): AsyncIterator<T> | Iterator<T> {
  return Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]()
}
