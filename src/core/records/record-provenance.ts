/**
 * Where a stored record came from. The import service fills it in when it stores a batch;
 * exports carry it beside each record so that a reader can trace every line back to a
 * document, a file (by its SHA-256) and a row.
 */

/** Provenance of one stored record (snake_case, like the record fields, for CSV columns). */
export interface RecordProvenance {
  /** The organisation that supplied the document (an NGO, a family association, a team). */
  source_organisation: string
  /** Kind of source: `family-report`, `register`, `ngo-list`, `intake`, `photo-index`, `morgue`, … */
  source_kind: string
  /** Title or reference of the document the file was made from, when known. */
  document?: string | undefined
  /** Id of the import batch that stored the record. */
  import_batch_id: string
  /** SHA-256 (hex) of the imported file's bytes. */
  file_sha256: string
  /** Row of the file (spreadsheet numbering, header = 1; PFIF: index of the person). */
  row_number: number
  /** Who ran the import (an account id or name). */
  imported_by: string
  /** When the import ran, UTC `yyyy-mm-ddThh:mm:ssZ`. */
  imported_at: string
}

/** The provenance keys, in export column order. */
export const PROVENANCE_FIELDS = [
  'source_organisation',
  'source_kind',
  'document',
  'import_batch_id',
  'file_sha256',
  'row_number',
  'imported_by',
  'imported_at',
] as const satisfies readonly (keyof RecordProvenance)[]
