/**
 * Arabic-script folding for name matching. One precomputed table maps every code unit the
 * rules touch, so folding a string is a single pass with no regex per character.
 *
 * Sources of the rules (see docs/names.md):
 * - Apache Lucene `ArabicNormalizer`: hamza-seated alefs → bare alef, ة → ه, ى → ي,
 *   harakat U+064B–U+0652 and tatweel removed.
 * - CAMeL Tools `normalize_alef_ar` (adds alef wasla ٱ) and its NFKC-first practice.
 * - Search practice beyond Lucene (linkage-anchors §3.1): ؤ → و, ئ → ي, Persian/Urdu
 *   keyboard letters (ک ی ې ہ), Arabic-Indic and Persian digits → ASCII, bidi controls out.
 */

/** Replacement for each code unit that folding changes; '' means "remove". */
const ARABIC_FOLD: ReadonlyMap<number, string> = buildArabicFold()

function buildArabicFold(): Map<number, string> {
  const m = new Map<number, string>()
  const drop = (from: number, to: number): void => {
    for (let c = from; c <= to; c++) m.set(c, '')
  }
  // Harakat, shadda, sukun and the further marks up to U+065F (Lucene removes 064B–0652;
  // CAMeL's dediac removes the extended range too), superscript alef, Quranic annotation marks.
  drop(0x064b, 0x065f)
  drop(0x0670, 0x0670)
  drop(0x06d6, 0x06ed)
  drop(0x0640, 0x0640) // tatweel: ANETAC writes محمـد
  // Zero-width and bidi controls copied from word processors and web pages.
  drop(0x200b, 0x200f)
  drop(0x061c, 0x061c)
  drop(0x202a, 0x202e)
  drop(0x2066, 0x2069)
  drop(0xfeff, 0xfeff)
  drop(0x00ad, 0x00ad)
  const set = (chars: string, to: string): void => {
    for (const ch of chars) m.set(ch.charCodeAt(0), to)
  }
  set('أإآٱٲٳ', 'ا') // alef forms (Lucene; CAMeL adds wasla)
  set('ة', 'ه') // teh marbuta → heh (Lucene)
  set('ى', 'ي') // alef maksura → yeh (Lucene)
  set('ؤ', 'و') // hamza on waw: writers drop the seat
  set('ئ', 'ي') // hamza on yeh
  set('کگ', 'ك') // Persian keheh and gaf (Kurdish/Persian keyboards)
  set('یېۍ', 'ي') // Persian/Pashto yeh forms
  set('ہەۀھ', 'ه') // heh goal, ae, heh with hamza, heh doachashmee
  set('پ', 'ب')
  set('چ', 'ج')
  set('ژ', 'ز')
  set('ڤ', 'ف')
  // Digits: Arabic-Indic U+0660–0669 and extended (Persian) U+06F0–06F9 → ASCII.
  for (let d = 0; d <= 9; d++) {
    m.set(0x0660 + d, String(d))
    m.set(0x06f0 + d, String(d))
  }
  // Arabic punctuation separates name parts like its Latin counterpart.
  set('،؛؟٫٬', ' ')
  return m
}

const ALEF = 'ا'

/** True for a code unit in the Arabic blocks (base, supplement, presentation forms). */
export function isArabicCode(code: number): boolean {
  return (
    (code >= 0x0600 && code <= 0x06ff) ||
    (code >= 0x0750 && code <= 0x077f) ||
    (code >= 0xfb50 && code <= 0xfdff) ||
    (code >= 0xfe70 && code <= 0xfeff)
  )
}

/**
 * Fold Arabic letters for matching: NFKC (folds presentation forms and ligatures such as ﷲ),
 * alef forms → ا, ة → ه, ى → ي, ؤ → و, ئ → ي, Persian letters, digits, and removal of
 * tashkeel, tatweel and invisible controls. Latin characters pass through untouched.
 * Standalone ء is kept here (علاء ≠ علا in the exact form) and dropped only in keys.
 */
