// Property tests over all importers: for any bytes and any table they return a value (never
// throw), and a result with an error never carries records.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import fc from 'fast-check'

import { parseRecordsCsv } from './csv-record-importer.js'
import { parsePfif } from './pfif-importer.js'
import type { RecordImportResult } from './record-import-result.js'
import { decodeText } from './text-decoder.js'
import { parseRecordsXlsx } from './xlsx-record-importer.js'

function assertWellFormed(result: RecordImportResult): void {
  if (result.ok) {
    assert.equal(result.meta.errorCount, 0)
    assert.ok(Array.isArray(result.records))
  } else {
    assert.ok(result.errors.length > 0)
    assert.equal((result as { records?: unknown }).records, undefined)
    for (const e of result.errors) assert.ok(e.reason.length > 0 && e.code.length > 0)
  }
}

function toCsv(table: string[][], delimiter: string): string {
  const quote = (v: string): string => (/[",;\t\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return table.map((row) => row.map(quote).join(delimiter)).join('\n')
}

// Text a person could type: no C0 controls (a text file never holds them), any other Unicode.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const cellText = fc.string({ unit: 'grapheme', maxLength: 12 }).filter((s) => !CONTROL.test(s))
const headerWords = fc.constantFrom(
  'record_id',
  'first_name',
  'الاسم',
  'اسم الأب',
  'sex',
  'age',
  'dob',
  'national_id',
  'notes',
  'x',
  '',
  'record_id',
)

void describe('importer properties', () => {
  void it('decodeText and the CSV and PFIF importers never throw on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        decodeText(bytes)
        assertWellFormed(parseRecordsCsv(bytes))
        assertWellFormed(parsePfif(bytes))
      }),
      { numRuns: 400 },
    )
  })

  void it('the CSV importer never throws on byte soups built from CSV-ish pieces', () => {
    const piece = fc.constantFrom(
      'record_id',
      ',',
      ';',
      '\t',
      '"',
      '""',
      '\n',
      '\r\n',
      ' ',
      'محمد',
      '1990-13-01',
      'M',
      'ذكر',
      '\uFEFF',
      '=',
      'age',
      '1',
    )
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        assertWellFormed(parseRecordsCsv(Buffer.from(pieces.join(''))))
      }),
      { numRuns: 400 },
    )
  })

  void it('arbitrary string tables import or fail cleanly, with any delimiter', () => {
    const table = fc.tuple(
      fc.array(headerWords, { minLength: 1, maxLength: 6 }),
      fc.array(fc.array(cellText, { maxLength: 7 }), { maxLength: 8 }),
    )
    fc.assert(
      fc.property(table, fc.constantFrom(',', ';', '\t'), ([header, body], delimiter) => {
        const result = parseRecordsCsv(Buffer.from(toCsv([header, ...body], delimiter)), {
          delimiter: delimiter as ',',
        })
        assertWellFormed(result)
      }),
      { numRuns: 300 },
    )
  })

  void it('free-text cells come back exactly (trimmed) whatever they hold', () => {
    const rows = fc.array(fc.tuple(cellText, cellText), { minLength: 1, maxLength: 10 })
    fc.assert(
      fc.property(rows, (cells) => {
        const table = [
          ['record_id', 'notes', 'Other'],
          ...cells.map(([a, b], i) => [`r${i}`, a, b]),
        ]
        const result = parseRecordsCsv(Buffer.from(toCsv(table, ',')))
        if (!result.ok) assert.fail(JSON.stringify(result.errors))
        assert.equal(result.records.length, cells.length)
        result.records.forEach((r, i) => {
          const [notes, other] = cells[i]!
          assert.equal(r.record.notes, notes.trim() === '' ? undefined : notes.trim())
          assert.equal(r.record.extra.Other, other.trim() === '' ? undefined : other.trim())
        })
      }),
      { numRuns: 200 },
    )
  })

  void it('the XLSX importer never throws on arbitrary bytes (including a zip header)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.boolean(), async (bytes, zip) => {
        const input = zip ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), bytes]) : bytes
        assertWellFormed(await parseRecordsXlsx(input))
      }),
      { numRuns: 60 },
    )
  })
})
