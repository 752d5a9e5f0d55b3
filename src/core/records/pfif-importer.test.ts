import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import iconv from 'iconv-lite'

import { parsePfif, splitDescription } from './pfif-importer.js'
import type { RecordImportResult } from './record-import-result.js'

const xml = (s: string): Buffer => Buffer.from(s, 'utf8')

function expectOk(result: RecordImportResult) {
  if (!result.ok) assert.fail(`expected success, got ${JSON.stringify(result.errors)}`)
  return result
}

const PFIF11 = `<?xml version="1.0" encoding="UTF-8"?>
<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.1">
  <pfif:person>
    <pfif:person_record_id>example.org/person.1</pfif:person_record_id>
    <pfif:entry_date>2010-01-16T17:32:05Z</pfif:entry_date>
    <pfif:author_name>A. Writer</pfif:author_name>
    <pfif:source_date>2010-01-16T10:00:00Z</pfif:source_date>
    <pfif:first_name>Test</pfif:first_name>
    <pfif:last_name>Person</pfif:last_name>
    <pfif:home_city>Testville</pfif:home_city>
    <pfif:home_zip>12345</pfif:home_zip>
    <pfif:other>Tall, dark hair</pfif:other>
    <pfif:note>
      <pfif:note_record_id>example.org/note.1</pfif:note_record_id>
      <pfif:author_name>Finder</pfif:author_name>
      <pfif:source_date>2010-01-17T00:00:00Z</pfif:source_date>
      <pfif:found>true</pfif:found>
      <pfif:text>Seen at the clinic.</pfif:text>
    </pfif:note>
  </pfif:person>
</pfif:pfif>`

