/**
 * Latin-script folding and the spelling conventions of romanised Arabic names.
 *
 * Sources (see docs/names.md): linkage-anchors §3.2 (schemes ALA-LC, BGN/PCGN, the French
 * IGN/Beirut-B pattern ou/ch/dj, Turkish official spelling; the Wikidata variant counts of
 * NETransliteration-COLING2018, CC0), Celatro's compound forms (Nur-al-Din / Nureddine,
 * Abd-al-Salam / Abdussalam) and the abbreviations seen in lists (Mhd, Md., Moh'd, Mohd).
 */

/** Replacement for Latin code units that plain lower-casing + NFD would fold badly. */
const LATIN_SPECIAL: ReadonlyMap<number, string> = new Map(
  (
    [
      ['ş', 'sh'], // Turkish ş is ش (Şükrü, Eşref)
      ['ș', 'sh'],
      ['ç', 's'], // French ç (François); Turkish ç is rare in Arabic names
      ['ğ', 'g'],
      ['ı', 'i'], // Turkish dotless i
      ['ß', 'ss'],
      ['æ', 'ae'],
      ['œ', 'oe'],
      ['ø', 'o'],
      ['đ', 'd'],
      ['ð', 'd'],
      ['ł', 'l'],
      ['þ', 'th'],
      // ʿayn and hamza marks and apostrophes: Sa'id, ʿUmar, Moh'd — removed.
      ['ʿ', ''],
      ['ʾ', ''],
      ['ʻ', ''],
      ['ʼ', ''],
      ["'", ''],
      ['`', ''],
      ['´', ''],
      ['’', ''],
      ['‘', ''],
      ['′', ''],
      ['-', '-'],
      ['‐', '-'],
      ['‑', '-'],
      ['–', '-'],
      ['_', '-'],
    ] as const
  ).map(([k, v]) => [k.charCodeAt(0), v]),
)

/** Lazily built fold of one Latin-1/Latin-Extended code unit: lower case, no diacritics. */
const latinFoldCache = new Map<number, string>()

function foldLatinCode(code: number): string {
  const cached = latinFoldCache.get(code)
  if (cached !== undefined) return cached
  const ch = String.fromCharCode(code)
  const lower = ch.toLowerCase()
  const special = LATIN_SPECIAL.get(lower.charCodeAt(0))
  let folded: string
  if (special !== undefined) {
    folded = special
  } else {
    // NFD splits ḥ → h + U+0323; drop the combining marks (U+0300–036F).
    folded = lower.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    if (!/^[a-z0-9]*$/.test(folded)) folded = ' '
  }
  latinFoldCache.set(code, folded)
  return folded
}

/**
 * Fold the Latin characters of a string for matching: lower case, diacritics removed
 * (Muḥammad → muhammad, Hüseyin → huseyin), ʿayn/hamza marks and apostrophes removed,
 * dashes kept as '-', any other punctuation turned into a space. Arabic letters pass through.
 */
export function foldLatin(text: string): string {
  let out = ''
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39)) out += text[i]
    else if (code >= 0x41 && code <= 0x5a) out += String.fromCharCode(code + 32)
    else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += ' '
    else if (code >= 0x0600 && code <= 0x06ff) out += text[i]
    else if (
      code < 0x0600 ||
      (code >= 0x1e00 && code <= 0x1eff) ||
      (code >= 0x2000 && code <= 0x206f)
    ) {
      out += foldLatinCode(code)
    } else out += text[i]
  }
  return out
}

/** Abbreviations of Muhammad seen in registers and lists (Mhd, Md., Moh'd, Mohd). */
const MUHAMMAD_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mhd',
  'md',
  'mohd',
  'muhd',
  'mhmd',
  'mouhd',
  'mohmd',
])

/** Expand a folded Latin abbreviation of Muhammad to `mohammad`; other tokens unchanged. */
export function expandLatinAbbreviation(token: string): string {
  return MUHAMMAD_ABBREVIATIONS.has(token) ? 'mohammad' : token
}

const SUN_LETTERS = 'dnrstz'

