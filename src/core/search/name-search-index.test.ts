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

  void it('treats an empty filter, or excludeUnknown alone, as no filter', () => {
    const index = buildIndex()
    const none = hitsOf(index, 'محمد الحلبي', { limit: 20 })
    assert.deepEqual(hitsOf(index, 'محمد الحلبي', { limit: 20, filters: {} }), none)
    assert.deepEqual(
      hitsOf(index, 'محمد الحلبي', { limit: 20, filters: { excludeUnknown: true } }),
      none,
    )
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

/** Seeded PRNG (mulberry32): the same fixture on every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const GIVEN = ['محمد', 'أحمد', 'علي', 'خالد', 'Mohammad', 'Ahmad', 'عمر', 'سامر', 'رامي', 'نزار']
const FAMILIES = [
  'المحمد',
  'الأحمد',
  'الحلبي',
  'Al-Halabi',
  'الشامي',
  'الخطيب',
  'Khatib',
  'الزيتوني',
  'القباني',
  'شهرستاني',
  'الحمصي',
  'الإدلبي',
]

/** Record ids in no particular order of addition. */
function scatteredId(i: number, count: number): string {
  return `p-${((i * 7919) % count).toString(36)}`
}

/** Record ids in increasing order of addition (the server builds from the database in id order). */
function orderedId(i: number): string {
  return `p-${String(i).padStart(6, '0')}`
}

/**
 * A population skewed like Syrian names (synthetic): a few very common given names, family
 * names from common to rare, both scripts, full_name-only records, many exact ties — and
 * record ids in no particular order, so ties are broken by id, not by order of addition.
 */
function buildPopulation(count: number, idOf = scatteredId): NameSearchIndex {
  const random = seeded(7)
  const pick = <T>(list: readonly T[]): T => {
    // Squared uniform: the first entries are far more frequent (محمد, أحمد).
    return list[Math.floor(random() * random() * list.length)] as T
  }
  const given = GIVEN
  const families = FAMILIES
  const index = new NameSearchIndex()
  for (let i = 0; i < count; i++) {
    const id = idOf(i, count)
    const first = pick(given)
    const father = pick(given)
    const family = pick(families)
    const roll = random()
    if (roll < 0.1) index.add(buildRecord(id, { full_name: `${first} ${father} ${family}` }))
    else if (roll < 0.15) index.add(buildRecord(id, { first_name: first, mother_name: family }))
    else {
      index.add(
        buildRecord(id, {
          first_name: first,
          father_name: father,
          family_name: family,
          sex: roll < 0.6 ? 'M' : 'F',
          birth_date: `${1950 + Math.floor(random() * 50)}`,
        }),
      )
    }
  }
  return index
}

/** Page sizes every pruning test checks: default, one, many, and fewer than re-ranked. */
const LIMIT_SETTINGS: SearchOptions[] = [
  {},
  { limit: 1 },
  { limit: 40 },
  { limit: 3, rerankDepth: 5 },
]

void describe('NameSearchIndex top-k pruning', () => {
  const index = buildPopulation(6000)
  const queries = [
    'محمد الحلبي',
    'الحلبي محمد',
    'Mohammad Halabi',
    'محمد المحمد',
    'محمد أحمد',
    'أحمد محمد الخطيب',
    'Ahmad Khatib',
    'محمد',
    'سامر الزيتوني',
    'Samer Zaytouni',
    'نزار قب',
    'moh hal',
    'علي شهرستان',
    'رامي عمر الإدلبي',
    'Omar Shahrastani',
  ]
  const settings: SearchOptions[] = [
    ...LIMIT_SETTINGS,
    { limit: 10, filters: { sex: 'F' } },
    { limit: 10, filters: { birthYearFrom: 1970, birthYearTo: 1980, excludeUnknown: true } },
    { limit: 10, minScore: 0 },
  ]

  void it('returns exactly what scoring every candidate returns, ties included', () => {
    assertPrunedIsExhaustive(index, queries, settings)
  })

  void it('stays exact on random queries with tight bounds (small k, re-rank reach)', () => {
    const random = seeded(11)
    const words = [...GIVEN, ...FAMILIES, 'محم', 'Moh', 'Hala', 'الزيت', 'Khatip', 'شهرستانى']
    const word = (): string => words[Math.floor(random() * words.length)] ?? ''
    for (let i = 0; i < 600; i++) {
      const q = Array.from({ length: 2 + Math.floor(random() * 2) }, word).join(' ')
      // k = limit (every bound tight), or limit < k (the re-rank reach decides what is cut).
      const limit = 1 + Math.floor(random() * 4)
      const depth = i % 2 === 0 ? limit : limit + Math.floor(random() * 30)
      const options: SearchOptions = { limit, rerankDepth: depth, minScore: 0 }
      const pruned = index.search(q, options)
      const exhaustive = index.search(q, { ...options, pruning: false })
      assert.deepEqual(
        pruned.rejected ? pruned : pruned.hits,
        exhaustive.rejected ? exhaustive : exhaustive.hits,
        `${q} ${JSON.stringify(options)}`,
      )
    }
  })

  void it('scores far fewer records than the exhaustive scorer on a rare + common query', () => {
    const pruned = index.search('سامر الزيتوني')
    const exhaustive = index.search('سامر الزيتوني', { pruning: false })
    assert.ok(!pruned.rejected && !exhaustive.rejected)
    assert.ok(
      pruned.candidates * 2 < exhaustive.candidates,
      `${pruned.candidates} scored vs ${exhaustive.candidates}`,
    )
  })

  void it('breaks ties by record id whatever the order of addition, and repeats itself', () => {
    const hits = hitsOf(index, 'محمد المحمد', { limit: 40 })
    assert.equal(hits.length, 40)
    for (let i = 1; i < hits.length; i++) {
      const a = hits[i - 1]
      const b = hits[i]
      assert.ok(a !== undefined && b !== undefined)
      assert.ok(a.score > b.score || (a.score === b.score && a.recordId < b.recordId))
    }
    assert.deepEqual(hitsOf(index, 'محمد المحمد', { limit: 40 }), hits)
  })

  void it('keeps pruning exact after removals and re-additions', () => {
    const local = buildPopulation(3000)
    for (let i = 0; i < 3000; i += 3) local.remove(`p-${i.toString(36)}`)
    local.add(buildRecord('p-new', { first_name: 'سامر', family_name: 'الزيتوني' }))
    for (const q of queries) {
      const pruned = local.search(q)
      const exhaustive = local.search(q, { pruning: false })
      assert.deepEqual(
        pruned.rejected ? pruned : pruned.hits,
        exhaustive.rejected ? exhaustive : exhaustive.hits,
        q,
      )
    }
    assert.ok(idsOf(local, 'سامر الزيتوني').includes('p-new'))
  })
})

void describe('NameSearchIndex massive ties, records added in id order', () => {
  const build = (): NameSearchIndex => {
    const index = buildPopulation(6000, orderedId)
    // Thousands of one name: its top 50 is a tie broken by record id.
    for (let i = 0; i < 1500; i++) {
      index.add(
        buildRecord(`q-${String(i).padStart(5, '0')}`, {
          first_name: 'محمد',
          family_name: 'المحمد',
        }),
      )
    }
    // Then records out of id order (added after the database was read): they come after the
    // sorted part and are always looked at.
    for (let i = 0; i < 30; i++) {
      index.add(buildRecord(`a-${i}`, { first_name: 'محمد', family_name: 'المحمد' }))
      index.add(buildRecord(`z-${i}`, { first_name: 'Mohammad', family_name: 'Al-Mohammad' }))
    }
    return index
  }
  const index = build()
  const queries = [
    'محمد المحمد',
    'Mohammad Al-Mohammad',
    'المحمد',
    'محمد أحمد',
    'علي المحمد',
    'محم المح',
  ]
  const settings: SearchOptions[] = [
    ...LIMIT_SETTINGS,
    { limit: 10, filters: { sex: 'M' } },
    { limit: 10, minScore: 0 },
  ]

  void it('returns exactly what scoring every candidate returns', () => {
    assertPrunedIsExhaustive(index, queries, settings)
  })

  void it('stops at the ties that cannot win on record id', () => {
    const pruned = index.search('محمد المحمد')
    const exhaustive = index.search('محمد المحمد', { pruning: false })
    assert.ok(!pruned.rejected && !exhaustive.rejected)
    // The ids that sort first: the a-… records added late, then the q-… block in order.
    assert.ok(pruned.hits.slice(0, 10).every((h) => h.recordId.startsWith('a-')))
    assert.ok(
      pruned.candidates * 5 < exhaustive.candidates,
      `${pruned.candidates} scored vs ${exhaustive.candidates}`,
    )
  })

  void it('stays exact after removals inside the sorted part', () => {
    const local = build()
    for (let i = 0; i < 1500; i += 2) local.remove(`q-${String(i).padStart(5, '0')}`)
    for (let i = 0; i < 30; i += 3) local.remove(`a-${i}`)
    for (const q of queries) {
      const pruned = local.search(q, { limit: 40 })
      const exhaustive = local.search(q, { limit: 40, pruning: false })
      assert.deepEqual(
        pruned.rejected ? pruned : pruned.hits,
        exhaustive.rejected ? exhaustive : exhaustive.hits,
        q,
      )
    }
  })

  void it('keeps the tied records of another posting list that sort before the worst kept', () => {
    // Two spellings at the same level for the query (variants of Mohammad), interleaved in
    // id order: the ties of the second list walked must still win on id.
    const local = new NameSearchIndex()
    for (let i = 0; i < 400; i++) {
      local.add(
        buildRecord(`v-${String(i).padStart(4, '0')}`, {
          first_name: i % 2 === 0 ? 'Mohammed' : 'Muhammad',
          family_name: 'Qabbani',
        }),
      )
    }
    for (const options of [{ limit: 50 }, { limit: 7, rerankDepth: 7 }, { limit: 1 }]) {
      const pruned = local.search('Mohammad Qabbani', options)
      const exhaustive = local.search('Mohammad Qabbani', { ...options, pruning: false })
      assert.deepEqual(
        pruned.rejected ? pruned : pruned.hits,
        exhaustive.rejected ? exhaustive : exhaustive.hits,
        JSON.stringify(options),
      )
    }
  })
})

/** Pruned retrieval answers exactly as scoring every candidate does, for each query and setting. */
function assertPrunedIsExhaustive(
  index: NameSearchIndex,
  queries: readonly string[],
  settings: readonly SearchOptions[],
): void {
  for (const q of queries) {
    for (const options of settings) {
      const pruned = index.search(q, options)
      const exhaustive = index.search(q, { ...options, pruning: false })
      assert.deepEqual(
        pruned.rejected ? pruned : pruned.hits,
        exhaustive.rejected ? exhaustive : exhaustive.hits,
        `${q} ${JSON.stringify(options)}`,
      )
    }
  }
}

void describe('NameSearchIndex two common names (pair postings)', () => {
  // Given and family names common enough (over 1,000 postings) for the pair postings to be
  // used, records in id order as the server adds them.
  const index = buildPopulation(20_000, orderedId)
  const firsts = ['محمد', 'أحمد', 'Mohammad', 'علي', 'Ahmad']
  const lasts = ['المحمد', 'الأحمد', 'الحلبي', 'Al-Halabi', 'محمد', 'أحمد']
  const queries = firsts.flatMap((f) => lasts.map((l) => `${f} ${l}`))
  const settings: SearchOptions[] = [
    {},
    { limit: 1 },
    { limit: 3, rerankDepth: 5 },
    { limit: 10, filters: { sex: 'F' } },
  ]

  void it('returns exactly what scoring every candidate returns', () => {
    assertPrunedIsExhaustive(index, queries, settings)
  })

  void it('stays exact in either typed order and with tight bounds', () => {
    const random = seeded(23)
    for (let i = 0; i < 40; i++) {
      const f = firsts[Math.floor(random() * firsts.length)] ?? ''
      const l = lasts[Math.floor(random() * lasts.length)] ?? ''
      const limit = 1 + Math.floor(random() * 3)
      assertPrunedIsExhaustive(index, [`${l} ${f}`, `${f} ${l}`], [{ limit, minScore: 0 }])
    }
  })

  void it('stops once the records holding both names as first and family name fill the page', () => {
    // Without the pair postings this query scored about 4,000 of these records, with them 64.
    const pruned = index.search('Ahmad الأحمد')
    const exhaustive = index.search('Ahmad الأحمد', { pruning: false })
    assert.ok(!pruned.rejected && !exhaustive.rejected)
    assert.ok(
      pruned.candidates * 20 < exhaustive.candidates,
      `${pruned.candidates} scored vs ${exhaustive.candidates}`,
    )
  })
})