void describe('parsePfif', () => {
  void it('reads PFIF 1.1 with the old field names as their 1.4 meaning', () => {
    const r = expectOk(parsePfif(xml(PFIF11)))
    assert.equal(r.meta.pfifVersion, '1.1')
    assert.equal(r.meta.format, 'pfif')
    assert.deepEqual(r.records[0]?.record, {
      record_id: 'example.org/person.1',
      first_name: 'Test',
      family_name: 'Person',
      notes: 'Tall, dark hair',
      recorded_on: '2010-01-16',
      extra: {
        'pfif.source_date': '2010-01-16T10:00:00Z',
        'pfif.entry_date': '2010-01-16T17:32:05Z',
        'pfif.author_name': 'A. Writer',
        'pfif.home_city': 'Testville',
        'pfif.home_postal_code': '12345',
      },
    })
    assert.deepEqual(r.records[0]?.notes, [
      {
        note_record_id: 'example.org/note.1',
        person_record_id: 'example.org/person.1',
        author_name: 'Finder',
        source_date: '2010-01-17T00:00:00Z',
        author_made_contact: true,
        text: 'Seen at the clinic.',
      },
    ])
  })

  void it('reads PFIF 1.2 sex, date of birth, age range and top-level notes with status', () => {
    const r = expectOk(
      parsePfif(
        xml(`<pfif xmlns="http://zesty.ca/pfif/1.2">
  <person>
    <person_record_id>example.org/p2</person_record_id>
    <source_date>2011-03-12T00:00:00Z</source_date>
    <first_name>Sara</first_name>
    <sex>female</sex>
    <date_of_birth>1975-06</date_of_birth>
    <age>30-40</age>
    <home_country>SY</home_country>
  </person>
  <note>
    <note_record_id>example.org/n2</note_record_id>
    <person_record_id>example.org/p2</person_record_id>
    <linked_person_record_id>other.org/p9</linked_person_record_id>
    <author_name>X</author_name>
    <source_date>2011-03-13T00:00:00Z</source_date>
    <status>believed_alive</status>
    <text>Alive.</text>
  </note>
  <note>
    <note_record_id>example.org/n3</note_record_id>
    <person_record_id>example.org/missing</person_record_id>
    <author_name>X</author_name>
    <source_date>2011-03-13T00:00:00Z</source_date>
    <text>?</text>
  </note>
</pfif>`),
      ),
    )
    const rec = r.records[0]!
    assert.equal(rec.record.sex, 'F')
    assert.equal(rec.record.birth_date, '1975-06')
    assert.equal(rec.record.age, 35)
    assert.equal(rec.record.extra['pfif.age'], '30-40')
    assert.equal(rec.record.extra['pfif.home_country'], 'SY')
    assert.equal(
      rec.record.extra['pfif.source_date'],
      undefined,
      'a midnight source_date is only the day',
    )
    assert.equal(rec.notes[0]?.status, 'believed_alive')
    assert.equal(rec.notes[0]?.linked_person_record_id, 'other.org/p9')
    assert.equal(r.unattachedNotes[0]?.note_record_id, 'example.org/n3')
    assert.deepEqual(
      r.warnings.map((w) => w.code),
      ['age_range_midpoint', 'note_without_person'],
    )
  })

  void it('reads PFIF 1.3 full_name (first line as the name, all lines kept) and 1.4 names', () => {
    const r13 = expectOk(
      parsePfif(
        xml(`<p:pfif xmlns:p="http://zesty.ca/pfif/1.3"><p:person><p:person_record_id>e.org/1</p:person_record_id><p:source_date>2012-01-01T00:00:00Z</p:source_date><p:full_name>محمد الحلبي
Mohammad Al-Halabi</p:full_name><p:expiry_date>2013-01-01T00:00:00Z</p:expiry_date></p:person></p:pfif>`),
      ),
    )
    assert.equal(r13.records[0]?.record.full_name, 'محمد الحلبي')
    assert.equal(r13.records[0]?.record.extra['pfif.full_name'], 'محمد الحلبي\nMohammad Al-Halabi')
    assert.equal(r13.records[0]?.record.extra['pfif.expiry_date'], '2013-01-01T00:00:00Z')

    const r14 = expectOk(
      parsePfif(
        xml(
          `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:person_record_id>athar.test/r1</pfif:person_record_id><pfif:source_date>2025-01-02T00:00:00Z</pfif:source_date><pfif:full_name>Ali</pfif:full_name><pfif:given_name>Ali</pfif:given_name><pfif:family_name>Omar</pfif:family_name><pfif:alternate_names>علي</pfif:alternate_names><pfif:sex>other</pfif:sex><pfif:profile_urls>http://a</pfif:profile_urls></pfif:person></pfif:pfif>`,
        ),
        { localDomain: 'athar.test' },
      ),
    )
    assert.deepEqual(r14.records[0]?.record, {
      record_id: 'r1',
      full_name: 'Ali',
      first_name: 'Ali',
      family_name: 'Omar',
      recorded_on: '2025-01-02',
      extra: {
        'pfif.sex': 'other',
        'pfif.alternate_names': 'علي',
        'pfif.profile_urls': 'http://a',
      },
    })
  })

  void it('reads UTF-16 XML', () => {
    const r = expectOk(
      parsePfif(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(PFIF11, 'utf-16le')])),
    )
    assert.equal(r.records.length, 1)
  })

  void it('refuses broken XML, non-PFIF XML, and bad values, with no records', () => {
    const broken = parsePfif(
      xml('<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person></pfif:pfif>'),
    )
    assert.ok(!broken.ok)
    assert.equal(broken.errors[0]?.code, 'invalid_xml')
    const other = parsePfif(xml('<rss version="2.0"><channel/></rss>'))
    assert.ok(!other.ok)
    assert.equal(other.errors[0]?.code, 'not_pfif')
    const v15 = parsePfif(xml('<pfif xmlns="http://zesty.ca/pfif/1.5"/>'))
    assert.ok(!v15.ok)
    assert.equal(v15.errors[0]?.code, 'not_pfif')
    const bad = parsePfif(
      xml(`<pfif xmlns="http://zesty.ca/pfif/1.4">
<person><person_record_id>e.org/1</person_record_id><source_date>yesterday</source_date><full_name>A</full_name><sex>x</sex><date_of_birth>2019-13-45</date_of_birth></person>
<person><full_name>B</full_name></person>
<person><person_record_id>e.org/1</person_record_id><full_name>C</full_name>
  <note><note_record_id>e.org/n</note_record_id><status>found</status><text>t</text></note></person>
</pfif>`),
    )
    assert.ok(!bad.ok)
    assert.deepEqual(
      bad.errors.map((e) => [e.code, e.row, e.column]),
      [
        ['invalid_sex', 1, 'sex'],
        ['invalid_date', 1, 'date_of_birth'],
        ['invalid_datetime', 1, 'source_date'],
        ['missing_record_id', 2, 'person_record_id'],
        ['invalid_note_status', 3, 'status'],
      ],
    )
  })

  void it('checks the fields of our description block like any cell', () => {
    const r = parsePfif(
      xml(
        '<pfif xmlns="http://zesty.ca/pfif/1.4"><person><person_record_id>e.org/1</person_record_id><description>x\n--- athar record fields ---\nlast_seen_date: 2013-02-30\nnational_id: 12AB\nfather_name: Omar</description></person></pfif>',
      ),
    )
    assert.ok(!r.ok)
    assert.deepEqual(
      r.errors.map((e) => [e.code, e.column]),
      [
        ['invalid_date', 'description (last_seen_date)'],
        ['invalid_national_id', 'description (national_id)'],
      ],
    )
  })

  void it('refuses a duplicated person_record_id', () => {
    const r = parsePfif(
      xml(
        '<pfif xmlns="http://zesty.ca/pfif/1.4"><person><person_record_id>e.org/1</person_record_id></person><person><person_record_id>e.org/1</person_record_id></person></pfif>',
      ),
    )
    assert.ok(!r.ok)
    assert.equal(r.errors[0]?.code, 'duplicate_record_id')
    assert.equal(r.errors[0]?.row, 2)
  })

  void it('refuses empty input and a PFIF file with nothing in it', () => {
    const empty = parsePfif(xml(''))
    assert.ok(!empty.ok)
    assert.equal(empty.errors[0]?.code, 'empty_file')
    const nothing = parsePfif(xml('<pfif xmlns="http://zesty.ca/pfif/1.4"></pfif>'))
    assert.ok(!nothing.ok)
    assert.equal(nothing.errors[0]?.code, 'header_only')
  })
})

void describe('splitDescription', () => {
  void it('leaves a foreign description whole as notes', () => {
    assert.deepEqual(splitDescription('tall\nscar'), {
      notes: 'tall\nscar',
      fields: [],
      derived: [],
    })
  })
  void it('reads our block back, unescaping values', () => {
    const parts = splitDescription(
      'a note\n--- athar record fields ---\nfather_name: أحمد\nextra.x: a\\nb\nderived: entry_date full_name',
    )
    assert.deepEqual(parts, {
      notes: 'a note',
      fields: [
        ['father_name', 'أحمد'],
        ['extra.x', 'a\nb'],
      ],
      derived: ['entry_date', 'full_name'],
    })
  })
})
