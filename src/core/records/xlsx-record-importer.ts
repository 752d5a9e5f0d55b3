/**
 * Import of person records from an Excel workbook (XLSX bytes, read in memory with exceljs):
 * the first sheet or a named one, the same header mapping and validation as CSV. Cells are
 * turned into the text a person would have typed: dates Excel stored as dates become
 * `YYYY-MM-DD`, numbers in id columns become their digits (never `1.2E+10`).
 */
import ExcelJS from 'exceljs'

import { hashBytes } from './csv-record-importer.js'
import { IssueCollector, type ImportIssue } from './import-issue.js'
import type {
  ImportedRecord,
  ImportMeta,
  RecordImportResult,
  TableImportOptions,
} from './record-import-result.js'
import type { RecordField } from './record-fields.js'
import { mapHeaderRow } from './header-mapper.js'
import { RecordRowReader } from './record-row-reader.js'

/** Options of the XLSX importer. */
export interface XlsxImportOptions extends TableImportOptions {
  /** Name of the sheet to read; default the first sheet. */
  sheet?: string | undefined
}

const ID_FIELDS: ReadonlySet<RecordField> = new Set(['record_id', 'national_id'])
const DATE_FIELDS: ReadonlySet<RecordField> = new Set([
  'birth_date',
  'recorded_on',
  'last_seen_date',
])

/**
 * Parse an XLSX workbook into person records, all or nothing (see parseRecordsCsv).
 * The header is the first non-blank row; row numbers are the sheet's own.
 */
export async function parseRecordsXlsx(
  bytes: Uint8Array,
  options: XlsxImportOptions = {},
): Promise<RecordImportResult> {
  const issues = new IssueCollector(options.maxIssues)
  const meta: ImportMeta = {
    format: 'xlsx',
    sha256: hashBytes(bytes),
    byteLength: bytes.byteLength,
    encoding: 'utf-8',
    rowCount: 0,
    headerMapping: [],
    errorCount: 0,
    warningCount: 0,
  }
  const records: ImportedRecord[] = []
  const fail = (issue: ImportIssue): RecordImportResult => {
    issues.addError(issue)
    return finish()
  }
  const finish = (): RecordImportResult => {
    meta.errorCount = issues.errorCount
    meta.warningCount = issues.warningCount
    if (issues.isTruncated()) {
      const note: ImportIssue = {
        code: 'too_many_issues',
        reason: `Only the first problems are listed: ${issues.errorCount} errors and ${issues.warningCount} warnings in all.`,
      }
      if (issues.hasErrors()) issues.errors.push(note)
      else issues.warnings.push(note)
    }
    if (issues.hasErrors()) {
      return { ok: false, errors: issues.errors, warnings: issues.warnings, meta }
    }
    return { ok: true, records, warnings: issues.warnings, unattachedNotes: [], meta }
  }

  if (bytes.byteLength === 0) return fail({ code: 'empty_file', reason: 'The file is empty.' })
  const workbook = new ExcelJS.Workbook()
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer)
  } catch {
    return fail({
      code: 'invalid_xlsx',
      reason:
        'The file is not a readable Excel workbook (.xlsx). Open it in a spreadsheet program and save it as .xlsx or as CSV UTF-8.',
    })
  }
  const sheet =
    options.sheet === undefined ? workbook.worksheets[0] : workbook.getWorksheet(options.sheet)
  if (sheet === undefined) {
    const names = workbook.worksheets.map((w) => `"${w.name}"`).join(', ')
    return fail({
      code: 'sheet_not_found',
      value: options.sheet,
      reason:
        options.sheet === undefined
          ? 'The workbook has no sheet.'
          : `The workbook has no sheet "${options.sheet}". Its sheets are: ${names}.`,
    })
  }
  meta.sheet = sheet.name

  const rows: { number: number; values: ExcelJS.CellValue[] }[] = []
  const width = sheet.columnCount
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const values: ExcelJS.CellValue[] = []
    const count = Math.max(width, row.cellCount)
    for (let c = 1; c <= count; c++) values.push(row.getCell(c).value)
    rows.push({ number: rowNumber, values })
  })
  const headerIndex = findHeaderRow(
    rows.map((r) => r.values.map((v) => cellText(v, undefined))),
    options,
  )
  const headerRow = headerIndex === undefined ? undefined : rows[headerIndex]
  if (headerIndex === undefined || headerRow === undefined) {
    return fail({ code: 'empty_file', reason: `The sheet "${sheet.name}" is empty.` })
  }
  const reader = new RecordRowReader(
    headerRow.values.map((v) => cellText(v, undefined)),
    options,
    issues,
    headerRow.number,
  )
  const fields = reader.entries.map((e) => e.field)
  for (const row of rows.slice(headerIndex + 1)) {
    const cells = row.values.map((v, i) => cellText(v, fields[i]))
    const record = reader.readRow(row.number, cells)
    if (record !== undefined && !issues.hasErrors()) {
      records.push({ row: row.number, record, notes: [] })
    }
  }
  meta.headerMapping = reader.entries
  meta.rowCount = reader.rowCount
  if (reader.rowCount === 0) {
    issues.addError({
      code: 'header_only',
      reason: `The sheet "${sheet.name}" has a header row but no data rows.`,
    })
  }
  if (issues.hasErrors()) records.length = 0
  return finish()
}

// Title lines often sit above the header of a list ("قائمة المعتقلين 2013").
const HEADER_SEARCH_ROWS = 10

/**
 * The header is the first of the first non-blank rows that names the record_id column or at
 * least two known fields; else the first non-blank row.
 */
function findHeaderRow(rows: readonly string[][], options: TableImportOptions): number | undefined {
  let first: number | undefined
  let seen = 0
  for (let i = 0; i < rows.length && seen < HEADER_SEARCH_ROWS; i++) {
    const cells = rows[i] ?? []
    if (cells.every((c) => c.trim() === '')) continue
    seen++
    first ??= i
    const fields = mapHeaderRow(cells, options.columnMapping).entries.filter(
      (e) => e.field !== undefined,
    )
    if (fields.length >= 2 || fields.some((e) => e.field === 'record_id')) return i
  }
  return first
}

/** The text of a cell as a person would have typed it, for a column that fills `field`. */
export function cellText(value: ExcelJS.CellValue, field: RecordField | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (typeof value === 'number') return numberText(value, field)
  if (value instanceof Date) return dateText(value, field)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('hyperlink' in value) {
    return typeof value.text === 'string' ? value.text : String(value.hyperlink)
  }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    if (result === undefined || result === null || typeof result === 'object') {
      return result instanceof Date ? dateText(result, field) : ''
    }
    if (typeof result === 'number') return numberText(result, field)
    return typeof result === 'string' || typeof result === 'boolean' ? String(result) : ''
  }
  if ('error' in value) return ''
  return ''
}

function numberText(n: number, field: RecordField | undefined): string {
  // Ids are digit strings that Excel happened to store as numbers: no exponent, no '.0'.
  if (field !== undefined && ID_FIELDS.has(field) && Number.isSafeInteger(n)) {
    return BigInt(n).toString()
  }
  return String(n)
}

function dateText(date: Date, field: RecordField | undefined): string {
  if (Number.isNaN(date.getTime())) return ''
  // exceljs builds dates from Excel serials in UTC. A date field keeps the day (the spec's
  // YYYY-MM-DD); another column keeps a time when there is one.
  const iso = date.toISOString()
  if (iso.endsWith('T00:00:00.000Z') || (field !== undefined && DATE_FIELDS.has(field))) {
    return iso.slice(0, 10)
  }
  return `${iso.slice(0, 19)}Z`
}
