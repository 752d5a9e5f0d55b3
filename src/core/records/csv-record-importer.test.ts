import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { describe, it } from 'node:test'

import iconv from 'iconv-lite'

import { forEachCsvRecord, parseRecordsCsv, sniffCsvDelimiter } from './csv-record-importer.js'
import type { RecordImportResult } from './record-import-result.js'

const bytes = (text: string): Buffer => Buffer.from(text, 'utf8')

function expectOk(result: RecordImportResult) {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.errors)}`)
  return result
}

function expectErrors(result: RecordImportResult) {
  if (result.ok) assert.fail('expected errors, got success')
  assert.equal(
    (result as { records?: unknown }).records,
    undefined,
    'a failed import carries no records',
  )
  return result
}

const SPEC_HEADER =
  'record_id,source,full_name,first_name,father_name,grandfather_name,family_name,mother_name,mother_family_name,sex,birth_date,age,recorded_on,birth_place,national_id,last_seen_date,last_seen_place,detention_place,notes'

void describe('parseRecordsCsv: valid files', () => {
  void it('reads every spec column, blank cells as undefined, names as written', () => {
    const csv =
      `${SPEC_HEADER}\n` +
      'r1,family-report,,عبد الرحمن,محمد,,الحلبي,فاطمة,,M,1985-03,39,2024-12-20,حلب,01012345678,2013,دمشق,سجن صيدنايا,"seen, then moved"\n' +
      'r2,register,Mhd  Al-Halabi ,,,,,,,,,,,,,,,,\n'
    const r = expectOk(parseRecordsCsv(bytes(csv)))
    assert.equal(r.records.length, 2)
    assert.deepEqual(r.records[0], {
      row: 2,
      notes: [],
      record: {
        record_id: 'r1',
        source: 'family-report',
        first_name: 'عبد الرحمن',
        father_name: 'محمد',
        family_name: 'الحلبي',
        mother_name: 'فاطمة',
        sex: 'M',
        birth_date: '1985-03',
        age: 39,
        recorded_on: '2024-12-20',
        birth_place: 'حلب',
        national_id: '01012345678',
        last_seen_date: '2013',
        last_seen_place: 'دمشق',
        detention_place: 'سجن صيدنايا',
        notes: 'seen, then moved',
        extra: {},
      },
    })
    // Trimmed, inner spacing kept: originals are sacred.
    assert.deepEqual(r.records[1]?.record, {
      record_id: 'r2',
      source: 'register',
      full_name: 'Mhd  Al-Halabi',
      extra: {},
    })
    assert.deepEqual(r.warnings, [])
    assert.equal(r.meta.rowCount, 2)
    assert.equal(r.meta.delimiter, ',')
    assert.equal(r.meta.encoding, 'utf-8')
    assert.equal(r.meta.sha256, createHash('sha256').update(bytes(csv)).digest('hex'))
    assert.equal(r.meta.headerMapping[2]?.field, 'full_name')
  })

  void it('keeps unknown columns in extra, never an error', () => {
    const r = expectOk(
      parseRecordsCsv(bytes('record_id,first_name,Eye colour,رقم الهاتف\n1,Ali,brown,\n')),
    )
    assert.deepEqual(r.records[0]?.record.extra, { 'Eye colour': 'brown' })
  })

  void it('handles RFC 4180 quoting: delimiters, doubled quotes and line breaks inside values', () => {
    const r = expectOk(parseRecordsCsv(bytes('record_id,notes\n1,"a, ""b""\nc"\n2,x\n')))
    assert.equal(r.records[0]?.record.notes, 'a, "b"\nc')
    // A multi-line cell is one spreadsheet row.
    assert.equal(r.records[1]?.row, 3)
  })

  void it('keeps stray quotes of unquoted values', () => {
    const r = expectOk(parseRecordsCsv(bytes('record_id,full_name\n1,Abu "Ali" Halabi\n')))
    assert.equal(r.records[0]?.record.full_name, 'Abu "Ali" Halabi')
  })

  void it('sniffs ; and tab delimiters', () => {
    const semi = expectOk(parseRecordsCsv(bytes('record_id;first_name;notes\n1;Ali;a,b\n')))
    assert.equal(semi.meta.delimiter, ';')
    assert.equal(semi.records[0]?.record.notes, 'a,b')
    const tab = expectOk(parseRecordsCsv(bytes('record_id\tfirst_name\n1\tAli\n')))
    assert.equal(tab.meta.delimiter, '\t')
    assert.equal(tab.records[0]?.record.first_name, 'Ali')
  })

  void it('ignores a UTF-8 BOM', () => {
    const r = expectOk(
      parseRecordsCsv(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes('record_id,first_name\n1,Ali\n')]),
      ),
    )
    assert.equal(r.meta.bom, true)
    assert.equal(r.meta.headerMapping[0]?.field, 'record_id')
  })

  void it('reads a Windows-1256 file with Arabic headers', () => {
    const text =
      'الرقم التسلسلي;الاسم;اسم الأب;الكنية;الجنس;تاريخ الولادة\r\n1;محمد;أحمد;الحلبي;ذكر;1980\r\n2;سارة;خالد;العلي;أنثى;15/06/1992\r\n'
    const r = expectOk(parseRecordsCsv(iconv.encode(text, 'windows-1256')))
    assert.equal(r.meta.encoding, 'windows-1256')
    assert.equal(r.meta.delimiter, ';')
    assert.deepEqual(r.records[1]?.record, {
      record_id: '2',
      first_name: 'سارة',
      father_name: 'خالد',
      family_name: 'العلي',
      sex: 'F',
      birth_date: '1992-06-15',
      extra: {},
    })
    assert.deepEqual(
      r.warnings.map((w) => [w.code, w.row, w.column]),
      [['date_read_day_first', 3, 'تاريخ الولادة']],
    )
  })

  void it('reads a mixed UTF-8 / Windows-1256 file per line, with a warning naming the lines', () => {
    const file = Buffer.concat([
      bytes('record_id,first_name\n1,محمد\n'),
      iconv.encode('2,خالد\n', 'windows-1256'),
    ])
    const r = expectOk(parseRecordsCsv(file))
    assert.equal(r.meta.encoding, 'mixed')
    assert.equal(r.records[1]?.record.first_name, 'خالد')
    assert.equal(r.warnings[0]?.code, 'mixed_encoding')
    assert.match(r.warnings[0]?.reason ?? '', /lines: 3/)
  })

  void it('skips blank rows but keeps spreadsheet numbering', () => {
    const r = expectOk(parseRecordsCsv(bytes('record_id,first_name\n\n1,Ali\n,\n2,Omar\n')))
    assert.deepEqual(
      r.records.map((x) => x.row),
      [3, 5],
    )
    assert.equal(r.meta.rowCount, 2)
  })

  void it('skips blank lines above the header, keeping row numbers', () => {
    const r = expectOk(parseRecordsCsv(bytes('\n,\nrecord_id,first_name\n1,Ali\n')))
    assert.equal(r.records[0]?.row, 4)
  })

  void it('uses an explicit column mapping over aliases', () => {
    const r = expectOk(
      parseRecordsCsv(bytes('N,Col X,الاسم\n1,Ali,Ali Omar\n'), {
        columnMapping: { N: 'record_id', 'Col X': 'first_name', الاسم: 'full_name' },
      }),
    )
    assert.deepEqual(r.records[0]?.record, {
      record_id: '1',
      first_name: 'Ali',
      full_name: 'Ali Omar',
      extra: {},
    })
  })

  void it('can number rows when the file has no record_id column, if asked', () => {
    const r = expectOk(parseRecordsCsv(bytes('first_name\nAli\nOmar\n'), { recordIdFromRow: true }))
    assert.deepEqual(
      r.records.map((x) => x.record.record_id),
      ['row-2', 'row-3'],
    )
  })

  void it('keeps an age range in extra and warns', () => {
    const r = expectOk(parseRecordsCsv(bytes('record_id,age\n1,30-40\n')))
    assert.equal(r.records[0]?.record.age, 35)
    assert.equal(r.records[0]?.record.extra.age_range, '30-40')
    assert.equal(r.warnings[0]?.code, 'age_range_midpoint')
  })
})

void describe('parseRecordsCsv: bad input is refused with clear errors and no records', () => {
  void it('empty file', () => {
    assert.equal(expectErrors(parseRecordsCsv(bytes(''))).errors[0]?.code, 'empty_file')
    assert.equal(expectErrors(parseRecordsCsv(bytes(' \n\n'))).errors[0]?.code, 'empty_file')
  })

  void it('header only', () => {
    const r = expectErrors(parseRecordsCsv(bytes('record_id,first_name\n')))
    assert.deepEqual(
      r.errors.map((e) => e.code),
      ['header_only'],
    )
  })

  void it('no record_id column', () => {
    const r = expectErrors(parseRecordsCsv(bytes('first_name,family_name\nAli,Halabi\n')))
    assert.equal(r.errors[0]?.code, 'missing_record_id_column')
    assert.match(r.errors[0]?.reason ?? '', /record_id/)
  })

  void it('missing and duplicated record_id, with the rows a person sees', () => {
    const r = expectErrors(parseRecordsCsv(bytes('ID,first_name\n1,Ali\n2,Omar\n,Sara\n1,Huda\n')))
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.row, e.column, e.value]),
      [
        ['missing_record_id', 4, 'ID', undefined],
        ['duplicate_record_id', 5, 'ID', '1'],
      ],
    )
    assert.match(r.errors[1]?.reason ?? '', /already used on row 2/)
  })

  void it('invalid dates, sex, age and national number, each with row, column as written and value', () => {
    const csv =
      'record_id,تاريخ الولادة,الجنس,العمر,الرقم الوطني,recorded_on\n1,2019-13-45,X,old,12AB,2024-02-30\n'
    const r = expectErrors(parseRecordsCsv(bytes(csv)))
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.row, e.column, e.value]),
      [
        ['invalid_date', 2, 'تاريخ الولادة', '2019-13-45'],
        ['invalid_sex', 2, 'الجنس', 'X'],
        ['invalid_age', 2, 'العمر', 'old'],
        ['invalid_national_id', 2, 'الرقم الوطني', '12AB'],
        ['invalid_date', 2, 'recorded_on', '2024-02-30'],
      ],
    )
    for (const e of r.errors) assert.ok(e.reason.length > 20)
  })

  void it('31/12/1990 is refused with the format to use when day-first dates are not accepted', () => {
    const r = expectErrors(
      parseRecordsCsv(bytes('record_id,birth_date\n1,31/12/1990\n'), {
        acceptDayFirstDates: false,
      }),
    )
    assert.equal(r.errors[0]?.code, 'invalid_date')
    assert.match(r.errors[0]?.reason ?? '', /YYYY-MM-DD/)
  })

  void it('one bad row refuses the whole file', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `${i + 1},Name${i}`).join('\n')
    const r = expectErrors(parseRecordsCsv(bytes(`record_id,first_name\n${rows}\n50,Dup\n`)))
    assert.equal(r.errors.length, 1)
    assert.equal(r.meta.rowCount, 51)
  })

  void it('a row with more cells than the header', () => {
    const r = expectErrors(parseRecordsCsv(bytes('record_id,full_name\n1,Halabi, Mohammad\n')))
    assert.equal(r.errors[0]?.code, 'too_many_cells')
    assert.match(r.errors[0]?.reason ?? '', /double quotes/)
  })

  void it('an unclosed quote', () => {
    const r = expectErrors(parseRecordsCsv(bytes('record_id,full_name\n1,"Ali\n2,Omar\n')))
    assert.equal(r.errors[0]?.code, 'malformed_csv')
  })

  void it('binary garbage', () => {
    const garbage = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256))
    const r = expectErrors(parseRecordsCsv(garbage))
    assert.equal(r.errors[0]?.code, 'binary_file')
    assert.equal(r.meta.byteLength, 4096)
  })

  void it('two columns meaning the same field', () => {
    const r = expectErrors(parseRecordsCsv(bytes('record_id,الكنية,family_name\n1,a,b\n')))
    assert.equal(r.errors[0]?.code, 'duplicate_column')
  })

  void it('caps the kept errors but counts them all', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i},1990-13`).join('\n')
    const r = expectErrors(
      parseRecordsCsv(bytes(`record_id,birth_date\n${rows}\n`), { maxIssues: 5 }),
    )
    assert.equal(r.meta.errorCount, 30)
    assert.equal(r.errors.length, 6)
    assert.equal(r.errors[5]?.code, 'too_many_issues')
  })
})

