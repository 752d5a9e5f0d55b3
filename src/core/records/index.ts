/**
 * Public API of the records module: importers (CSV, XLSX, PFIF 1.1–1.4) that turn bytes into
 * person records all-or-nothing with a row-level report, and streaming exporters (CSV, JSON
 * Lines with provenance, PFIF 1.4). Everything here is pure: bytes and options in, values out.
 * docs/import-formats.md describes the formats, aliases, rules and codes.
 */
export * from './record-fields.js'
export * from './import-issue.js'
export * from './record-import-result.js'
export type { PersonNote, NoteStatus } from './person-note.js'
export { NOTE_STATUSES, isNoteStatus } from './person-note.js'
export type { RecordProvenance } from './record-provenance.js'
export { PROVENANCE_FIELDS } from './record-provenance.js'
export { decodeText, type DecodedText, type UndecodableText } from './text-decoder.js'
export {
  HEADER_ALIASES,
  findFieldForHeader,
  mapHeaderRow,
  normalizeHeaderText,
  type HeaderMapping,
} from './header-mapper.js'
export {
  parseAge,
  parseNationalId,
  parsePartialDate,
  parseSex,
  toAsciiDigits,
} from './field-value-parser.js'
export {
  forEachCsvRecord,
  hashBytes,
  parseRecordsCsv,
  sniffCsvDelimiter,
  type CsvDelimiter,
  type CsvImportOptions,
} from './csv-record-importer.js'
export { parseRecordsXlsx, type XlsxImportOptions } from './xlsx-record-importer.js'
export { parsePfif, type PfifImportOptions } from './pfif-importer.js'
export {
  exportPfif14,
  toPfifRecordId,
  type PfifExportItem,
  type PfifExportOptions,
} from './pfif-exporter.js'
export { validatePfif14, type PfifValidationIssue } from './pfif-validator.js'
export {
  EXTRA_JSON_COLUMN,
  PROVENANCE_COLUMNS,
  exportRecordsCsv,
  exportRecordsJsonl,
  neutralizeSpreadsheetCell,
  type CsvExportOptions,
  type RecordExportItem,
  type RecordExportSource,
} from './record-exporter.js'
