import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { parseFullName } from './name-parser.js'
import { compareNames, compareNamesWithOptions, NAME_MATCH_LEVELS } from './name-comparison.js'
import type { NameMatchLevel } from './name-comparison.js'

void describe('compareNames levels', () => {
  const cases: Array<[string, string, NameMatchLevel]> = [
    ['محمد خالد الحلبي', 'محمد خالد الحلبى', 'exact'],
    ['مُحَمَّد', 'محمد', 'exact'],
    ['Al-Halabi', 'El Halabi', 'exact'],
    ['الحلبي', 'حلبي', 'exact'],
    ['عبد الرحمن', 'عبدالرحمن', 'exact'],
    ['Abdul Rahman', 'Abdurrahman', 'exact'],
    ['محمد', 'Mohammed', 'variant'],
    ['Mohammed', 'Mehmet', 'variant'],
    ['حسين', 'Hüseyin', 'variant'],
    ['محمد خالد الحلبي', 'Mohammad Khaled Al-Halabi', 'variant'],
    ['القدسي', 'Al-Qudsi', 'cross-script'],
    ['Kudsi', 'Qudsi', 'cross-script'],
    ['نصر الله', 'Nasrallah', 'cross-script'],
    ['الحلبي', 'الجلبي', 'ocr'],
    ['غسان', 'عسان', 'ocr'],
    ['Khaled', 'Kahled', 'close'],
    ['Hourani', 'Houranni', 'cross-script'],
    ['الزعبي', 'Zoubi', 'close'], // equal but for the long-u mark (French ou)
    ['محمد خالد الحلبي', 'محمد الحلبي', 'partial'],
    ['Abdulrahman', 'Abdul', 'partial'],
    ['محمد خالد الحلبي', 'الحلبي محمد خالد', 'close'],
    ['محمد خالد أحمد', 'خالد محمد أحمد', 'partial'],
    ['محمد', 'محمود', 'different'],
    ['Mohammed', 'Mahmoud', 'different'],
    ['حسن', 'حسين', 'different'],
    ['سعيد', 'سعد', 'different'],
    ['عبد الرحمن', 'أبو الرحمن', 'different'],
    ['عبد الرحمن', 'عبد الرحيم', 'different'],
    ['Omar', 'Amer', 'different'],
    ['تامر', 'ثامر', 'different'],
    ['Masri', 'Basri', 'different'],
    ['محمد خالد', 'أحمد عمر', 'different'],
    ['', 'محمد', 'different'],
  ]
  for (const [a, b, level] of cases) {
    void it(`${a} ~ ${b} is ${level}`, () => {
      assert.equal(compareNames(a, b).level, level)
    })
  }
})

void describe('compareNames properties', () => {
  const samples = [
    'محمد خالد الحلبي',
    'Mohammad Halabi',
    'حسن',
    'Hussein',
    'عبد الرحمن',
    'Abdul',
    'الجلبي',
    '',
  ]
  void it('is symmetric in level', () => {
    for (const a of samples) {
      for (const b of samples) {
        assert.equal(compareNames(a, b).level, compareNames(b, a).level, `${a} ~ ${b}`)
      }
    }
  })
  void it('keeps similarity within 0..1 and gives 1 to exact matches', () => {
    for (const a of samples) {
      for (const b of samples) {
        const s = compareNames(a, b).similarity
        assert.ok(s >= 0 && s <= 1, `${a} ~ ${b}: ${s}`)
      }
    }
    assert.equal(compareNames('Halabi', 'HALABI').similarity, 1)
  })
  void it('ranks a closer spelling higher within a level', () => {
    const near = compareNames('Abdulrahman', 'Abdulrahmn')
    const far = compareNames('Abdulrahman', 'Abdulrhmn')
    assert.equal(near.level, far.level)
    assert.ok(near.similarity >= far.similarity)
  })
  void it('never throws on any text, and returns a level of the contract', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc
        .array(
          fc.constantFrom(
            'محمد',
            'عبد',
            'ال',
            'Al',
            'Abdul',
            'bin',
            'نور',
            'الدين',
            'eddine',
            '-',
            ' ',
          ),
          {
            maxLength: 6,
          },
        )
        .map((xs) => xs.join(' ')),
    )
    fc.assert(
      fc.property(text, text, (a, b) => {
        const r = compareNames(a, b)
        assert.ok(NAME_MATCH_LEVELS.includes(r.level))
        assert.equal(parseFullName(a).original, a)
      }),
      { numRuns: 500 },
    )
  })
  void it('keeps the contract order of levels', () => {
    assert.deepEqual(NAME_MATCH_LEVELS, [
      'exact',
      'variant',
      'cross-script',
      'ocr',
      'close',
      'partial',
      'different',
    ])
  })
})

void describe('compareNamesWithOptions', () => {
  void it('without the variant table, falls back on the skeleton', () => {
    assert.equal(
      compareNamesWithOptions('محمد', 'Mohammed', { useVariantTable: false }).level,
      'cross-script',
    )
    // Turkish final t keeps Mehmet's skeleton apart (mhmt); only the loose key (final
    // t/d folded) sees one name, and that is worth 'close', never a skeleton match.
    assert.equal(
      compareNamesWithOptions('Mohammed', 'Mehmet', { useVariantTable: false }).level,
      'close',
    )
  })
  void it('without the variant table, lets skeleton twins through (why the table guards them)', () => {
    assert.equal(
      compareNamesWithOptions('حسن', 'حسين', { useVariantTable: false }).level,
      'cross-script',
    )
  })
})

void describe('compareNames across transliteration families', () => {
  void it('calls a name close when only the loose key (kh/ch/h, th/s, gh/g) agrees', () => {
    assert.equal(compareNames('Chalid', 'خالد').level, 'close')
    assert.equal(compareNames('Halaf', 'Khalaf').level, 'close')
  })
  void it('not within Arabic, and not for names the variant table keeps apart', () => {
    // One loose key (hsm), but within one script a different letter is a different
    // spelling choice, not another transliteration family: the loose key is not used.
    assert.equal(compareNames('هيثم', 'هيسم').level, 'different')
    assert.equal(compareNames('Hasan', 'Hussein').level, 'different')
  })
})

void describe('compareNames on a skeleton several listed names share', () => {
  void it('reads an unlisted Latin spelling by its vowels (brothers جمال and جميل)', () => {
    // jml is جمال and جميل; Djamal and Camil are not in the table.
    assert.equal(compareNames('Djamal', 'جمال').level, 'cross-script')
    assert.equal(compareNames('Djamal', 'جميل').level, 'different')
    assert.equal(compareNames('Camil', 'جميل').level, 'cross-script')
    assert.equal(compareNames('Djamal', 'Camil').level, 'different')
  })
  void it('never calls a عبد compound close to a plain name (ABD RAHIM / إبراهيم)', () => {
    assert.equal(compareNames('ABD RAHIM', 'إبراهيم').level, 'different')
    assert.equal(compareNames('ABD RAHIM', 'عبد الرحيم').level, 'cross-script')
  })
})
