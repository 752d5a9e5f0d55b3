import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ocrKey } from './ocr-key.js'

void describe('ocrKey: letters that differ only by dots collapse', () => {
  const same: Array<[string, string, string]> = [
    ['ى / ي and ح / ج', 'الحلبى', 'الجلبي'],
    ['ح / خ', 'الحلبي', 'الخلبي'],
    ['ب / ت / ث / ن / ي', 'بشير', 'نشير'],
    ['س / ش', 'بشار', 'بسار'],
    ['ر / ز', 'زهير', 'رهير'],
    ['د / ذ', 'فادي', 'فاذي'],
    ['ص / ض', 'رياض', 'رياص'],
    ['ط / ظ', 'ناظم', 'ناطم'],
    ['ع / غ', 'غسان', 'عسان'],
    ['ف / ق', 'فادي', 'قادي'],
    ['ه / ة', 'فاطمة', 'فاطمه'],
  ]
  for (const [rule, a, b] of same) {
    void it(`${rule}: ${a} ~ ${b}`, () => assert.equal(ocrKey(a), ocrKey(b)))
  }
  const different: Array<[string, string]> = [
    ['محمد', 'محمود'],
    ['حسن', 'حسين'],
    ['ناصر', 'ياسر'],
  ]
  for (const [a, b] of different) {
    void it(`keeps ${a} ≠ ${b} (different skeletons)`, () => assert.notEqual(ocrKey(a), ocrKey(b)))
  }
  void it('returns the normalised form for Latin input', () => {
    assert.equal(ocrKey('Mohammad Al-Halabi'), 'mohammad halabi')
  })
  void it('drops a standalone hamza', () => {
    assert.equal(ocrKey('علاء'), ocrKey('علا'))
  })
})
