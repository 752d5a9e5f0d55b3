/**
 * Turns the rows of a table (from CSV or XLSX, already split into string cells) into person
 * records, checking every cell and every row against the spec (shared/spec/record-csv.md)
 * and reporting each problem with its spreadsheet row and header as written.
 */
import { parseAge, parseNationalId, parsePartialDate, parseSex } from './field-value-parser.js'
import type { IssueCollector } from './import-issue.js'
import { mapHeaderRow } from './header-mapper.js'
import type { HeaderMappingEntry, TableImportOptions } from './record-import-result.js'
import type { PersonRecordFields, RecordField } from './record-fields.js'

/** The `extra` key where a given age range is kept when `age` holds its midpoint. */
export const AGE_RANGE_EXTRA_KEY = 'age_range'

const DATE_FIELDS: ReadonlySet<RecordField> = new Set([
  'birth_date',
  'recorded_on',
  'last_seen_date',
])

/** Reads the data rows of one table against its header; create one per file. */
export class RecordRowReader {
  /** How each column was understood. */
  readonly entries: HeaderMappingEntry[]
  /** False when the header itself is unusable (the file is refused; rows are still checked if possible). */
  readonly headerOk: boolean
  /** Data rows that held at least one non-blank cell. */
  rowCount = 0

  private readonly recordIdColumn: HeaderMappingEntry | undefined
  private readonly seenIds = new Map<string, number>()
  private readonly acceptDayFirst: boolean
  private readonly recordIdFromRow: boolean

  constructor(
    headers: readonly string[],
    options: TableImportOptions,
    private readonly issues: IssueCollector,
    headerRow = 1,
  ) {
    const mapping = mapHeaderRow(headers, options.columnMapping, headerRow)
    this.entries = mapping.entries
    for (const error of mapping.errors) issues.addError(error)
    for (const warning of mapping.warnings) issues.addWarning(warning)
    this.acceptDayFirst = options.acceptDayFirstDates ?? true
    this.recordIdFromRow = options.recordIdFromRow ?? false
    this.recordIdColumn = this.entries.find((e) => e.field === 'record_id')
    let headerOk = mapping.errors.length === 0
    if (this.recordIdColumn === undefined && !this.recordIdFromRow) {
      headerOk = false
      issues.addError({
        code: 'missing_record_id_column',
        row: headerRow,
        reason:
          'The file has no record_id column. Add a column "record_id" with a different value on every row ' +
          '(a serial number is enough), or map an existing column to record_id.',
      })
    }
    this.headerOk = headerOk
  }

  /**
   * Read one data row. Returns the record, or undefined when the row is blank or has an
   * error (the error is in the collector). `row` is the spreadsheet row number.
   */
  readRow(row: number, cells: readonly string[]): PersonRecordFields | undefined {
    if (isBlankRow(cells)) return undefined
    this.rowCount++
    const issues = this.issues
    const errorsBefore = issues.errorCount

    if (cells.length > this.entries.length) {
      const overflow = cells.slice(this.entries.length).filter((c) => c.trim() !== '')
      if (overflow.length > 0) {
        issues.addError({
          code: 'too_many_cells',
          row,
          value: overflow[0],
          reason:
            `This row has ${cells.length} cells but the header has ${this.entries.length} columns. ` +
            'A value probably contains the delimiter (a comma): put that value in double quotes, or add a header for the extra column.',
        })
      }
    }

    const record: PersonRecordFields = { record_id: '', extra: {} }
    for (const entry of this.entries) {
      const raw = cells[entry.index]
      if (raw === undefined) continue
      const value = raw.trim()
      if (value === '') continue // the spec: a blank cell means unknown
      if (entry.field === undefined) {
        record.extra[entry.column] = value
        continue
      }
      this.setField(record, entry.field, value, row, entry.column)
    }

    if (record.record_id === '') {
      if (this.recordIdFromRow) {
        record.record_id = `row-${row}`
      } else if (this.recordIdColumn !== undefined) {
        issues.addError({
          code: 'missing_record_id',
          row,
          column: this.recordIdColumn.column,
          reason:
            'This row has no record_id. Give every row its own identifier (a serial number is enough).',
        })
      }
    }
    if (record.record_id !== '') {
      const firstRow = this.seenIds.get(record.record_id)
      if (firstRow !== undefined) {
        issues.addError({
          code: 'duplicate_record_id',
          row,
          column: this.recordIdColumn?.column,
          value: record.record_id,
          reason: `The record_id "${record.record_id}" is already used on row ${firstRow}. Every row needs its own record_id.`,
        })
      } else {
        this.seenIds.set(record.record_id, row)
      }
    }
    return issues.errorCount === errorsBefore ? record : undefined
  }

  private setField(
    record: PersonRecordFields,
    field: RecordField,
    value: string,
    row: number,
    column: string,
  ): void {
    const issues = this.issues
    if (DATE_FIELDS.has(field)) {
      const date = parsePartialDate(value, { acceptDayFirst: this.acceptDayFirst })
      if (!date.ok) {
        issues.addError({ code: 'invalid_date', row, column, value, reason: date.reason })
        return
      }
      if (date.note !== undefined) {
        issues.addWarning({ code: 'date_read_day_first', row, column, value, reason: date.note })
      }
      record[field as 'birth_date'] = date.value
      return
    }
    if (field === 'sex') {
      const sex = parseSex(value)
      if (sex.ok) record.sex = sex.value
      else issues.addError({ code: 'invalid_sex', row, column, value, reason: sex.reason })
      return
    }
    if (field === 'age') {
      const age = parseAge(value)
      if (!age.ok) {
        issues.addError({ code: 'invalid_age', row, column, value, reason: age.reason })
        return
      }
      record.age = age.value.age
      if (age.value.range !== undefined) {
        record.extra[AGE_RANGE_EXTRA_KEY] = age.value.range
        issues.addWarning({
          code: 'age_range_midpoint',
          row,
          column,
          value,
          reason: age.note ?? '',
        })
      }
      return
    }
    if (field === 'national_id') {
      const id = parseNationalId(value)
      if (!id.ok) {
        issues.addError({ code: 'invalid_national_id', row, column, value, reason: id.reason })
        return
      }
      record.national_id = id.value
      if (id.note !== undefined) {
        issues.addWarning({
          code: 'unusual_national_id_length',
          row,
          column,
          value,
          reason: id.note,
        })
      }
      return
    }
    // Names and free text: kept exactly as written (trimmed).
    record[field as 'notes'] = value
  }
}

function isBlankRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell.trim() !== '') return false
  return true
}
