import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseFullName } from './name-parser.js'
import type { ParsedName } from './name-parser.js'

void describe('parseFullName', () => {
  const cases: Array<[string, Omit<ParsedName, 'original'>]> = [
    ['محمد', { first_name: 'محمد' }],
    ['محمد الحلبي', { first_name: 'محمد', family_name: 'الحلبي' }],
    ['محمد خالد الحلبي', { first_name: 'محمد', father_name: 'خالد', family_name: 'الحلبي' }],
    [
      'محمد خالد أحمد الحلبي',
      { first_name: 'محمد', father_name: 'خالد', grandfather_name: 'أحمد', family_name: 'الحلبي' },
    ],
    [
      'محمد خالد أحمد عمر الحلبي',
      { first_name: 'محمد', father_name: 'خالد', grandfather_name: 'أحمد', family_name: 'الحلبي' },
    ],
    [
      'عبد الرحمن يوسف النجار',
      { first_name: 'عبد الرحمن', father_name: 'يوسف', family_name: 'النجار' },
    ],
    [
      'Abdul Rahman Youssef Al Najjar',
      { first_name: 'Abdul Rahman', father_name: 'Youssef', family_name: 'Al Najjar' },
    ],
    [
      'Nour al-Din Omar Shami',
      { first_name: 'Nour al-Din', father_name: 'Omar', family_name: 'Shami' },
    ],
    ['MHD KHALED HALABI', { first_name: 'MHD', father_name: 'KHALED', family_name: 'HALABI' }],
    ['أبو بكر علي الزعبي', { first_name: 'أبو بكر', father_name: 'علي', family_name: 'الزعبي' }],
    // محمد نور is one given name when the name has four parts or more...
    [
      'محمد نور خالد الحلبي',
      { first_name: 'محمد نور', father_name: 'خالد', family_name: 'الحلبي' },
    ],
    [
      'Mhd Kheir Ahmad Homsi',
      { first_name: 'Mhd Kheir', father_name: 'Ahmad', family_name: 'Homsi' },
    ],
    // ...and نور is the father's name when there are three.
    ['محمد نور الحلبي', { first_name: 'محمد', father_name: 'نور', family_name: 'الحلبي' }],
    [
      'HALABI, Mohammad Khaled',
      { first_name: 'Mohammad', father_name: 'Khaled', family_name: 'HALABI' },
    ],
    [
      'الحلبي، محمد خالد أحمد',
      { first_name: 'محمد', father_name: 'خالد', grandfather_name: 'أحمد', family_name: 'الحلبي' },
    ],
    ['', {}],
  ]
  for (const [input, parts] of cases) {
    void it(`parses ${JSON.stringify(input)}`, () => {
      assert.deepEqual(parseFullName(input), { original: input, ...parts })
    })
  }
  void it('always keeps the original text', () => {
    const s = '  مُحَمَّد   خالد '
    assert.equal(parseFullName(s).original, s)
    assert.equal(parseFullName(s).first_name, 'مُحَمَّد')
  })
})
