/**
 * A small, self-contained normaliser for place names in either script. It is kept apart
 * from src/core/names on purpose: place lookup needs only folding, not name matching.
 * Arabic folding follows the rules used by Lucene's ArabicNormalizer and CAMeL Tools
 * (alef variants to bare alef, ة to ه, ى to ي, harakat and tatweel removed), plus the
 * hamza seats and Persian keyboard letters (shared/reference/linkage-anchors.md §3.1).
 */

const ARABIC_DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED\u0640]/g
const CONTROLS = /[\u200B-\u200F\u061C\u202A-\u202E\u2066-\u2069\uFEFF]/g
const LATIN_MARKS = /[\u0300-\u036F]/g
// Apostrophes and ayn/hamza signs are dropped, not turned into spaces: Ma'arrat = Maarrat.
const APOSTROPHES = /['’‘`ʿʾʻ´]/g

const LETTER_FOLD: Record<string, string> = {
  أ: 'ا',
  إ: 'ا',
  آ: 'ا',
  ٱ: 'ا',
  ى: 'ي',
  ة: 'ه',
  ؤ: 'و',
  ئ: 'ي',
  ء: '',
  // Persian / Urdu keyboard letters typed for Arabic ones.
  ک: 'ك',
  ی: 'ي',
  ې: 'ي',
  ہ: 'ه',
  ۀ: 'ه',
  ھ: 'ه',
  // Latin letters that NFD does not decompose.
  ı: 'i',
  ß: 'ss',
  ø: 'o',
  đ: 'd',
}

/** Latin articles as they appear alone or before a hyphen: al-, el-, and the sun-letter forms. */
const LATIN_ARTICLES = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ad',
  'ed',
  'ar',
  'er',
  'as',
  'es',
  'ash',
  'esh',
  'at',
  'et',
  'an',
  'en',
  'az',
  'ez',
  'adh',
  'ath',
  'ech',
])

// Words that say what kind of place follows (prison, branch, governorate, countryside ...).
// They are ignored for the core key; their presence is a hint of the kind wanted.
/** Words naming a facility (prison, branch, central ...), already folded. */
export const FACILITY_WORDS = new Set([
  'سجن',
  'السجن',
  'فرع',
  'الفرع',
  'المركزي',
  'مركزي',
  'العسكري',
  'عسكري',
  'معتقل',
  'المعتقل',
  'prison',
  'jail',
  'gaol',
  'branch',
  'central',
  'military',
  'detention',
  'centre',
  'center',
  'facility',
  'prisons',
  'branche',
  'cezaevi',
  'sube',
  'gefangnis',
])
/** Words naming a governorate or its countryside (محافظة, ريف, governorate ...), already folded. */
export const GOVERNORATE_WORDS = new Set([
  'محافظه',
  'المحافظه',
  'ريف',
  'governorate',
  'governate',
  'province',
  'gouvernorat',
  'rif',
  'reef',
  'rural',
  'countryside',
  'vilayet',
  'muhafazat',
  'mouhafazat',
])
const PLACE_WORDS = new Set([
  'مدينه',
  'المدينه',
  'بلده',
  'البلده',
  'قريه',
  'القريه',
  'حي',
  'منطقه',
  'المنطقه',
  'مخيم',
  'city',
  'town',
  'village',
  'district',
  'neighbourhood',
  'neighborhood',
  'camp',
  'ville',
  'of',
  'the',
  'de',
  'du',
  'in',
  'near',
  'syria',
  'سوريا',
  'سوريه',
  'suriye',
  'syrie',
])

/** Fold one string to lower-case, diacritic-free, letter-folded tokens (no articles dropped). */
export function tokenizePlaceText(text: string): string[] {
  let s = text.normalize('NFKC').replace(CONTROLS, '').toLowerCase()
  s = s.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
  s = s.replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
  s = s.replace(ARABIC_DIACRITICS, '')
  s = s.normalize('NFD').replace(LATIN_MARKS, '').normalize('NFC')
  s = s.replace(APOSTROPHES, '')
  let folded = ''
  for (const ch of s) folded += LETTER_FOLD[ch] ?? ch
  return folded
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((t) => t.length > 0)
}

/** Drop the article from one token: Arabic ال prefix, or a standalone Latin article. */
function stripArticle(token: string): string {
  if (token.startsWith('ال') && token.length >= 4) return token.slice(2)
  if (LATIN_ARTICLES.has(token)) return ''
  return token
}

/** Keys of one text: with articles kept, with articles dropped, and the core without kind words. */
export interface PlaceKeys {
  /** All tokens joined without spaces (spacing and hyphen variants collapse). */
  plain: string
  /** Articles dropped, then joined. */
  bare: string
  /** Articles and kind words dropped, then joined. */
  core: string
  /** Latin consonant skeleton of `core` (vowels and doubled letters dropped), or '' for Arabic. */
  skeleton: string
  /** The text named a facility word (prison, branch ...). */
  facilityHint: boolean
  /** The text named a governorate word (governorate, countryside ...). */
  governorateHint: boolean
}

/** Compute the lookup keys of a place text. */
export function computePlaceKeys(text: string): PlaceKeys {
  const tokens = tokenizePlaceText(text)
  const plain = tokens.join('')
  const bareTokens = tokens.map(stripArticle).filter((t) => t.length > 0)
  const bare = bareTokens.join('')
  let facilityHint = false
  let governorateHint = false
  const coreTokens: string[] = []
  for (const token of tokens) {
    if (FACILITY_WORDS.has(token)) {
      facilityHint = true
      continue
    }
    if (GOVERNORATE_WORDS.has(token)) {
      governorateHint = true
      continue
    }
    if (PLACE_WORDS.has(token)) continue
    const stripped = stripArticle(token)
    if (stripped.length > 0) coreTokens.push(stripped)
  }
  const core = coreTokens.join('')
  return { plain, bare, core, skeleton: skeletonize(core), facilityHint, governorateHint }
}

/**
 * Latin consonant skeleton: transliteration varies mostly in vowels and doubled letters
 * (Deir ez-Zor / Deir al-Zour, Idlib / Edleb), so both are dropped. Arabic keys get ''.
 */
function skeletonize(core: string): string {
  if (!/^[a-z0-9]+$/.test(core)) return ''
  const s = core
    .replace(/dj/g, 'j')
    .replace(/ph/g, 'f')
    .replace(/q/g, 'k')
    .replace(/([aeiouy])h(?=[^aeiouy]|$)/g, '$1')
    .replace(/[aeiouwy]/g, '')
    .replace(/(.)\1+/g, '$1')
  return s.length >= 2 ? s : ''
}
