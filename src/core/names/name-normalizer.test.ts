import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { crossScriptKey } from './cross-script-key.js'
import { DIFFERENT_PAIRS, SAME_CLUSTERS } from './golden-pairs.js'
import { nameTokens, normalizeName } from './name-normalizer.js'
import { ocrKey } from './ocr-key.js'

void describe('normalizeName', () => {
  const cases: Array<[string, string]> = [
    ['محمد خالد الحلبي', 'محمد خالد حلبي'],
    ['مُحَمَّد  خالِد الحلبـــي', 'محمد خالد حلبي'],
    ['محمد خالد الحلبى', 'محمد خالد حلبي'],
    ['عبد الرحمن', 'عبدالرحمن'],
    ['نور الدين', 'نورالدين'],
    ['أبو بكر', 'ابوبكر'],
    ['Mohammad Khaled Al-Halabi', 'mohammad khaled halabi'],
    ['Mouhammad Khalid El Halabi', 'mouhammad khalid halabi'],
    ['MHD KHALED HALABI', 'mohammad khaled halabi'],
    ['Abdul Rahman', 'abdulrahman'],
    ['Muḥammad ʿAbd al-Raḥmān', 'muhammad abdulrahman'],
    ['Nour al-Din', 'nouraldin'],
    ['Nureddine', 'nuraldin'],
    ['', ''],
  ]
  for (const [input, expected] of cases) {
    void it(`${input} → ${expected}`, () => assert.equal(normalizeName(input), expected))
  }
  void it('makes الحلبي, حلبي, Al-Halabi, El Halabi and Halabi comparable (article removed)', () => {
    assert.equal(normalizeName('الحلبي'), normalizeName('حلبي'))
    assert.equal(normalizeName('Al-Halabi'), normalizeName('El Halabi'))
    assert.equal(normalizeName('El Halabi'), normalizeName('Halabi'))
  })
})

void describe('nameTokens', () => {
  void it('returns one token per name unit', () => {
    assert.deepEqual(nameTokens('عبد الرحمن يوسف النجار'), ['عبدالرحمن', 'يوسف', 'نجار'])
    assert.deepEqual(nameTokens('   '), [])
  })
})

void describe('normalizeName properties', () => {
  const names = [...new Set(SAME_CLUSTERS.flatMap((c) => c.names).concat(DIFFERENT_PAIRS.flat()))]
  void it('is idempotent on every golden name', () => {
    for (const n of names) assert.equal(normalizeName(normalizeName(n)), normalizeName(n), n)
  })
  void it('keeps the cross-script and OCR keys of its output (keys may be built from it)', () => {
    for (const n of names) {
      assert.equal(crossScriptKey(normalizeName(n)), crossScriptKey(n), n)
      assert.equal(ocrKey(normalizeName(n)), ocrKey(n), n)
    }
  })
  void it('never throws and never returns spaces at the ends, on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        const n = normalizeName(s)
        assert.equal(n, n.trim())
        assert.ok(!n.includes('  '))
      }),
      { numRuns: 500 },
    )
  })
})
