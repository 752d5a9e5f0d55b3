/**
 * The outcome of importing one file: either every record (with warnings) or only errors,
 * never both, so that the service can store an import all-or-nothing and show a person a
 * row-level report.
 */
import type { ImportIssue } from './import-issue.js'
import type { PersonNote } from './person-note.js'
import type { PersonRecordFields, RecordField } from './record-fields.js'

/** The text encodings the importers recognise (`mixed` = per-line UTF-8 / Windows-1256). */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1256' | 'mixed'

/** The file formats the importers read. */
export type RecordFileFormat = 'csv' | 'xlsx' | 'pfif'

/** How one column of the file was understood. */
export interface HeaderMappingEntry {
  /** The header text as written. */
  column: string
  /** 0-based position of the column. */
  index: number
  /** The spec field it fills, or `undefined` when it is kept in `extra` under `column`. */
  field: RecordField | undefined
  /** Why: the spec's own name, a known alias, the caller's explicit mapping, or unknown (extra). */
  via: 'spec' | 'alias' | 'mapping' | 'extra'
}

/** Facts about the file, present whether the import succeeded or not. */
export interface ImportMeta {
  format: RecordFileFormat
  /** SHA-256 (hex) of the bytes as received. */
  sha256: string
  byteLength: number
  /** Text encoding (CSV and PFIF); XLSX is always UTF-8 inside. */
  encoding?: TextEncoding | undefined
  bom?: boolean | undefined
  /** CSV only. */
  delimiter?: ',' | ';' | '\t' | undefined
  /** XLSX only: the sheet that was read. */
  sheet?: string | undefined
  /** PFIF only: version of the file (`1.1` … `1.4`). */
  pfifVersion?: string | undefined
  /** Data rows seen (blank rows excluded); PFIF: persons seen. */
  rowCount: number
  /** Columns and the fields they were mapped to (CSV and XLSX). */
  headerMapping: HeaderMappingEntry[]
  /** All errors and warnings counted, including those not kept in the lists. */
  errorCount: number
  warningCount: number
}

/** One imported record with the row it came from (and its notes, from PFIF). */
export interface ImportedRecord {
  /** Spreadsheet row (header = 1); PFIF: 1-based index of the person in the file. */
  row: number
  record: PersonRecordFields
  /** PFIF notes about this person; empty for CSV and XLSX. */
  notes: PersonNote[]
}

/** Success: every row is valid; warnings say what was read in a tolerant way. */
export interface RecordImportSuccess {
  ok: true
  records: ImportedRecord[]
  warnings: ImportIssue[]
  /** PFIF only: top-level notes whose person is not in the file (kept, not dropped). */
  unattachedNotes: PersonNote[]
  meta: ImportMeta
}

/** Failure: at least one error; nothing may be stored. */
export interface RecordImportFailure {
  ok: false
  errors: ImportIssue[]
  warnings: ImportIssue[]
  meta: ImportMeta
}

/** The outcome of an import: all records, or errors and no record. */
export type RecordImportResult = RecordImportSuccess | RecordImportFailure

/** The outcome of a streaming import (records were handed to a callback; store them only if `ok`). */
export type RecordImportSummary =
  { ok: true; warnings: ImportIssue[]; meta: ImportMeta } | RecordImportFailure

/** Options shared by the CSV and XLSX importers. */
export interface TableImportOptions {
  /** Explicit header → spec field mapping (`{ "Col X": "first_name" }`); wins over aliases. */
  columnMapping?: Readonly<Record<string, string>> | undefined
  /**
   * When the file has no record_id column, use the row number (`row-<n>`) instead of
   * refusing the file. Off by default: the spec makes record_id required.
   */
  recordIdFromRow?: boolean | undefined
  /**
   * Read `31/12/1990`-style dates as day/month/year (with a warning). Default true: the
   * Syrian convention; set false to refuse them.
   */
  acceptDayFirstDates?: boolean | undefined
  /** Errors and warnings kept in the result (all are counted). Default 1000. */
  maxIssues?: number | undefined
}
