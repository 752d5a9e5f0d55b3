import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  confuseDots,
  corruptAlefHamza,
  corruptAlefMaksura,
  corruptTehMarbuta,
  insertTashkeel,
  insertTatweel,
  toggleArticle,
  toggleCompound,
  typeArabicTypo,
  usePersianLetters,
} from './arabic-corruptions.js'
import { driftTransliteration, typeLatinTypo } from './latin-corruptions.js'
import { RandomSource } from './random-source.js'
import { spellFamilyName, spellGivenName } from './transliterator.js'

const random = (): RandomSource => new RandomSource(42)

void describe('Arabic corruptions', () => {
  void it('fold and unfold hamza, ة and ى', () => {
    assert.equal(corruptAlefHamza('أحمد', random()), 'احمد')
    assert.equal(corruptAlefHamza('إبراهيم', random()), 'ابراهيم')
    assert.match(corruptAlefHamza('اسامة', random()), /^(أ|إ)سامة$/)
    assert.equal(corruptAlefHamza('الحلبي', random()), 'الحلبي', 'never a hamza on the article')
    assert.equal(corruptTehMarbuta('فاطمة', random()), 'فاطمه')
    assert.equal(corruptTehMarbuta('فاطمه', random()), 'فاطمة')
    assert.equal(corruptAlefMaksura('مصطفى', random()), 'مصطفي')
  })

  void it('insert tatweel and tashkeel without changing the letters', () => {
    // Drop tatweel (U+0640) and harakat (U+064B..U+0652) code point by code point.
    const strip = (s: string): string =>
      [...s]
        .filter((ch) => {
          const c = ch.codePointAt(0)!
          return c !== 0x640 && (c < 0x64b || c > 0x652)
        })
        .join('')
    const t = insertTatweel('محمد', random())
    assert.ok(t.includes('ـ') && strip(t) === 'محمد')
    const d = insertTashkeel('محمد', random())
    assert.ok(d !== 'محمد' && strip(d) === 'محمد')
  })

  void it('toggle the article and compound spacing', () => {
    assert.equal(toggleArticle('الحلبي', random()), 'حلبي')
    assert.equal(toggleArticle('حوراني', random()), 'الحوراني')
    assert.equal(toggleCompound('عبد الله', random()), 'عبدالله')
    assert.equal(toggleCompound('عبدالرحمن', random()), 'عبد الرحمن')
    assert.equal(toggleCompound('خالد', random()), 'خالد')
  })

  void it('use Persian keyboard letters', () => {
    assert.equal(usePersianLetters('علي كمال', random()), 'علی کمال')
  })

  void it('confuse letters only within their dot class', () => {
    const out = confuseDots('بجدرسصطعفه', random(), 1)
    const classes = ['بتثني', 'جحخ', 'دذ', 'رز', 'سش', 'صض', 'طظ', 'عغ', 'فق', 'هة']
    ;[...out].forEach((ch, i) => {
      const original = 'بجدرسصطعفه'[i]!
      assert.notEqual(ch, original)
      assert.ok(
        classes.some((c) => c.includes(ch) && c.includes(original)),
        `${original}→${ch}`,
      )
    })
    assert.equal(confuseDots('محمد', random(), 0), 'محمد')
  })

  void it('make one keyboard slip', () => {
    const out = typeArabicTypo('سمير', random())
    assert.notEqual(out, 'سمير')
    assert.ok(Math.abs(out.length - 4) <= 1)
  })
})

void describe('Latin corruptions', () => {
  void it('drift a transliteration and make a typo, keeping the name recognisable', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = new RandomSource(seed)
      const drifted = driftTransliteration('Mohammed', r)
      assert.notEqual(drifted, 'Mohammed')
      assert.ok(Math.abs(drifted.length - 8) <= 2)
      const typo = typeLatinTypo('Khaled', r)
      assert.notEqual(typo, 'Khaled')
    }
  })
})

void describe('transliterator', () => {
  void it('spells family names per family and article style', () => {
    assert.equal(spellFamilyName('Al-Halabi', 'english', 'al-', new RandomSource(1)), 'Al-Halabi')
    assert.equal(spellFamilyName('Al-Halabi', 'french', 'el ', random()), 'El Halabi')
    assert.equal(spellFamilyName('Al-Halabi', 'turkish', 'none', random()), 'Halabi')
    assert.equal(spellFamilyName('Al-Halabi', 'informal', 'al ', random()), 'AL HALABI')
    assert.equal(spellFamilyName('Al-Shami', 'french', 'el ', random()), 'El Chami')
    assert.equal(spellFamilyName('Al-Shami', 'german', 'none', random()), 'Schami')
    assert.equal(spellFamilyName('Hourani', 'english', 'al-', random()), 'Hourani')
  })

  void it('spells given names from the per-name table or the scheme rules', () => {
    const seen = new Set<string>()
    for (let seed = 0; seed < 200; seed++) {
      seen.add(spellGivenName('محمد', 'Mohammed', 'informal', new RandomSource(seed)))
    }
    assert.ok(seen.has('MHD') && seen.has('MOHAMMAD'))
    assert.equal(spellGivenName('جهاد', 'Jihad', 'french', random()), 'Djihad')
    assert.equal(spellGivenName('جهاد', 'Jihad', 'turkish', random()), 'Cihad')
    assert.equal(spellGivenName('هشام', 'Hisham', 'german', random()), 'Hischam')
    assert.equal(spellGivenName('حسام', 'Hussam', 'french', random()), 'Houssam')
    assert.match(spellGivenName('عبد الكريم', 'Abdulkarim', 'english', random()), /^Abd/)
  })
})

void describe('RandomSource', () => {
  void it('is deterministic per seed and roughly uniform', () => {
    const a = new RandomSource(9)
    const b = new RandomSource(9)
    const xs = Array.from({ length: 1000 }, () => a.nextFloat())
    assert.deepEqual(
      xs,
      Array.from({ length: 1000 }, () => b.nextFloat()),
    )
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length
    assert.ok(mean > 0.45 && mean < 0.55)
    assert.notEqual(new RandomSource(10).nextFloat(), xs[0])
  })
})
