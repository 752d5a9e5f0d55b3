import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import ExcelJS from 'exceljs'

import type { RecordImportResult } from './record-import-result.js'
import { cellText, parseRecordsXlsx } from './xlsx-record-importer.js'

async function workbook(sheets: Record<string, unknown[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  for (const [name, rows] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name)
    for (const row of rows) ws.addRow(row)
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function expectOk(result: RecordImportResult) {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.errors)}`)
  return result
}

void describe('parseRecordsXlsx', () => {
  void it('reads the first sheet with Arabic headers, dates as YYYY-MM-DD and ids as digits', async () => {
    const file = await workbook({
      القائمة: [
        [
          'الرقم التسلسلي',
          'الاسم',
          'اسم الأب',
          'الكنية',
          'تاريخ الولادة',
          'الرقم الوطني',
          'العمر',
          'Phone',
        ],
        [1, 'محمد', 'أحمد', 'الحلبي', new Date(Date.UTC(1985, 2, 7)), 1012345678901, 39, 963111],
        [2, 'سارة', null, 'العلي', 1992, '01012345678', null, null],
      ],
      Other: [['x'], ['y']],
    })
    const r = expectOk(await parseRecordsXlsx(file))
    assert.equal(r.meta.sheet, 'القائمة')
    assert.equal(r.meta.format, 'xlsx')
    assert.deepEqual(r.records[0], {
      row: 2,
      notes: [],
      record: {
        record_id: '1',
        first_name: 'محمد',
        father_name: 'أحمد',
        family_name: 'الحلبي',
        birth_date: '1985-03-07',
        national_id: '1012345678901',
        age: 39,
        extra: { Phone: '963111' },
      },
    })
    assert.deepEqual(r.records[1]?.record, {
      record_id: '2',
      first_name: 'سارة',
      family_name: 'العلي',
      birth_date: '1992',
      national_id: '01012345678',
      extra: {},
    })
    // 13 digits: kept, with a warning.
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.row]),
      [['unusual_national_id_length', 2]],
    )
  })

  void it('reads a named sheet, with the header on a later row and sheet row numbers', async () => {
    const file = await workbook({
      First: [['nothing']],
      Data: [['List of 2025'], [], ['record_id', 'first_name'], ['a', 'Ali'], ['b', 'Omar']],
    })
    const r = expectOk(await parseRecordsXlsx(file, { sheet: 'Data' }))
    assert.deepEqual(
      r.records.map((x) => [x.row, x.record.record_id]),
      [
        [4, 'a'],
        [5, 'b'],
      ],
    )
  })

  void it('refuses a missing sheet, naming the sheets there are', async () => {
    const r = await parseRecordsXlsx(await workbook({ One: [['record_id'], ['1']] }), {
      sheet: 'Two',
    })
    assert.ok(!r.ok)
    assert.equal(r.errors[0]?.code, 'sheet_not_found')
    assert.match(r.errors[0]?.reason ?? '', /"One"/)
  })

  void it('applies the same validation as CSV: one bad row refuses all', async () => {
    const r = await parseRecordsXlsx(
      await workbook({
        S: [
          ['record_id', 'birth_date'],
          ['1', '1990'],
          ['1', '2019-13-45'],
        ],
      }),
    )
    assert.ok(!r.ok)
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.row, e.column]),
      [
        ['invalid_date', 3, 'birth_date'],
        ['duplicate_record_id', 3, 'record_id'],
      ],
    )
    assert.equal((r as { records?: unknown }).records, undefined)
  })

  void it('refuses bytes that are not a workbook, an empty sheet and a header-only sheet', async () => {
    const garbage = await parseRecordsXlsx(Buffer.from('record_id\n1\n'))
    assert.ok(!garbage.ok)
    assert.equal(garbage.errors[0]?.code, 'invalid_xlsx')
    const empty = await parseRecordsXlsx(await workbook({ S: [] }))
    assert.ok(!empty.ok)
    assert.equal(empty.errors[0]?.code, 'empty_file')
    const headerOnly = await parseRecordsXlsx(await workbook({ S: [['record_id', 'first_name']] }))
    assert.ok(!headerOnly.ok)
    assert.equal(headerOnly.errors[0]?.code, 'header_only')
  })
})

void describe('cellText', () => {
  void it('turns typed cells into the text a person typed', () => {
    assert.equal(cellText(null, undefined), '')
    assert.equal(
      cellText({ richText: [{ text: 'Abu ' }, { text: 'Ali' }] }, 'full_name'),
      'Abu Ali',
    )
    assert.equal(cellText({ formula: 'A1+1', result: 12345678901 }, 'national_id'), '12345678901')
    assert.equal(cellText(new Date(Date.UTC(2013, 4, 1, 10, 30)), 'last_seen_date'), '2013-05-01')
    assert.equal(
      cellText(new Date(Date.UTC(2013, 4, 1, 10, 30)), undefined),
      '2013-05-01T10:30:00Z',
    )
    assert.equal(cellText({ text: 'profile', hyperlink: 'http://x' }, undefined), 'profile')
  })
})