void describe('forEachCsvRecord', () => {
  void it('hands records over one by one and reports failure at the end', () => {
    const seen: [string, boolean][] = []
    const summary = forEachCsvRecord(bytes('record_id\n1\n2\n1\n'), {}, (r, failed) =>
      seen.push([r.record.record_id, failed]),
    )
    assert.deepEqual(seen, [
      ['1', false],
      ['2', false],
    ])
    assert.equal(summary.ok, false)
  })
})

void describe('a 50 MB file', () => {
  void it('imports in full', () => {
    const row = (i: number): string =>
      `r${i},register,,محمد عبد الرحمن ${i % 97},أحمد,,الحلبي ${i % 31},فاطمة,الخطيب,${i % 2 === 0 ? 'M' : 'F'},19${50 + (i % 50)}-0${1 + (i % 9)}-1${i % 10},${20 + (i % 60)},2025-01-0${1 + (i % 9)},حلب,0101${String(i).padStart(7, '0')},2013-05,دمشق,سجن صيدنايا,ملاحظة رقم ${i} عن هذا الشخص`
    const parts: string[] = [SPEC_HEADER]
    let size = SPEC_HEADER.length
    let i = 0
    while (size < 50 * 1024 * 1024) {
      const line = row(i++)
      parts.push(line)
      size += Buffer.byteLength(line) + 1
    }
    const file = Buffer.from(parts.join('\n'))
    parts.length = 0
    assert.ok(file.byteLength >= 50 * 1024 * 1024)
    const r = expectOk(parseRecordsCsv(file))
    assert.equal(r.records.length, i)
    assert.equal(r.records.at(-1)?.record.record_id, `r${i - 1}`)
    assert.equal(r.records.at(-1)?.row, i + 1)
  })
})

void describe('sniffCsvDelimiter', () => {
  void it('counts only outside quotes on the first line', () => {
    assert.equal(sniffCsvDelimiter('"a;b;c",d,e\n1;2;3;4;5'), ',')
    assert.equal(sniffCsvDelimiter('single'), ',')
  })
})
