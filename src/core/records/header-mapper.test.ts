import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import {
  columnLetter,
  findFieldForHeader,
  mapHeaderRow,
  normalizeHeaderText,
} from './header-mapper.js'

void describe('findFieldForHeader', () => {
  const table: [string, string | undefined][] = [
    ['record_id', 'record_id'],
    ['Record ID', 'record_id'],
    ['الاسم الأول', 'first_name'],
    ['الاسم الاول', 'first_name'],
    ['اسم الأب', 'father_name'],
    ['اسم الاب', 'father_name'],
    ['اسم الجد', 'grandfather_name'],
    ['اسم الأم', 'mother_name'],
    ['اسم الام', 'mother_name'],
    ['الشهرة', 'family_name'],
    ['الكنية', 'family_name'],
    ['العائلة', 'family_name'],
    ['الجنس', 'sex'],
    ['تاريخ الولادة', 'birth_date'],
    ['تاريخ الميلاد', 'birth_date'],
    ['مكان الولادة', 'birth_place'],
    ['الرقم الوطني', 'national_id'],
    ['العمر', 'age'],
    ['مكان الاحتجاز', 'detention_place'],
    ['آخر مكان شوهد فيه', 'last_seen_place'],
    ['ملاحظات', 'notes'],
    ['First Name', 'first_name'],
    ['given_name', 'first_name'],
    ['Surname', 'family_name'],
    ['LAST NAME', 'family_name'],
    ["Father's name", 'father_name'],
    ['Father’s Name', 'father_name'],
    ['DOB', 'birth_date'],
    ['Date of birth', 'birth_date'],
    ['gender', 'sex'],
    ['اسمُ الأبِ', 'father_name'], // tashkeel
    ['اســم الأب', 'father_name'], // tatweel
    ['eye colour', undefined],
  ]
  for (const [header, field] of table) {
    void it(`maps "${header}" to ${field ?? 'extra'}`, () =>
      assert.equal(findFieldForHeader(header), field))
  }
})

void describe('mapHeaderRow', () => {
  void it('keeps unknown columns as extra under their header as written', () => {
    const m = mapHeaderRow(['record_id', 'Eye Colour '])
    assert.deepEqual(m.entries[1], {
      column: 'Eye Colour',
      index: 1,
      field: undefined,
      via: 'extra',
    })
    assert.deepEqual(m.errors, [])
  })

  void it('lets an explicit mapping win over aliases', () => {
    const m = mapHeaderRow(['Col X', 'الاسم'], { 'Col X': 'first_name', الاسم: 'full_name' })
    assert.equal(m.entries[0]?.field, 'first_name')
    assert.equal(m.entries[0]?.via, 'mapping')
    assert.equal(m.entries[1]?.field, 'full_name')
  })

  void it('refuses a mapping to a field that does not exist', () => {
    const m = mapHeaderRow(['Col X'], { 'Col X': 'firstname' })
    assert.equal(m.errors[0]?.code, 'invalid_column_mapping')
  })

  void it('warns about mapping keys that name no column', () => {
    const m = mapHeaderRow(['record_id'], { Missing: 'first_name' })
    assert.equal(m.warnings[0]?.code, 'mapping_column_not_found')
  })

  void it('refuses two columns that mean the same field', () => {
    const m = mapHeaderRow(['record_id', 'الكنية', 'الشهرة'])
    assert.equal(m.errors[0]?.code, 'duplicate_column')
    assert.equal(m.errors[0]?.column, 'الشهرة')
  })

  void it('reads "الاسم" as the given name beside a father or family column, else as the full name', () => {
    assert.equal(mapHeaderRow(['الاسم', 'اسم الأب', 'الكنية']).entries[0]?.field, 'first_name')
    assert.equal(mapHeaderRow(['الاسم', 'العمر']).entries[0]?.field, 'full_name')
    assert.equal(mapHeaderRow(['Name', 'Surname']).entries[0]?.field, 'first_name')
  })

  void it('names blank headers by column letter and separates repeated unknown headers', () => {
    const m = mapHeaderRow(['record_id', '', 'x', 'x'])
    assert.deepEqual(
      m.entries.map((e) => e.column),
      ['record_id', 'column B', 'x', 'x (2)'],
    )
  })
})

void describe('normalizeHeaderText and columnLetter', () => {
  void it('folds case, separators and hamza', () => {
    assert.equal(normalizeHeaderText(' Record_ID '), 'record id')
    assert.equal(normalizeHeaderText('اسم الأم'), normalizeHeaderText('اسم الام'))
  })
  void it('numbers columns like a spreadsheet', () => {
    assert.deepEqual([0, 25, 26, 701].map(columnLetter), ['A', 'Z', 'AA', 'ZZ'])
  })
})