/**
 * True when a folded Latin piece is the article: al/el/ul/il, or a sun-letter assimilated
 * form (ad-, ar-, as-, ash-, at-, an-, az-, ed-, es-, ...) whose consonant opens `next`
 * (as-Sayyid, ash-Shami, ad-Din, an-Nahhas).
 */
export function isLatinArticle(piece: string, next: string | undefined): boolean {
  if (piece === 'al' || piece === 'el' || piece === 'ul' || piece === 'il') return true
  if (next === undefined || piece.length < 2 || piece.length > 3) return false
  const v = piece[0]
  if (v !== 'a' && v !== 'e' && v !== 'u') return false
  const rest = piece.slice(1)
  if (rest.length === 1) return SUN_LETTERS.includes(rest) && next.startsWith(rest)
  return (rest === 'sh' || rest === 'th' || rest === 'dh') && next.startsWith(rest)
}

/** Latin spellings of عبد as a separate word (Abd al-, Abdul, Abdel, Abdur, Abdoul ...). */
const ABD_FORMS: ReadonlyMap<string, boolean> = new Map([
  // value: whether the form already carries the (possibly assimilated) article
  ['abd', false],
  ['abdul', true],
  ['abdel', true],
  ['abdal', true],
  ['abdil', true],
  ['abdoul', true],
  ['abdol', true],
  ['abdur', true],
  ['abdar', true],
  ['abder', true],
  ['abdus', true],
  ['abdes', true],
  ['abdas', true],
  ['abdun', true],
  ['abden', true],
  ['abdut', true],
  ['abduz', true],
  ['abdez', true],
  ['abdud', true],
])

/** Latin spellings of أبو as a separate word; `abul` carries the article (Abul Khair). */
const ABU_FORMS: ReadonlyMap<string, boolean> = new Map([
  ['abu', false],
  ['abou', false],
  ['abo', false],
  ['abul', true],
  ['aboul', true],
])

const BIN_FORMS: ReadonlySet<string> = new Set(['bin', 'ben', 'ibn', 'bint'])

/** True when a folded Latin piece opens a compound with the following word. */
export function isLatinJoiner(piece: string): boolean {
  return ABD_FORMS.has(piece) || ABU_FORMS.has(piece) || BIN_FORMS.has(piece)
}

/** The Latin forms of the tail الدين (ad-Din): din, eddine, uddin, aldin ... */
const DIN_TAIL = /^(?:[aeiou]?[ld]?)d(?:ee|i|ii)ne?$/
/** The Latin forms of the tail الله (Allah): allah, ullah, ellah, alla ... */
const ALLAH_TAIL = /^[aeiou]ll?ahh?$|^[aeiou]lla$/

/** True when a folded Latin unit (pieces already joined) is the tail of a compound. */
export function isLatinTail(unit: string): boolean {
  return DIN_TAIL.test(unit) || ALLAH_TAIL.test(unit) || unit === 'alislam' || unit === 'alrahman'
}

/** Latin words that begin with al/el + consonant but are not article + name. */
const LATIN_ARTICLE_LOOKALIKES: ReadonlySet<string> = new Set([
  'albert',
  'alberto',
  'alfred',
  'alfredo',
  'alvaro',
  'alban',
  'alvin',
  'elvis',
  'elmer',
  'elmira',
  'elvira',
  'elsa',
  'alfonso',
  'alphonse',
  'eldar',
  'alma',
  'alper',
  'elbrus',
])

const LATIN_CONSONANT = /^[bcdfghjklmnpqrstvwxz]$/

/**
 * Canonical form of one Latin name unit given its folded pieces (one word, or a compound
 * joined by the tokenizer). Rules:
 * - Mhd/Md/Mohd/Moh'd → mohammad;
 * - a leading article is removed (Al-Halabi, El Halabi, al Halabi → halabi), also when
 *   written attached before a consonant (Alhalabi → halabi) if four letters remain;
 * - عبد compounds → abdul + name (Abd al-Rahman, Abdel Rahman, Abdur Rahman, Abdurrahman →
 *   abdulrahman), أبو → abu + name, ابن/بن → bin + name;
 * - an inner article, assimilated or not, is written `al` (ad-Din, ed-Din → aldin);
 * - tails of الدين and الله are unified: Nureddine, Nour ed-Din → nouraldin; Fathullah → fathallah.
 */
