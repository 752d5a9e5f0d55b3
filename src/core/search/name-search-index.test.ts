import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import type { PersonRecordFields } from '../records/record-fields.js'
import { NameSearchIndex } from './name-search-index.js'
import type { SearchHit, SearchOptions } from './search-types.js'

/** A record with overrides (factory, not a shared dump). Synthetic names only. */
function buildRecord(
  record_id: string,
  fields: Partial<PersonRecordFields> = {},
): PersonRecordFields {
  return { record_id, extra: {}, ...fields }
}

/** Common first names so that IDF has something to say; families vary. */
const FILLER_FAMILIES = [
  'الحمصي',
  'الشامي',
  'الإدلبي',
  'الحوراني',
  'الدرعاوي',
  'الرقاوي',
  'اللاذقاني',
]

function buildIndex(): NameSearchIndex {
  const index = new NameSearchIndex()
  const records: PersonRecordFields[] = [
    buildRecord('ar-1', {
      first_name: 'محمد',
      father_name: 'أحمد',
      family_name: 'الحلبي',
      sex: 'M',
      birth_date: '1985-03-02',
      birth_place: 'حلب',
      source: 'family-report',
      detention_place: 'سجن صيدنايا',
    }),
    buildRecord('la-1', {
      first_name: 'Mohammad',
      family_name: 'Al-Halabi',
      sex: 'M',
      birth_date: '1986',
      birth_place: 'Damascus',
      source: 'register',
      detention_place: 'Branch 235',
    }),
    buildRecord('full-1', { full_name: 'Mouhammad Ahmad El Halabi', source: 'ngo-list' }),
    buildRecord('fem-1', {
      first_name: 'فاطمة',
      family_name: 'الحلبي',
      sex: 'F',
      birth_date: '1990',
      source: 'family-report',
    }),
    buildRecord('kurdi-1', { first_name: 'خالد', family_name: 'الكردي', sex: 'M' }),
  ]
  for (let i = 0; i < 60; i++) {
    records.push(
      buildRecord(`fill-${String(i).padStart(2, '0')}`, {
        first_name: i % 2 === 0 ? 'محمد' : 'Mohammed',
        father_name: i % 3 === 0 ? 'علي' : 'Omar',
        family_name: FILLER_FAMILIES[i % FILLER_FAMILIES.length],
        sex: 'M',
      }),
    )
  }
  for (const r of records) index.add(r)
  return index
}

function hitsOf(index: NameSearchIndex, query: string, options?: SearchOptions): SearchHit[] {
  const outcome = index.search(query, options)
  assert.equal(outcome.rejected, false, `query ${query} was rejected`)
  return outcome.rejected ? [] : outcome.hits
}

function idsOf(index: NameSearchIndex, query: string, options?: SearchOptions): string[] {
  return hitsOf(index, query, options).map((h) => h.recordId)
}

