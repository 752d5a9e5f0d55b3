import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import { RECORD_FIELDS } from '../../src/core/records/record-fields.js'
import {
  DEFAULT_CORRUPTION_RATES,
  formatRecordHeader,
  formatRecordRow,
  formatTruthHeader,
  formatTruthRow,
  generateFamily,
  generateRecords,
  listExtraColumns,
  RandomSource,
  TRUTH_COLUMNS,
  type CorruptionRates,
  type GeneratedRecord,
  type GeneratorOptions,
} from './index.js'

function collect(options: GeneratorOptions): GeneratedRecord[] {
  return [...generateRecords(options)]
}

function toCsv(records: readonly GeneratedRecord[], extra: readonly string[] = []): string {
  return formatRecordHeader(extra) + records.map((r) => formatRecordRow(r.fields, extra)).join('')
}

function toTruthCsv(records: readonly GeneratedRecord[]): string {
  return formatTruthHeader() + records.map((r) => formatTruthRow(r.truth)).join('')
}

const ZERO_RATES = Object.fromEntries(
  Object.keys(DEFAULT_CORRUPTION_RATES).map((k) => [k, 0]),
) as unknown as CorruptionRates

void describe('generateRecords (syria profile)', () => {
  const records = collect({ seed: 7, records: 1500 })

  void it('is deterministic: same seed gives byte-identical CSV and truth', () => {
    const again = collect({ seed: 7, records: 1500 })
    assert.equal(toCsv(again), toCsv(records))
    assert.equal(toTruthCsv(again), toTruthCsv(records))
  })

  void it('gives different output for a different seed', () => {
    assert.notEqual(toCsv(collect({ seed: 8, records: 1500 })), toCsv(records))
  })

  void it('produces about the requested number of records', () => {
    assert.ok(records.length >= 1500 && records.length < 1500 + 200, String(records.length))
  })

  void it('writes CSV that parses with the spec header, one row per record', () => {
    const rows = parse(toCsv(records), { columns: true, bom: true }) as Record<string, string>[]
    const header = (parse(toCsv(records), { to_line: 1 }) as string[][])[0]
    assert.deepEqual(header, [...RECORD_FIELDS])
    assert.equal(rows.length, records.length)
    const sample = records[17]!
    const row = rows[17]!
    assert.equal(row.record_id, sample.fields.record_id)
    assert.equal(row.full_name ?? '', sample.fields.full_name ?? '')
    assert.equal(row.first_name ?? '', sample.fields.first_name ?? '')
  })

  void it('has a consistent truth file: every record exactly once, same ids, same sources', () => {
    const truth = parse(toTruthCsv(records), { columns: true }) as Record<string, string>[]
    assert.deepEqual(Object.keys(truth[0]!), [...TRUTH_COLUMNS])
    assert.equal(truth.length, records.length)
    const ids = new Set(truth.map((t) => t.record_id))
    assert.equal(ids.size, records.length)
    records.forEach((r, i) => {
      assert.equal(truth[i]!.record_id, r.fields.record_id)
      assert.equal(truth[i]!.source, r.fields.source)
      assert.ok(truth[i]!.person_id!.length > 0)
    })
  })

  void it('writes every source kind, both scripts and several transliteration families', () => {
    const kinds = new Set(records.map((r) => r.truth.source))
    assert.deepEqual([...kinds].sort(), [
      'family-report',
      'intake',
      'ngo-list',
      'photo-index',
      'register',
    ])
    const latin = records.filter((r) => r.truth.script === 'latn')
    assert.ok(latin.length > 100)
    for (const r of latin) {
      const text = [r.fields.full_name, r.fields.first_name, r.fields.family_name].join(' ')
      assert.ok(!/[\u0600-\u06FF]/.test(text), text)
    }
    const schemes = new Set(latin.map((r) => r.truth.scheme))
    for (const s of ['english', 'french', 'turkish', 'german', 'informal']) {
      assert.ok(schemes.has(s), s)
    }
  })

  void it('shows many persons in one source and some in several', () => {
    const perPerson = new Map<string, number>()
    for (const r of records) {
      perPerson.set(r.truth.person_id, (perPerson.get(r.truth.person_id) ?? 0) + 1)
    }
    const counts = [...perPerson.values()]
    const single = counts.filter((c) => c === 1).length
    assert.ok(single / counts.length > 0.3, `single ${single}/${counts.length}`)
    assert.ok(counts.some((c) => c >= 3))
  })

  void it("links a son's record to his father's person when the father is also detained", () => {
    const people = new Map(records.map((r) => [r.truth.person_id, r.truth.person!]))
    const sons = records.filter((r) => r.truth.father_person_id !== undefined)
    assert.ok(sons.length > 0)
    for (const r of sons) {
      const father = r.truth.person!
      const dad = [...people.values()].find((p) => p.personId === r.truth.father_person_id)
      if (dad === undefined) continue // the father's records fell outside this small sample
      assert.equal(father.father.ar, dad.first.ar)
      assert.equal(father.family.ar, dad.family.ar)
      assert.equal(father.grandfather.ar, dad.father.ar)
    }
    assert.ok(sons.some((r) => people.has(r.truth.father_person_id!)))
  })

  void it('applies a corruption at roughly its configured rate and logs it', () => {
    const tuned = collect({ seed: 3, records: 3000, corruption: { ...ZERO_RATES, tatweel: 0.5 } })
    const arabic = tuned.filter((r) => r.truth.script === 'arab')
    const tagged = arabic.filter((r) => r.truth.corruptions.includes('tatweel'))
    const share = tagged.length / arabic.length
    assert.ok(share > 0.44 && share < 0.56, `tatweel share ${share}`)
    for (const r of tagged) {
      const text = Object.values(r.fields).join(' ')
      assert.ok(text.includes('ـ'), 'a record tagged tatweel carries a tatweel')
    }
    const untagged = arabic.filter((r) => !r.truth.corruptions.includes('tatweel'))
    for (const r of untagged) assert.ok(!/ـ/.test(r.fields.first_name ?? r.fields.full_name ?? ''))
  })

  void it('applies no orthographic corruption when every rate is zero', () => {
    const clean = collect({ seed: 5, records: 800, corruption: ZERO_RATES, duplicateRate: 0 })
    const allowed = new Set(['age-estimate'])
    for (const r of clean) for (const tag of r.truth.corruptions) assert.ok(allowed.has(tag), tag)
  })

  void it('makes very common names very common', () => {
    const males = records.filter((r) => r.truth.person?.sex === 'M')
    const muhammad = males.filter((r) => r.truth.person!.first.ar === 'محمد').length
    const share = muhammad / males.length
    assert.ok(share > 0.07 && share < 0.25, `محمد share ${share}`)
  })
})

