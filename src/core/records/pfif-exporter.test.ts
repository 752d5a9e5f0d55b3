import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { exportPfif14, toPfifRecordId, type PfifExportItem } from './pfif-exporter.js'
import { parsePfif } from './pfif-importer.js'
import { validatePfif14 } from './pfif-validator.js'
import type { PersonRecordFields } from './record-fields.js'

const OPTIONS = { domain: 'athar.test', exportedAt: '2025-02-01T12:00:00Z' }

async function collect(chunks: AsyncIterable<string>): Promise<string> {
  let out = ''
  for await (const chunk of chunks) out += chunk
  return out
}

const FULL: PersonRecordFields = {
  record_id: 'r-1',
  source: 'family-report',
  full_name: 'عبد الرحمن محمد الحلبي',
  first_name: 'عبد الرحمن',
  father_name: 'محمد',
  grandfather_name: 'خالد',
  family_name: 'الحلبي',
  mother_name: 'فاطمة',
  mother_family_name: 'الخطيب',
  sex: 'M',
  birth_date: '1985-03',
  age: 39,
  recorded_on: '2024-12-20',
  birth_place: 'حلب',
  national_id: '01012345678',
  last_seen_date: '2013',
  last_seen_place: 'دمشق',
  detention_place: 'سجن صيدنايا',
  notes: 'Line one\nline two: with a colon & <angle>',
  extra: { 'Eye colour': 'brown', multi: 'a\nb\\c' },
}

void describe('exportPfif14', () => {
  void it('writes valid PFIF 1.4 with required fields, ids, UTC datetimes and order', async () => {
    const out = await collect(exportPfif14([{ record: FULL }], OPTIONS))
    assert.deepEqual(validatePfif14(out), [])
    assert.match(out, /<pfif:person_record_id>athar\.test\/r-1<\/pfif:person_record_id>/)
    assert.match(out, /<pfif:source_date>2024-12-20T00:00:00Z<\/pfif:source_date>/)
    assert.match(out, /<pfif:sex>male<\/pfif:sex>/)
    assert.match(out, /father_name: محمد/)
    assert.match(out, /&amp; &lt;angle&gt;/)
  })

  void it('round-trips every field of ours through export and import', async () => {
    const minimal: PersonRecordFields = { record_id: 'r-2', first_name: 'Ali', extra: {} }
    const partial: PersonRecordFields = {
      record_id: 'r-3',
      family_name: 'Omar',
      recorded_on: '2024-05',
      sex: 'F',
      extra: {},
    }
    const items: PfifExportItem[] = [{ record: FULL }, { record: minimal }, { record: partial }]
    const out = await collect(exportPfif14(items, OPTIONS))
    assert.deepEqual(validatePfif14(out), [])
    const back = parsePfif(Buffer.from(out), { localDomain: 'athar.test' })
    if (!back.ok) assert.fail(JSON.stringify(back.errors))
    assert.deepEqual(
      back.records.map((r) => r.record),
      [FULL, minimal, partial],
    )
  })

  void it('round-trips a PFIF record of another domain, its notes and its PFIF-only fields', async () => {
    const source = `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person>
<pfif:person_record_id>other.org/person.7</pfif:person_record_id>
<pfif:entry_date>2020-01-01T01:02:03Z</pfif:entry_date>
<pfif:author_name>Volunteer</pfif:author_name>
<pfif:source_name>other.org</pfif:source_name>
<pfif:source_date>2019-12-31T23:00:00Z</pfif:source_date>
<pfif:full_name>Huda Saleh
هدى صالح</pfif:full_name>
<pfif:given_name>Huda</pfif:given_name>
<pfif:description>Wears glasses.</pfif:description>
<pfif:sex>other</pfif:sex>
<pfif:age>20-30</pfif:age>
<pfif:home_city>Homs</pfif:home_city>
<pfif:note><pfif:note_record_id>other.org/note.1</pfif:note_record_id><pfif:entry_date>2020-01-02T00:00:00Z</pfif:entry_date><pfif:author_name>N</pfif:author_name><pfif:source_date>2020-01-02T00:00:00Z</pfif:source_date><pfif:author_made_contact>false</pfif:author_made_contact><pfif:status>believed_missing</pfif:status><pfif:text>Still missing.</pfif:text></pfif:note>
</pfif:person></pfif:pfif>`
    const first = parsePfif(Buffer.from(source))
    if (!first.ok) assert.fail(JSON.stringify(first.errors))
    const out = await collect(exportPfif14(first.records, OPTIONS))
    assert.deepEqual(validatePfif14(out), [])
    assert.match(out, /<pfif:person_record_id>other\.org\/person\.7</)
    assert.match(out, /<pfif:source_date>2019-12-31T23:00:00Z</)
    assert.match(out, /<pfif:age>20-30</)
    const second = parsePfif(Buffer.from(out))
    if (!second.ok) assert.fail(JSON.stringify(second.errors))
    assert.deepEqual(second.records, first.records)
  })

  void it('fills the required fields a record lacks and streams from an async iterable', async () => {
    async function* items(): AsyncGenerator<PfifExportItem> {
      yield {
        record: { record_id: '2024/15', extra: {} },
        notes: [{ note_record_id: 'n1', text: 'seen' }],
      }
    }
    const out = await collect(exportPfif14(items(), { ...OPTIONS, sourceName: 'Athar test' }))
    assert.deepEqual(validatePfif14(out), [])
    assert.match(out, /<pfif:person_record_id>athar\.test\/2024\/15</)
    assert.match(out, /<pfif:full_name>\(name unknown\)</)
    assert.match(out, /<pfif:source_date>2025-02-01T12:00:00Z</)
    assert.match(out, /<pfif:note_record_id>athar\.test\/n1</)
    assert.match(out, /<pfif:author_name>Athar test</)
  })

  void it('yields one chunk per person between the head and the tail', async () => {
    const records = Array.from({ length: 3 }, (_, i) => ({
      record: { record_id: String(i), extra: {} },
    }))
    const chunks: string[] = []
    for await (const chunk of exportPfif14(records, OPTIONS)) chunks.push(chunk)
    assert.equal(chunks.length, 5)
  })
})

void describe('toPfifRecordId', () => {
  void it('keeps domain ids and prefixes local ones', () => {
    assert.equal(toPfifRecordId('other.org/p.1', 'athar.test'), 'other.org/p.1')
    assert.equal(toPfifRecordId('2024/15', 'athar.test'), 'athar.test/2024/15')
    assert.equal(toPfifRecordId('r1', 'athar.test'), 'athar.test/r1')
  })
})