void describe('NameSearchIndex', () => {
  const index = buildIndex()

  void it('finds Latin-script records from an Arabic query', () => {
    const ids = idsOf(index, 'محمد الحلبي')
    assert.ok(ids.slice(0, 3).includes('la-1'), ids.join(','))
    assert.ok(ids.slice(0, 3).includes('ar-1'), ids.join(','))
  })

  void it('finds Arabic-script records from a Latin query, including full_name-only records', () => {
    const ids = idsOf(index, 'Mouhammad El Halabi')
    assert.ok(ids.slice(0, 3).includes('ar-1'), ids.join(','))
    assert.ok(ids.slice(0, 3).includes('full-1'), ids.join(','))
  })

  void it('accepts tokens in any order', () => {
    const ids = idsOf(index, 'halabi mohamad')
    assert.ok(ids.slice(0, 3).includes('ar-1'), ids.join(','))
    assert.ok(ids.slice(0, 3).includes('la-1'), ids.join(','))
  })

  void it('ranks the typed first+family order above the swapped order', () => {
    const inOrder = hitsOf(index, 'Mohammad Halabi').find((h) => h.recordId === 'la-1')
    const swapped = hitsOf(index, 'Halabi Mohammad').find((h) => h.recordId === 'la-1')
    assert.ok(inOrder !== undefined && swapped !== undefined)
    assert.ok(inOrder.score > swapped.score, `${inOrder.score} > ${swapped.score}`)
  })

  void it('finds partial names (prefixes), in either script', () => {
    assert.ok(idsOf(index, 'moh halab').slice(0, 3).includes('la-1'))
    assert.ok(idsOf(index, 'فاطم الحلب').includes('fem-1'))
  })

  void it('reports which part matched and how', () => {
    const hit = hitsOf(index, 'محمد الحلبي').find((h) => h.recordId === 'ar-1')
    assert.ok(hit !== undefined)
    assert.deepEqual(
      hit.matched.map((m) => [m.query, m.part, m.level]),
      [
        ['محمد', 'first_name', 'exact'],
        [hit.matched[1]?.query, 'family_name', 'exact'],
      ],
    )
    const full = hitsOf(index, 'Mouhammad Halabi').find((h) => h.recordId === 'full-1')
    assert.ok(full?.matched.every((m) => m.part === 'full_name'))
  })

  void it('ranks a rare family name match above a common given name match', () => {
    // "محمد" matches 60+ records exactly; "الكردي" matches one. The Kurdi record must lead.
    const ids = idsOf(index, 'محمد الكردي', { minScore: 0 })
    assert.equal(ids[0], 'kurdi-1')
  })

  // Filter tests use one family name in one spelling, so they test the filters, not the matcher.
  const filtered = new NameSearchIndex()
  for (const r of [
    buildRecord('z-m-1985', {
      first_name: 'Samer',
      family_name: 'Zaytouni',
      sex: 'M',
      birth_date: '1985-03-02',
      birth_place: 'Aleppo',
      source: 'family-report',
      detention_place: 'Saydnaya prison',
    }),
    buildRecord('z-m-1986', {
      first_name: 'Rami',
      family_name: 'Zaytouni',
      sex: 'M',
      birth_date: '1986',
      birth_place: 'Damascus',
      source: 'register',
      detention_place: 'Branch 235',
    }),
    buildRecord('z-f-1990', {
      first_name: 'Lina',
      family_name: 'Zaytouni',
      sex: 'F',
      age: 30,
      recorded_on: '2020-05-01',
      source: 'Family-Report',
    }),
    buildRecord('z-unknown', { full_name: 'Fadi Zaytouni', source: 'ngo-list' }),
  ]) {
    filtered.add(r)
  }
  const sortedIds = (options: SearchOptions): string[] =>
    idsOf(filtered, 'Zaytouni', options).sort()

  void it('filters by sex, keeping records without a sex unless told not to', () => {
    assert.deepEqual(sortedIds({ filters: { sex: 'F' } }), ['z-f-1990', 'z-unknown'])
    assert.deepEqual(sortedIds({ filters: { sex: 'F', excludeUnknown: true } }), ['z-f-1990'])
  })

  void it('filters by birth-year range (birth_date, else recorded_on minus age)', () => {
    assert.deepEqual(sortedIds({ filters: { birthYearFrom: 1984, birthYearTo: 1985 } }), [
      'z-m-1985',
      'z-unknown',
    ])
    assert.deepEqual(sortedIds({ filters: { birthYearFrom: 1990, excludeUnknown: true } }), [
      'z-f-1990',
    ])
    assert.deepEqual(sortedIds({ filters: { birthYearTo: 1985, excludeUnknown: true } }), [
      'z-m-1985',
    ])
  })

  void it('filters by source kind (case-insensitive, several allowed)', () => {
    assert.deepEqual(sortedIds({ filters: { sourceKind: 'FAMILY-REPORT' } }), [
      'z-f-1990',
      'z-m-1985',
    ])
    assert.deepEqual(sortedIds({ filters: { sourceKind: ['register', 'ngo-list'] } }), [
      'z-m-1986',
      'z-unknown',
    ])
  })

  void it('filters by birth place within a governorate, in either script', () => {
    // The record says "Aleppo" (the city); the filter names the governorate in Arabic.
    assert.deepEqual(sortedIds({ filters: { birthPlace: 'محافظة حلب', excludeUnknown: true } }), [
      'z-m-1985',
    ])
    assert.deepEqual(sortedIds({ filters: { birthPlace: 'gov.aleppo' } }), [
      'z-f-1990',
      'z-m-1985',
      'z-unknown',
    ])
    assert.deepEqual(sortedIds({ filters: { birthPlace: 'Homs', excludeUnknown: true } }), [])
  })

  void it('filters by detention place, across its names and within a city', () => {
    assert.deepEqual(
      sortedIds({ filters: { detentionPlace: 'سجن صيدنايا', excludeUnknown: true } }),
      ['z-m-1985'],
    )
    // Branch 235 is also called Palestine Branch (فرع فلسطين) and lies in Damascus.
    assert.deepEqual(
      sortedIds({ filters: { detentionPlace: 'فرع فلسطين', excludeUnknown: true } }),
      ['z-m-1986'],
    )
    assert.deepEqual(sortedIds({ filters: { detentionPlace: 'Damascus', excludeUnknown: true } }), [
      'z-m-1986',
    ])
  })

  void it('makes a record added after the build findable, and a removed one unfindable', () => {
    const local = buildIndex()
    assert.ok(!idsOf(local, 'Zaytouni').includes('new-1'))
    local.add(buildRecord('new-1', { first_name: 'Samer', family_name: 'Zaytouni' }))
    assert.equal(idsOf(local, 'Zaytouni')[0], 'new-1')
    assert.equal(local.remove('new-1'), true)
    assert.deepEqual(idsOf(local, 'Zaytouni'), [])
    assert.equal(local.remove('new-1'), false)
    assert.equal(local.liveSize, local.size - 1)
  })

  void it('replaces a record added twice under the same id', () => {
    const local = buildIndex()
    local.add(buildRecord('kurdi-1', { first_name: 'Rami', family_name: 'Zaytouni' }))
    assert.deepEqual(idsOf(local, 'الكردي', { minScore: 0.5 }), [])
    assert.deepEqual(idsOf(local, 'Zaytouni'), ['kurdi-1'])
  })

  void it('rejects empty and single-letter queries as values', () => {
    for (const q of ['', '   ', 'm', 'م ح', 'a b c']) {
      const outcome = index.search(q)
      assert.equal(outcome.rejected, true, q)
      if (outcome.rejected) assert.equal(outcome.reason, 'query_too_short')
    }
    const digits = index.search('0933 123 456')
    assert.ok(digits.rejected && digits.reason === 'query_without_name')
  })

  void it('caps the limit', () => {
    const outcome = index.search('محمد', { limit: 10_000, minScore: 0 })
    assert.ok(!outcome.rejected)
    assert.equal(outcome.limit, 100)
    assert.ok(outcome.hits.length <= 100)
    const one = index.search('محمد', { limit: 1 })
    assert.ok(!one.rejected && one.hits.length <= 1)
  })

  void it('orders ties by record id, and repeats the same answer', () => {
    const local = new NameSearchIndex()
    for (const id of ['c', 'a', 'b']) {
      local.add(buildRecord(id, { first_name: 'Nizar', family_name: 'Qabbani' }))
    }
    const first = idsOf(local, 'Nizar Qabbani')
    assert.deepEqual(first, ['a', 'b', 'c'])
    assert.deepEqual(idsOf(local, 'Nizar Qabbani'), first)
  })

  void it("prefers the query on the record's own first and family name, in any order", () => {
    const local = new NameSearchIndex()
    // "a-father" sorts first, so only the role bonus can put "b-own" above it.
    local.add(
      buildRecord('a-father', {
        first_name: 'Rami',
        father_name: 'Samer',
        family_name: 'Zaytouni',
      }),
    )
    local.add(
      buildRecord('b-own', { first_name: 'Samer', father_name: 'Rami', family_name: 'Zaytouni' }),
    )
    assert.equal(idsOf(local, 'Zaytouni Samer')[0], 'b-own')
    assert.equal(idsOf(local, 'Samer Zaytouni')[0], 'b-own')
  })

  void it('finds a record with one typing error in a long name (close level)', () => {
    const local = new NameSearchIndex()
    local.add(buildRecord('typo', { first_name: 'Samer', family_name: 'Shahrasrani' }))
    local.add(buildRecord('other', { first_name: 'Samer', family_name: 'Zaytouni' }))
    const hit = hitsOf(local, 'Samer Shahrastani').find((h) => h.recordId === 'typo')
    assert.ok(hit !== undefined)
    assert.equal(hit.matched.find((m) => m.part === 'family_name')?.level, 'close')
    assert.equal(idsOf(local, 'Samer Shahrastani')[0], 'typo')
  })

  void it('counts a name token once per query token', () => {
    // A lone محمد must not satisfy both "محمد" and "محمد" of the query.
    const local = new NameSearchIndex()
    local.add(buildRecord('one', { first_name: 'محمد', family_name: 'الشامي' }))
    local.add(
      buildRecord('two', { first_name: 'محمد', father_name: 'محمد', family_name: 'الشامي' }),
    )
    assert.deepEqual(idsOf(local, 'محمد محمد الشامي').slice(0, 1), ['two'])
  })
})
