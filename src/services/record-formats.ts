/** PFIF import glue (the parser lives in core/records). */
import type { RecordImportResult } from '../core/records/record-import-result.js'
import { hashBytes } from '../core/records/csv-record-importer.js'

export async function parsePfifFile(bytes: Uint8Array): Promise<RecordImportResult> {
  return {
    ok: false,
    errors: [{ code: 'not_pfif', reason: 'PFIF import is not available yet' }],
    warnings: [],
    meta: { format: 'pfif', sha256: hashBytes(bytes), byteLength: bytes.byteLength, rowCount: 0, headerMapping: [], errorCount: 1, warningCount: 0 },
  }
}