export function foldArabic(text: string): string {
  const s = needsNfkc(text) ? text.normalize('NFKC') : text
  let out = ''
  let changedFrom = -1
  for (let i = 0; i < s.length; i++) {
    const rep = ARABIC_FOLD.get(s.charCodeAt(i))
    if (rep === undefined) continue
    if (changedFrom < 0) {
      out = s.slice(0, i)
    } else {
      out += s.slice(changedFrom, i)
    }
    out += rep
    changedFrom = i + 1
  }
  if (changedFrom < 0) return s
  return out + s.slice(changedFrom)
}

/**
 * NFKC changes nothing this module does not fold itself for ASCII, the Arabic base block
 * (except the compatibility high-hamza letters U+0675–0678) and precomposed or combining
 * Latin letters; it is needed for presentation forms (ﷲ, ﻻ), ligatures, full-width letters.
 * Skipping it for the common case saves a normalisation pass per name.
 */
function needsNfkc(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    if (c >= 0x0600 && c <= 0x06ff && !(c >= 0x0675 && c <= 0x0678)) continue
    if (
      c >= 0x00c0 &&
      c <= 0x017e &&
      c !== 0x0132 &&
      c !== 0x0133 &&
      c !== 0x013f &&
      c !== 0x0140 &&
      c !== 0x0149
    ) {
      continue
    }
    if (c >= 0x0300 && c <= 0x036f) continue
    if (c >= 0x200b && c <= 0x200f) continue
    return true
  }
  return false
}

/**
 * Arabic tokens that begin with ا ل but where ال is part of the root, not the article
 * (إلياس Elias, إلهام Ilham, ألفت Olfat, ألماس, ألطاف), plus الله itself. Stripping their
 * "article" would turn them into other words.
 */
const ARTICLE_LOOKALIKES: ReadonlySet<string> = new Set([
  'الله',
  'الياس',
  'اليسار',
  'اليسا',
  'الهام',
  'الفت',
  'الماس',
  'الطاف',
])

/**
 * Remove the leading article ال of a folded Arabic token (الحلبي → حلبي), so that a family
 * name with and without the article compare equal (record-csv.md: `الحلبي`, `حلبي`). Tokens
 * too short to carry an article (ال + at least two letters) and root-ال words are kept.
 */
export function stripArabicArticle(token: string): string {
  if (token.length < 4 || token[0] !== ALEF || token[1] !== 'ل') return token
  if (ARTICLE_LOOKALIKES.has(token)) return token
  return token.slice(2)
}

/** True when a folded token is the bare Arabic article written apart (ال حلبي). */
export function isArabicArticle(token: string): boolean {
  return token === 'ال'
}

/** Folded Arabic words that open a compound with the next word (عبد الرحمن, أبو بكر, بن علي). */
const ARABIC_JOIN_NEXT: ReadonlySet<string> = new Set(['عبد', 'ابو', 'ابن', 'بن', 'بنت', 'ال'])

/** True when a folded Arabic token joins the following one into a single name unit. */
export function isArabicJoiner(token: string): boolean {
  return ARABIC_JOIN_NEXT.has(token)
}

/**
 * Second halves of theophoric and honorific compounds that belong to the previous word:
 * نور الدين, فتح الله, عبد الرحمن (already joined by عبد), سيف الاسلام.
 */
const ARABIC_TAILS: ReadonlySet<string> = new Set([
  'الدين',
  'الله',
  'الاسلام',
  'الرحمن',
  'الهدى',
  'الهدي',
  'الزمان',
])

/** True when a folded Arabic token is the tail of a compound with the previous word. */
export function isArabicTail(token: string): boolean {
  return ARABIC_TAILS.has(token)
}

/** Canonical spelling of a compound opener: ابن → بن so ابن علي ~ بن علي. */
export function canonicalArabicJoiner(token: string): string {
  return token === 'ابن' ? 'بن' : token
}
