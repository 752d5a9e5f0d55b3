import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalArabicJoiner,
  foldArabic,
  isArabicJoiner,
  isArabicTail,
  stripArabicArticle,
} from './arabic-normalizer.js'

void describe('foldArabic', () => {
  const cases: Array<[string, string, string]> = [
    ['hamza on alef above', 'أحمد', 'احمد'],
    ['hamza on alef below', 'إبراهيم', 'ابراهيم'],
    ['alef madda', 'آمنة', 'امنه'],
    ['alef wasla', 'ٱلله', 'الله'],
    ['teh marbuta', 'فاطمة', 'فاطمه'],
    ['alef maksura', 'مصطفى', 'مصطفي'],
    ['hamza on waw', 'مؤيد', 'مويد'],
    ['hamza on yeh', 'رائد', 'رايد'],
    ['tashkeel and shadda', 'مُحَمَّد', 'محمد'],
    ['superscript alef', 'رحمٰن', 'رحمن'],
    ['tatweel', 'محمـــد', 'محمد'],
    ['Arabic-Indic digits', '٢٠١٣', '2013'],
    ['Persian digits', '۱۲۳', '123'],
    ['Persian keheh and yeh', 'کریم', 'كريم'],
    ['heh goal', 'ہدی', 'هدي'],
    ['ligature of Allah (NFKC)', 'ﷲ', 'الله'],
    ['zero-width non-joiner', 'ع\u200cلي', 'علي'],
    ['right-to-left mark', '\u200fعلي', 'علي'],
    ['standalone hamza kept', 'علاء', 'علاء'],
    ['Latin untouched', 'Mohammad', 'Mohammad'],
    ['Arabic comma to space', 'محمد،خالد', 'محمد خالد'],
  ]
  for (const [rule, input, expected] of cases) {
    void it(`folds ${rule}: ${input} → ${expected}`, () => {
      assert.equal(foldArabic(input), expected)
    })
  }
  void it('returns the same string when nothing changes', () => {
    const s = 'محمد خالد'
    assert.equal(foldArabic(s), s)
  })
})

void describe('stripArabicArticle', () => {
  const cases: Array<[string, string]> = [
    ['الحلبي', 'حلبي'],
    ['الخطيب', 'خطيب'],
    ['حلبي', 'حلبي'],
    ['ال', 'ال'],
    ['الم', 'الم'],
    ['الله', 'الله'],
    ['الياس', 'الياس'],
    ['الهام', 'الهام'],
  ]
  for (const [input, expected] of cases) {
    void it(`${input} → ${expected}`, () => assert.equal(stripArabicArticle(input), expected))
  }
})

void describe('Arabic compounds', () => {
  void it('knows the words that open a compound with the next word', () => {
    for (const w of ['عبد', 'ابو', 'ابن', 'بن', 'ال']) assert.equal(isArabicJoiner(w), true, w)
    for (const w of ['محمد', 'عبده', 'ابوبكر']) assert.equal(isArabicJoiner(w), false, w)
  })
  void it('knows the tails that close a compound with the previous word', () => {
    for (const w of ['الدين', 'الله', 'الاسلام']) assert.equal(isArabicTail(w), true, w)
    for (const w of ['الحلبي', 'دين']) assert.equal(isArabicTail(w), false, w)
  })
  void it('writes ابن as بن so ابن علي ~ بن علي', () => {
    assert.equal(canonicalArabicJoiner('ابن'), 'بن')
    assert.equal(canonicalArabicJoiner('عبد'), 'عبد')
  })
})