void describe('generateFamily', () => {
  const random = new RandomSource(11)
  const ids = { next: 1 }
  const families = Array.from({ length: 400 }, (_, i) => generateFamily(random, i + 1, ids))

  void it('gives siblings the same father, grandfather, mother and family name, born close together', () => {
    let siblingSets = 0
    for (const family of families) {
      for (const { father, children } of family.branches) {
        if (children.length > 1) siblingSets++
        for (const child of children) {
          assert.equal(
            child.father.ar,
            father.first.ar,
            "a child's father_name is the father's first name",
          )
          assert.equal(child.grandfather.ar, father.father.ar)
          assert.equal(child.family.ar, father.family.ar)
          assert.equal(child.mother.ar, children[0]!.mother.ar)
          assert.equal(child.motherFamily.ar, children[0]!.motherFamily.ar)
          assert.equal(child.familyId, family.familyId)
        }
        if (children.length > 1) {
          const years = children.map((c) => c.birth.year)
          assert.ok(Math.max(...years) - Math.min(...years) <= 3 * children.length, years.join(','))
        }
      }
    }
    assert.ok(siblingSets > 100)
  })

  void it('gives cousins the same grandfather and family name', () => {
    const multi = families.filter((f) => f.branches.length > 1)
    assert.ok(multi.length > 50)
    for (const family of multi) {
      const cousins = family.branches.flatMap((b) => b.children)
      for (const c of cousins) {
        assert.equal(c.grandfather.ar, cousins[0]!.grandfather.ar)
        assert.equal(c.family.ar, cousins[0]!.family.ar)
      }
    }
  })

  void it('names eldest sons after their grandfather at roughly the configured rate, and makes twins', () => {
    let branchesWithSon = 0
    let named = 0
    let twins = 0
    for (const family of families) {
      for (const { father, children } of family.branches) {
        const eldestSon = children.find((c) => c.sex === 'M')
        if (eldestSon === undefined) continue
        branchesWithSon++
        if (eldestSon.first.ar === father.father.ar) named++
        twins += children.filter((c) => c.twinOf !== undefined).length
      }
    }
    const share = named / branchesWithSon
    assert.ok(share > 0.25 && share < 0.45, `named after grandfather ${share}`)
    assert.ok(twins > 0)
  })

  void it('detains at least one member of every family', () => {
    for (const family of families) assert.ok(family.members.some((m) => m.detention !== undefined))
  })
})

void describe('generateRecords (febrl profile)', () => {
  const extra = listExtraColumns('febrl')
  const records = collect({ seed: 2, records: 600, profile: 'febrl' })

  void it('is deterministic and seed-dependent', () => {
    assert.equal(
      toCsv(collect({ seed: 2, records: 600, profile: 'febrl' }), extra),
      toCsv(records, extra),
    )
    assert.notEqual(
      toCsv(collect({ seed: 4, records: 600, profile: 'febrl' }), extra),
      toCsv(records, extra),
    )
  })

  void it('emits the spec columns plus the address columns, parseable', () => {
    const rows = parse(toCsv(records, extra), { columns: true }) as Record<string, string>[]
    assert.deepEqual(Object.keys(rows[0]!), [...RECORD_FIELDS, ...extra])
    assert.equal(rows.length, records.length)
  })

  void it('gives every duplicate an original of the same person and at least one logged modification', () => {
    const originals = new Map<string, GeneratedRecord>()
    for (const r of records) {
      if (!r.truth.corruptions.includes('duplicate')) originals.set(r.truth.person_id, r)
    }
    const duplicates = records.filter((r) => r.truth.corruptions.includes('duplicate'))
    const share = duplicates.length / records.length
    assert.ok(share > 0.3 && share < 0.5, `duplicate share ${share}`)
    for (const d of duplicates) {
      assert.ok(originals.has(d.truth.person_id))
      assert.ok(d.truth.corruptions.length >= 2, d.truth.corruptions.join(';'))
    }
  })
})

void describe('independence from the matcher', () => {
  void it('never imports src/core/names (the benchmark must not measure the matcher against itself)', () => {
    const dir = new URL('.', import.meta.url)
    const files = [
      ...readdirSync(dir).map((f) => new URL(f, dir)),
      ...readdirSync(new URL('data/', dir)).map((f) => new URL(`data/${f}`, dir)),
    ].filter((u) => u.pathname.endsWith('.ts') && !u.pathname.endsWith('.test.ts'))
    assert.ok(files.length > 5)
    for (const file of files) {
      assert.ok(
        !/(from|import)\s*\(?\s*['"][^'"]*core\/names/.test(readFileSync(file, 'utf8')),
        file.pathname,
      )
    }
  })
})
