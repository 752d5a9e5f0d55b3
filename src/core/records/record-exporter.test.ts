import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { parse } from 'csv-parse/sync'

import { parseRecordsCsv } from './csv-record-importer.js'
import {
  exportRecordsCsv,
  exportRecordsJsonl,
  neutralizeSpreadsheetCell,
  PROVENANCE_COLUMNS,
  type RecordExportItem,
} from './record-exporter.js'
import { RECORD_FIELDS } from './record-fields.js'
import type { RecordProvenance } from './record-provenance.js'

const PROVENANCE: RecordProvenance = {
  source_organisation: 'Families for Truth',
  source_kind: 'family-report',
  document: 'Intake forms, Aleppo, 2025-01',
  import_batch_id: 'batch-7',
  file_sha256: 'ab'.repeat(32),
  row_number: 12,
  imported_by: 'user-3',
  imported_at: '2025-02-01T10:00:00Z',
}

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}

function rows(csv: string): string[][] {
  return parse(csv, { bom: true, relax_column_count: true }) as string[][]
}

void describe('exportRecordsCsv', () => {
  void it('writes spec columns, then provenance, then extra columns, with a BOM for Excel', async () => {
    const items: RecordExportItem[] = [
      {
        record: {
          record_id: 'r1',
          first_name: 'محمد',
          age: 40,
          sex: 'M',
          extra: { Phone: '0933', 'Eye colour': 'brown' },
        },
        provenance: PROVENANCE,
      },
      { record: { record_id: 'r2', notes: 'a, "quoted"\nline', extra: { Village: 'Douma' } } },
    ]
    const csv = await collect(exportRecordsCsv(items))
    assert.ok(csv.startsWith('\uFEFF'))
    const [header, first, second] = rows(csv)
    assert.deepEqual(header, [
      ...RECORD_FIELDS,
      ...PROVENANCE_COLUMNS,
      'Phone',
      'Eye colour',
      'Village',
    ])
    const cell = (row: string[] | undefined, column: string): string | undefined =>
      row?.[header.indexOf(column)]
    assert.equal(cell(first, 'first_name'), 'محمد')
    assert.equal(cell(first, 'age'), '40')
    assert.equal(cell(first, 'provenance_row_number'), '12')
    assert.equal(cell(first, 'provenance_file_sha256'), 'ab'.repeat(32))
    assert.equal(cell(first, 'Phone'), '0933')
    assert.equal(cell(second, 'notes'), 'a, "quoted"\nline')
    assert.equal(cell(second, 'provenance_source_kind'), '')
    assert.equal(cell(second, 'Village'), 'Douma')
  })

  void it('neutralises formula injection, including =HYPERLINK', async () => {
    const items: RecordExportItem[] = [
      {
        record: {
          record_id: 'r1',
          full_name: '=HYPERLINK("http://x","click")',
          notes: '@SUM(A1)',
          extra: { a: '+cmd', b: '-2+3', c: '\tx', d: '-5', e: '+963' },
        },
      },
    ]
    const [header, row] = rows(await collect(exportRecordsCsv(items)))
    const cell = (column: string): string | undefined => row?.[header!.indexOf(column)]
    assert.equal(cell('full_name'), `'=HYPERLINK("http://x","click")`)
    assert.equal(cell('notes'), "'@SUM(A1)")
    assert.equal(cell('a'), "'+cmd")
    assert.equal(cell('b'), "'-2+3")
    assert.equal(cell('c'), "'\tx")
    assert.equal(cell('d'), '-5')
    assert.equal(cell('e'), '+963')
  })

  void it('puts extra attributes without a column into extra_json when the columns are given', async () => {
    const items = [{ record: { record_id: 'r1', extra: { kept: '1', other: '2' } } }]
    const [header, row] = rows(
      await collect(exportRecordsCsv(items, { extraColumns: ['kept'], bom: false })),
    )
    assert.deepEqual(header?.slice(-2), ['kept', 'extra_json'])
    assert.deepEqual(row?.slice(-2), ['1', '{"other":"2"}'])
  })

  void it('discovers extra columns from the look-ahead and keeps later ones in extra_json', async () => {
    async function* items(): AsyncGenerator<RecordExportItem> {
      yield { record: { record_id: '1', extra: { a: 'x' } } }
      yield { record: { record_id: '2', extra: { a: 'y', late: 'z' } } }
    }
    const [header, , second] = rows(await collect(exportRecordsCsv(items(), { lookahead: 1 })))
    assert.deepEqual(header?.slice(-2), ['a', 'extra_json'])
    assert.deepEqual(second?.slice(-2), ['y', '{"late":"z"}'])
  })

  void it('prefixes an extra key that collides with one of our columns', async () => {
    const [header] = rows(
      await collect(
        exportRecordsCsv([{ record: { record_id: '1', extra: { provenance_document: 'x' } } }]),
      ),
    )
    assert.equal(header?.at(-1), 'extra.provenance_document')
  })

  void it('round-trips through the CSV importer', async () => {
    const record = {
      record_id: 'r1',
      first_name: 'Ali',
      father_name: 'Omar',
      birth_date: '1990-12',
      sex: 'M' as const,
      age: 34,
      extra: { Village: 'Douma' },
    }
    const csv = await collect(exportRecordsCsv([{ record }]))
    const back = parseRecordsCsv(Buffer.from(csv))
    if (!back.ok) assert.fail(JSON.stringify(back.errors))
    assert.deepEqual(back.records[0]?.record, record)
  })

  void it('streams many records in bounded chunks', async () => {
    function* many(): Generator<RecordExportItem> {
      for (let i = 0; i < 20_000; i++) {
        yield {
          record: { record_id: `r${i}`, full_name: 'محمد عبد الرحمن الحلبي', extra: {} },
          provenance: PROVENANCE,
        }
      }
    }
    let count = 0
    let largest = 0
    let lines = 0
    for await (const chunk of exportRecordsCsv(many())) {
      count++
      largest = Math.max(largest, chunk.length)
      lines += chunk.split('\r\n').length - 1
    }
    assert.ok(count > 10)
    assert.ok(largest < 80 * 1024)
    assert.equal(lines, 20_001)
  })
})

void describe('exportRecordsJsonl', () => {
  void it('writes one JSON object per line with provenance and notes, unknown values left out', async () => {
    const items: RecordExportItem[] = [
      {
        record: { record_id: 'r1', first_name: 'هدى', family_name: undefined, extra: { x: '=1' } },
        provenance: PROVENANCE,
        notes: [{ note_record_id: 'n1', text: 'seen' }],
      },
      { record: { record_id: 'r2', extra: {} } },
    ]
    const out = await collect(exportRecordsJsonl(items))
    const lines = out
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    assert.deepEqual(lines[0], {
      record_id: 'r1',
      first_name: 'هدى',
      extra: { x: '=1' },
      provenance: PROVENANCE,
      notes: [{ note_record_id: 'n1', text: 'seen' }],
    })
    assert.deepEqual(lines[1], { record_id: 'r2', extra: {} })
  })
})

void describe('neutralizeSpreadsheetCell', () => {
  void it('leaves ordinary text and plain numbers alone', () => {
    for (const v of ['Ali', 'محمد', '', '12', '-12.5', '+963']) {
      assert.equal(neutralizeSpreadsheetCell(v), v)
    }
    for (const v of ['=1+1', '+1+1', '-A1', '@x', '\rx']) {
      assert.equal(neutralizeSpreadsheetCell(v), `'${v}`)
    }
  })
})
