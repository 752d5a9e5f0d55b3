import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import table from './data/name-variants.json' with { type: 'json' }
import { splitNameUnits } from './name-tokenizer.js'
import {
  findVariantGroup,
  nearestGroupOfLatinSpelling,
  VARIANT_GROUP_COUNT,
  variantGroup,
} from './variant-table.js'

void describe('variant table data', () => {
  void it('names its source, licence and filter', () => {
    assert.match(table.source, /NETransliteration-COLING2018/)
    assert.match(table.licence, /CC0/)
    assert.match(table.filter, /count/)
  })
  void it('holds a few hundred groups with numbered ids', () => {
    assert.ok(VARIANT_GROUP_COUNT >= 300, String(VARIANT_GROUP_COUNT))
    table.groups.forEach((g, i) => assert.equal(g.id, i + 1))
  })
  void it('stores every form already normalised, so lookups need no extra folding', () => {
    for (const g of table.groups) {
      for (const a of g.arabic) assert.equal(splitNameUnits(a)[0]?.norm, a, a)
      for (const [l] of g.latin) assert.equal(splitNameUnits(l as string)[0]?.norm, l, String(l))
    }
  })
  void it('lists each Arabic form in one group only', () => {
    const seen = new Set<string>()
    for (const g of table.groups) {
      for (const a of g.arabic) {
        assert.ok(!seen.has(a), a)
        seen.add(a)
      }
    }
  })
})

void describe('variantGroup', () => {
  const same: Array<string[]> = [
    ['محمد', 'مُحَمَّد', 'Mohammed', 'Muhammad', 'Mehmet', 'MOHAMED'],
    ['حسين', 'Hussein', 'Hüseyin', 'Houcine'],
    ['الحلبي', 'حلبي', 'Halabi', 'Al-Halabi'],
    ['يحيى', 'يحيا', 'Yahya'],
  ]
  for (const names of same) {
    void it(`puts ${names.join(' / ')} in one group`, () => {
      const id = variantGroup(names[0]!)
      assert.notEqual(id, undefined)
      for (const n of names) assert.equal(variantGroup(n), id, n)
    })
  }
  void it('keeps the traps in different groups', () => {
    assert.notEqual(variantGroup('محمد'), variantGroup('محمود'))
    assert.notEqual(variantGroup('حسن'), variantGroup('حسين'))
    assert.notEqual(variantGroup('سعد'), variantGroup('سعيد'))
    assert.notEqual(variantGroup('Mohammed'), variantGroup('Mahmoud'))
  })
  void it('returns undefined for unknown names and for several names', () => {
    assert.equal(variantGroup('Xyzzy'), undefined)
    assert.equal(variantGroup('محمد خالد'), undefined)
  })
  void it('finds a group by id', () => {
    const id = variantGroup('خالد')!
    assert.deepEqual(findVariantGroup(id)?.arabic, ['خالد'])
    assert.equal(findVariantGroup(0), undefined)
  })
})

void describe('nearestGroupOfLatinSpelling', () => {
  void it('picks the listed name whose spellings are nearest, on a shared skeleton', () => {
    assert.equal(nearestGroupOfLatinSpelling('djamal', 'jml'), variantGroup('جمال'))
    assert.equal(nearestGroupOfLatinSpelling('camil', 'jml'), variantGroup('جميل'))
  })
  void it('says nothing for a skeleton no two listed names share', () => {
    assert.equal(nearestGroupOfLatinSpelling('zuzaq', 'zzk'), undefined)
  })
})