export function canonicalizeLatinUnit(pieces: readonly string[]): string {
  if (pieces.length === 0) return ''
  let p = pieces.filter((x) => x !== '')
  if (p.length === 0) return ''
  if (p.length === 1) return canonicalizeLatinWord(expandLatinAbbreviation(p[0]!))
  // A leading article of the unit is dropped (the family name "Al Halabi").
  if (isLatinArticle(p[0]!, p[1])) p = p.slice(1)
  const head = p[0]!
  const rest = p.slice(1)
  const abd = ABD_FORMS.get(head)
  if (abd !== undefined && rest.length > 0) {
    const restHasArticle = isLatinArticle(rest[0]!, rest[1])
    const tail = joinInner(restHasArticle ? rest.slice(1) : rest)
    // Rebuilt as one word so that Abd Allah, Abdullah and Abdallah meet in one form.
    return canonicalizeLatinWord('abd' + (abd || restHasArticle ? 'al' : '') + tail)
  }
  const abu = ABU_FORMS.get(head)
  if (abu !== undefined && rest.length > 0) {
    return canonicalizeTails('abu' + (abu ? 'al' : '') + joinInner(rest))
  }
  if (BIN_FORMS.has(head) && rest.length > 0) {
    return (head === 'bint' ? 'bint' : 'bin') + joinInner(rest)
  }
  return canonicalizeLatinWord(expandLatinAbbreviation(head) + joinInner(rest))
}

/** Join inner pieces; an inner article (assimilated or not) is written `al`. */
function joinInner(pieces: readonly string[]): string {
  let out = ''
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!
    out += isLatinArticle(piece, pieces[i + 1]) && i + 1 < pieces.length ? 'al' : piece
  }
  return out
}

/** Canonical form of a single folded Latin word (see canonicalizeLatinUnit). */
function canonicalizeLatinWord(word: string): string {
  let w = word.replace(/-/g, '')
  if (w.startsWith('abd') && w.length > 6) w = canonicalizeAbdWord(w)
  else w = canonicalizeTails(w)
  if (
    w.length >= 6 &&
    (w.startsWith('al') || w.startsWith('el')) &&
    LATIN_CONSONANT.test(w[2]!) &&
    w[2] !== 'l' &&
    !LATIN_ARTICLE_LOOKALIKES.has(w)
  ) {
    return w.slice(2)
  }
  return w
}

/**
 * One-word عبد compounds: Abdulrahman, Abdelaziz, Abdallah, Abdurrahman, Abdussalam →
 * abdul + name. Abdo/Abdou (عبده) are their own name and are too short to reach here.
 */
function canonicalizeAbdWord(w: string): string {
  let r = w.slice(3)
  const vowels = /^(?:ou|[aeiou])/.exec(r)
  if (vowels !== null) r = r.slice(vowels[0].length)
  if (r.startsWith('l') && r.length >= 3) r = r.slice(1)
  else if (r.length > 4 && r[0] === r[1] && SUN_LETTERS.includes(r[0]!)) r = r.slice(1)
  else if (r.length > 4 && (r.startsWith('shsh') || r.startsWith('thth'))) r = r.slice(2)
  else if (vowels === null) return canonicalizeTails(w)
  return canonicalizeTails('abdul' + r)
}

/** Unify the tails of الدين and الله at the end of a Latin word (Nureddine → nuraldin). */
function canonicalizeTails(w: string): string {
  const din = /^([a-z]{3,}?)(?:ou|[aeiou])?(?:l|d)?d(?:ee|i|ii)ne?$/.exec(w)
  if (din !== null && din[1] !== undefined && !w.startsWith('abdul')) return din[1] + 'aldin'
  if (!w.startsWith('abd')) {
    const allah = /^([a-z]{3,}?)[aeiou]ll?ahh?$|^([a-z]{3,}?)[aeiou]lla$/.exec(w)
    const stem = allah?.[1] ?? allah?.[2]
    if (stem !== undefined) return stem + 'allah'
  }
  return w
}
