/**
 * Import of person records from CSV bytes (shared/spec/record-csv.md): encoding detection,
 * delimiter sniffing (`,` `;` tab), RFC 4180 quoting through csv-parse, header aliases,
 * row validation. All-or-nothing: a file with any error yields errors and no record.
 */
import { createHash } from 'node:crypto'

import { parse } from 'csv-parse/sync'

import { IssueCollector, type ImportIssue } from './import-issue.js'
import type {
  ImportedRecord,
  ImportMeta,
  RecordImportResult,
  RecordImportSummary,
  TableImportOptions,
} from './record-import-result.js'
import { RecordRowReader } from './record-row-reader.js'
import { decodeText } from './text-decoder.js'

/** The delimiters a CSV file may use. */
export type CsvDelimiter = ',' | ';' | '\t'

/** Options of the CSV importers. */
export interface CsvImportOptions extends TableImportOptions {
  /** Force the delimiter instead of sniffing it from the header line. */
  delimiter?: CsvDelimiter | undefined
}

const DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t']
// A record longer than this is a wrong delimiter or an unclosed quote, not a person.
const MAX_RECORD_CHARACTERS = 1_000_000

/**
 * Guess the delimiter from the first line (outside quotes): the most frequent of `,` `;` tab;
 * `,` on a tie or when none occurs (a one-column file). European and Arabic spreadsheet
 * programs write `;` where the decimal separator is a comma.
 */
export function sniffCsvDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(DELIMITERS.map((d) => [d, 0]))
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '"') quoted = !quoted
    else if (!quoted && (c === '\n' || c === '\r')) break
    else if (!quoted && (c === ',' || c === ';' || c === '\t')) {
      counts.set(c, (counts.get(c) ?? 0) + 1)
    }
  }
  let best: CsvDelimiter = ','
  for (const d of DELIMITERS) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d
  return best
}

/** SHA-256 (hex) of bytes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/**
 * Parse a CSV file held in memory into person records, all or nothing: `{ ok: true, records }`
 * when every row is valid, else `{ ok: false, errors }` with no record. Never throws on input.
 */
export function parseRecordsCsv(
  bytes: Uint8Array,
  options: CsvImportOptions = {},
): RecordImportResult {
  const records: ImportedRecord[] = []
  let collecting = true
  const summary = forEachCsvRecord(bytes, options, (record, failedSoFar) => {
    // Once a row failed the file is refused: stop holding records, keep checking rows.
    if (failedSoFar) collecting = false
    if (collecting) records.push(record)
    else if (records.length > 0) records.length = 0
  })
  if (!summary.ok) return summary
  return { ok: true, records, warnings: summary.warnings, unattachedNotes: [], meta: summary.meta }
}

/**
 * Streaming-friendly variant: hands every valid record to `onRecord` in file order (with
 * `failedSoFar` true once any error was seen), and returns the summary. The caller must store
 * the records only if the summary is `ok` (for example in one transaction it rolls back
 * otherwise): an error on the last row refuses the whole file.
 */
export function forEachCsvRecord(
  bytes: Uint8Array,
  options: CsvImportOptions,
  onRecord: (record: ImportedRecord, failedSoFar: boolean) => void,
): RecordImportSummary {
  const issues = new IssueCollector(options.maxIssues)
  const meta: ImportMeta = {
    format: 'csv',
    sha256: hashBytes(bytes),
    byteLength: bytes.byteLength,
    rowCount: 0,
    headerMapping: [],
    errorCount: 0,
    warningCount: 0,
  }
  const finish = (): RecordImportSummary => {
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
    return { ok: true, warnings: issues.warnings, meta }
  }

  const decoded = decodeText(bytes)
  if (!decoded.ok) {
    issues.addError(decoded.issue)
    return finish()
  }
  meta.encoding = decoded.encoding
  meta.bom = decoded.bom
  if (decoded.windows1256Lines.length > 0) {
    issues.addWarning({
      code: 'mixed_encoding',
      reason:
        `Some lines are UTF-8 and others Windows-1256 (Arabic Excel); each line was read in its own encoding. ` +
        `Windows-1256 lines: ${summarizeLines(decoded.windows1256Lines)}. Check the names on those lines.`,
    })
  }
  const text = decoded.text
  if (text.trim() === '') {
    issues.addError({
      code: 'empty_file',
      reason: 'The file is empty. Export the list again with a header row and data rows.',
    })
    return finish()
  }
  const delimiter = options.delimiter ?? sniffCsvDelimiter(text)
  meta.delimiter = delimiter

  let reader: RecordRowReader | undefined
  let recordIndex = 0
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      // Names such as  Abu "Ali"  are written unquoted in real files; keep their quotes.
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARACTERS,
      on_record: (cells: string[]) => {
        // Spreadsheet numbering: the n-th record (blank lines included) is row n, header = row 1.
        recordIndex++
        if (reader === undefined) {
          // Blank lines above the header are skipped (and counted as rows).
          if (cells.every((c) => c.trim() === '')) return null
          reader = new RecordRowReader(cells, options, issues, recordIndex)
          return null
        }
        const record = reader.readRow(recordIndex, cells)
        if (record !== undefined) {
          onRecord({ row: recordIndex, record, notes: [] }, issues.hasErrors())
        }
        return null
      },
    })
  } catch (error) {
    issues.addError(describeCsvError(error))
  }
  if (reader === undefined) {
    issues.addError({ code: 'empty_file', reason: 'The file has no header row.' })
    return finish()
  }
  meta.headerMapping = reader.entries
  meta.rowCount = reader.rowCount
  if (reader.rowCount === 0) {
    issues.addError({
      code: 'header_only',
      reason: 'The file has a header row but no data rows. Export the list again with its rows.',
    })
  }
  return finish()
}

function describeCsvError(error: unknown): ImportIssue {
  const e = error as { code?: unknown; lines?: unknown; message?: unknown }
  const line = typeof e.lines === 'number' ? e.lines : undefined
  const where = line === undefined ? '' : ` near line ${line}`
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        code: 'malformed_csv',
        row: line,
        reason: `A double quote opens a value${where} and is never closed. Close the quote, or double every quote inside a quoted value ("").`,
      }
    case 'CSV_MAX_RECORD_SIZE':
      return {
        code: 'malformed_csv',
        row: line,
        reason: `A row${where} is longer than ${MAX_RECORD_CHARACTERS} characters: the file probably has an unclosed quote or another delimiter than , ; or tab.`,
      }
    default:
      return {
        code: 'malformed_csv',
        row: line,
        reason: `The file is not valid CSV${where}: ${typeof e.message === 'string' ? e.message : String(error)}`,
      }
  }
}

function summarizeLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 20).join(', ')
  return lines.length > 20 ? `${shown} and ${lines.length - 20} more` : shown
}
