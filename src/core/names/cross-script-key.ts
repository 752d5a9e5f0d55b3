/**
 * The cross-script skeleton: Arabic and Latin spellings of one name reduce to the same ASCII
 * string of consonant classes. Symbols:
 *
 *   '  word-initial vowel, alef, ʿayn or hamza (أحمد/Ahmad/Ahmed → 'hmd; عمر/Omar/Umar → 'mr)
 *   b ب/b/p   t ت ط ث/t/th   j ج/j/g/dj   h ح ه/h   x خ/kh/x   d د ض/d/dh   z ز ذ ظ/z
 *   s س ص/s/ss/c(e,i)   c ش/sh/ch/sch/ş   k ق ك/q/k/c   g غ/gh   f ف/f/ph   w و/w/v   y ي/y
 *   r l m n as written;  u  a long ū in the last syllable (و / ou / oo / u)
 *
 * Vowels are dropped (short vowels are unwritten in Arabic, and Latin vowel choice o/u, e/a,
 * i/ee is free); doubled consonants collapse (unwritten shadda). One vowel is kept: a long u
 * between the last two consonants, because that is what tells محمود (mhmud: Mahmoud, Mahmood,
 * Mahmud) from محمد (mhmd: Mohammed, Muhammad, Mouhammad). Long ī is not kept: Latin spells
 * فاعل (Khalid, Qasim) and فعيل (Karim, Said) alike, so an ī marker would split Khalid/خالد.
 * The cost: حسن/حسين and سعد/سعيد share a key; compareNames separates such known-distinct
 * names with the variant table.
 *
 * Classes follow Freeman, Condon & Ackerman (HLT-NAACL 2006: Levenshtein with character
 * equivalence classes) and the class table of linkage-anchors §3.2, checked on the Wikidata
 * token alignments (NETransliteration-COLING2018, CC0). Decisions where one Latin letter has
 * two Arabic sources: g → ج (Gamal/Jamal, Egyptian), c → s before e/i/y (French Youcef,
 * Houcine) else k, so Turkish c = ج (Cemal) is only an alternative reading (with German
 * j = ي and dsch = ج) and Turkish final t for d (Mehmet) is left to the variant table;
 * dh → د/ض (Reda, Ridha, Ramadhan); ذ → z (Levantine منذر Munzer). A final h is dropped in
 * both scripts (Latin writes a final ح like the ة ending: Saleh = صالح), and an article
 * attached before a vowel (Alahmad = الأحمد) is dropped from a Latin key.
 */
import { splitNameUnits } from './name-tokenizer.js'

const ARABIC_CONSONANT: ReadonlyMap<string, string> = new Map([
  ['ب', 'b'],
  ['ت', 't'],
  ['ث', 't'],
  ['ج', 'j'],
  ['ح', 'h'],
  ['خ', 'x'],
  ['د', 'd'],
  ['ذ', 'z'],
  ['ر', 'r'],
  ['ز', 'z'],
  ['س', 's'],
  ['ش', 'c'],
  ['ص', 's'],
  ['ض', 'd'],
  ['ط', 't'],
  ['ظ', 'z'],
  ['غ', 'g'],
  ['ف', 'f'],
  ['ق', 'k'],
  ['ك', 'k'],
  ['ل', 'l'],
  ['م', 'm'],
  ['ن', 'n'],
  ['ه', 'h'],
])

/** Placeholder for a long-u candidate; resolved by finishKey. */
const LONG_U = 'U'

/**
 * Resolve a raw symbol list: collapse doubles, keep only the long-u that sits between the
 * last two consonants, collapse again.
 */
function finishKey(sym: string[]): string {
  // Collapse doubles in place (no allocation: the buffer is reused across calls).
  let len = 0
  for (let i = 0; i < sym.length; i++) {
    const s = sym[i]!
    if (len === 0 || sym[len - 1] !== s) sym[len++] = s
  }
  let keep = -1
  for (let i = len - 1; i >= 0; i--) {
    if (sym[i] !== LONG_U) continue
    let after = 0
    for (let j = i + 1; j < len; j++) if (sym[j] !== LONG_U) after++
    let before = 0
    for (let j = 0; j < i; j++) if (sym[j] !== LONG_U && sym[j] !== "'") before++
    if (after === 1 && before >= 1) keep = i
    break
  }
  let out = ''
  let last = ''
  for (let i = 0; i < len; i++) {
    const s = sym[i]!
    if (s === LONG_U) {
      if (i === keep) {
        out += 'u'
        last = 'u'
      }
      continue
    }
    if (last !== s) out += s
    last = s
  }
  // A final h is dropped in both scripts: Latin writes a final ح and the ة / ه ending alike
  // (Saleh = صالح, Fatimah = فاطمة), so only dropping both makes صالح and Saleh one key.
  return out.length > 2 && out.endsWith('h') ? out.slice(0, -1) : out
}

/** The symbol buffer shared by the key builders (keys are built one at a time). */
const SYM: string[] = []

function startSymbols(): string[] {
  SYM.length = 0
  return SYM
}

/** Skeleton of one canonical Arabic unit (see the module comment for the rules). */
function arabicUnitKey(t: string, thaAsSin = false): string {
  const sym = startSymbols()
  const n = t.length
  for (let i = 0; i < n; i++) {
    const ch = t[i]!
    const prev = i > 0 ? t[i - 1] : undefined
    const next = i + 1 < n ? t[i + 1] : undefined
    const nextIsLast = i + 1 === n - 1
    switch (ch) {
      case 'ا':
      case 'ع':
      case 'ء':
        if (i === 0) sym.push("'")
        break
      case 'و':
        // Consonant w at the start, before ا (مروان), after ا (داود), before و (داوود) and
        // before a final ي (علوي, لؤي); otherwise a long vowel.
        if (
          i === 0 ||
          next === 'ا' ||
          prev === 'ا' ||
          next === 'و' ||
          (next === 'ي' && nextIsLast)
        ) {
          sym.push('w')
        } else sym.push(LONG_U)
        break
      case 'ي':
        // Consonant y at the start, before a non-final ا (زياد), before و (أيوب);
        // a vowel elsewhere: between consonants (حسين), after ا before a consonant (رائد,
        // فايز, أيمن), before a final ا/ي/ه (زكريا, يحيى, سامية) and at the end (شادي).
        if (i === 0 || (next === 'ا' && !nextIsLast) || next === 'و') sym.push('y')
        break
      case 'ه':
        // Final ه (and folded ة) is a vowel ending in Latin (Fatima, Hamzeh, Abdullah) unless
        // the word is two letters (طه Taha).
        if (!(i === n - 1 && n > 2)) sym.push('h')
        break
      case 'ث':
        // Levantine and Turkish speech say ث as s (Haisam = هيثم, Osman = عثمان).
        sym.push(thaAsSin ? 's' : 't')
        break
      default: {
        const c = ARABIC_CONSONANT.get(ch)
        if (c !== undefined) sym.push(c)
      }
    }
  }
  return finishKey(sym)
}

/** ou/u before a/e/i inside a vowel run: the /^o?u[aei]$/ pattern without a regex. */
function isGlide(w: string, i: number, len: number): boolean {
  const last = w[i + len - 1]
  if (last !== 'a' && last !== 'e' && last !== 'i') return false
  if (len === 2) return w[i] === 'u'
  return len === 3 && w[i] === 'o' && w[i + 1] === 'u'
}

/** Whether a vowel run holds a u sound (u, or oo). */
function runHasU(w: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) {
    if (w[k] === 'u' || (w[k] === 'o' && w[k + 1] === 'o' && k + 1 < j)) return true
  }
  return false
}

function isFrontVowel(c: string | undefined): boolean {
  return c === 'e' || c === 'i'
}

function isVowel(c: string | undefined): boolean {
  return c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u'
}

/** Arabizi digits (Arabic chat alphabet): 2/3 = ء/ع, 5 = خ, 7 = ح, 6 = ط, 9 = ق, 8 = غ. */
const ARABIZI: ReadonlyMap<string, string> = new Map([
  ['5', 'x'],
  ['7', 'h'],
  ['6', 't'],
  ['9', 'k'],
  ['8', 'g'],
])

/** Names that begin with al + vowel + consonant but carry no article (أليسار Alissar). */
const AL_VOWEL_NAMES: ReadonlySet<string> = new Set([
  'alissar',
  'aliyah',
  'alawiyah',
  'alawiya',
  'alireza',
  'alexander',
  'alexandre',
  'alexandra',
])

/**
 * An article written attached before a vowel (Alahmad = الأحمد, Alomar = العمر): the
 * normaliser keeps it, since al + vowel also begins names (Ali, Alaa, Alawi), so the key
 * drops it when a vowel–consonant start of at least four letters remains. Alaa (al + aa),
 * Alaoui (al + ao), Alali and Alawi (too short) keep theirs.
 */
function hasAttachedArticle(w: string): boolean {
  return (
    w.length >= 6 &&
    w[0] === 'a' &&
    w[1] === 'l' &&
    isVowel(w[2]) &&
    !isVowel(w[3]) &&
    w[3] !== 'l' &&
    !AL_VOWEL_NAMES.has(w)
  )
}

/** Skeleton of one canonical Latin unit (see the module comment for the rules). */
function latinUnitKey(word: string, reading: number): string {
  const thAsTwo = (reading & READ_TH_AS_TWO) !== 0
  const german = (reading & READ_GERMAN) !== 0
  const turkish = (reading & READ_TURKISH) !== 0
  // abdul- is عبد + article: its u is short, not a long ū.
  const w = word.startsWith('abdul')
    ? 'abdal' + word.slice(5)
    : hasAttachedArticle(word)
      ? word.slice(2)
      : word
  const sym = startSymbols()
  const n = w.length
  let lastVowelWasU = false
  let i = 0
  while (i < n) {
    const c = w[i]!
    const c1 = w[i + 1]
    const c2 = w[i + 2]
    if (isVowel(c) || ((c === '2' || c === '3') && i === 0)) {
      let j = i
      while (j < n && isVowel(w[j])) j++
      if (c === '2' || c === '3') j = i + 1
      const len = j - i
      const atEnd = j >= n
      const v0 = w[i]
      const v1 = w[i + 1]
      const isU =
        (len === 1 && v0 === 'u') ||
        (len === 2 &&
          (v0 === 'o' || v0 === 'u') &&
          (v1 === 'u' || v1 === 'o') &&
          !(v0 === 'u' && v1 === 'o'))
      if (i === 0) {
        // French initial ou before a vowel is و (Ouael = وائل, Oualid = وليد); before a
        // consonant a vowel (Oussama = أسامة).
        const w2 = w[i + 2]
        sym.push(
          len >= 3 && v0 === 'o' && v1 === 'u' && (w2 === 'a' || isFrontVowel(w2)) ? 'w' : "'",
        )
      } else if (len === 3 && v0 === 'i' && v1 === 'a' && w[i + 2] === 'a') {
        sym.push('y') // Diaa = ضياء: i before a long a is ي
      } else if (atEnd && len >= 3 && v0 === 'o' && v1 === 'u' && isFrontVowel(w[i + 2])) {
        sym.push('w') // French nisba -oui/-ouee is -وي (El Hamoui = الحموي hmw)
      } else if (!atEnd && (reading & READ_GLIDE_AS_VOWEL) === 0 && isGlide(w, i, len)) {
        sym.push('w') // Fouad, Louay: ou/u gliding into a vowel is و (فؤاد fwd)
      } else if (!atEnd && len === 2 && v0 === 'i' && (v1 === 'a' || v1 === 'o' || v1 === 'u')) {
        sym.push('y') // Ziad, Riad, Diab: i gliding into a vowel is ي (زياد zyd)
      } else if (isU) {
        // Long-u candidate (u, ou, oo, uu); a single u right after another u-vowel is
        // short (Yusuf, Yunus).
        if (!(len === 1 && lastVowelWasU)) sym.push(LONG_U)
      }
      lastVowelWasU = runHasU(w, i, j)
      i = j
      continue
    }
    switch (c) {
      case 'y': {
        // y (or yy, shadda unwritten in Arabic) is a consonant at the start and before a/o/u
        // that does not end the word (Ayoub, Ayyub, Bayan); a vowel before e/i (Fayez,
        // Huseyin, Sayyid), before a final vowel (Yahya) and before a consonant or at the end
        // (Zayd, Shady) — as ي is read in the Arabic skeleton.
        const k = c1 === 'y' ? i + 2 : i + 1
        const next = w[k]
        let j = k
        while (j < n && isVowel(w[j])) j++
        const consonantal = i === 0 || (isVowel(next) && next !== 'e' && next !== 'i' && j < n)
        if (consonantal) sym.push('y')
        i = k
        continue
      }
      case 'h':
        // Final h after a vowel is the ة / ه ending (Fatimah, Abdullah, Hamzeh).
        if (!(i === n - 1 && i > 0 && isVowel(w[i - 1]))) sym.push('h')
        i++
        continue
      case 's':
        if (c1 === 'c' && c2 === 'h') {
          sym.push('c')
          i += 3
        } else if (c1 === 'h') {
          sym.push('c')
          i += 2
        } else {
          sym.push('s')
          i++
        }
        continue
      case 'c':
        if (c1 === 'h') {
          sym.push('c') // French ch = ش (Chadi, Bachar)
          i += 2
        } else if (c1 === 'k') {
          sym.push('k')
          i += 2
        } else {
          // Turkish c = ج (Cemal, Cihad, Camil).
          sym.push(turkish ? 'j' : c1 === 'e' || c1 === 'i' || c1 === 'y' ? 's' : 'k')
          i++
        }
        continue
      case 'k':
        sym.push(c1 === 'h' ? 'x' : 'k')
        i += c1 === 'h' ? 2 : 1
        continue
      case 'g':
        sym.push(c1 === 'h' ? 'g' : 'j')
        i += c1 === 'h' ? 2 : 1
        continue
      case 'j':
        sym.push(german ? 'y' : 'j') // German j = ي (Jasser, Jussuf)
        i++
        continue
      case 'd':
        if (german && c1 === 's' && c2 === 'c' && w[i + 3] === 'h') {
          sym.push('j') // German dsch = ج (Dschamil)
          i += 4
        } else if (c1 === 'j') {
          sym.push('j') // French dj = ج (Djamel)
          i += 2
        } else {
          sym.push('d')
          i += c1 === 'h' && !thAsTwo ? 2 : 1
        }
        continue
      case 't':
        sym.push('t')
        i += c1 === 'h' && !thAsTwo ? 2 : 1
        continue
      case 'p':
        sym.push(c1 === 'h' ? 'f' : 'b')
        i += c1 === 'h' ? 2 : 1
        continue
      case 'q':
        sym.push('k')
        i++
        continue
      case 'v':
      case 'w':
        sym.push('w')
        i++
        continue
      case 'x':
        sym.push('x')
        i++
        continue
      case '2':
      case '3':
        i++ // ء / ع inside a word: silent, like medial ع in Arabic
        continue
      default: {
        const a = ARABIZI.get(c)
        if (a !== undefined) sym.push(a)
        else if (c >= 'a' && c <= 'z') sym.push(c)
        i++
      }
    }
  }
  return finishKey(sym)
}

/** Skeleton of one canonical unit (normalizeName form) in either script. */
export function unitKey(unit: string, arabic: boolean): string {
  return arabic ? arabicUnitKey(unit) : latinUnitKey(unit, 0)
}

/** Alternative readings of a Latin spelling (bit flags). */
const READ_TH_AS_TWO = 1 // th, dh as two letters: Fathi = فتحي, Adham = أدهم
// German ch = خ (Chalil) is not read: it made Cheir = خير, and a father named محمد خير
// then half-matched his son محمد بن محمد خير (auto-linked at 200k records).
const READ_GERMAN = 2 // German spelling: j = ي (Jasser), dsch = ج (Dschamil)
const READ_GLIDE_AS_VOWEL = 4 // ou/u before a vowel is a vowel: Mouallem = معلم (u + ʿayn)
const READ_TURKISH = 8 // Turkish spelling: c = ج (Cemal, Cihad)

/**
 * Skeletons of the other plausible readings of a unit, each differing from unitKey in
 * one ambiguous spelling (th/dh, u-glide, German j/dsch, Turkish c), or of an Arabic
 * unit with ث read as s (Levantine). compareNames accepts a match through any one of them
 * (an Arabic unit's only against a Latin one: هيثم is not حسام).
 */
export function alternativeUnitKeys(unit: string, arabic: boolean): readonly string[] {
  if (arabic) return unit.includes('ث') ? [arabicUnitKey(unit, true)] : NO_KEYS
  const main = latinUnitKey(unit, 0)
  let out: string[] | undefined
  for (const reading of READINGS) {
    if (!readingApplies(unit, reading)) continue
    const k = latinUnitKey(unit, reading)
    if (k === main) continue
    if (out === undefined) out = [k]
    else if (!out.includes(k)) out.push(k)
  }
  return out ?? NO_KEYS
}

const NO_KEYS: readonly string[] = []
const READINGS = [READ_TH_AS_TWO, READ_GERMAN, READ_GLIDE_AS_VOWEL, READ_TURKISH] as const

/** Whether an alternative reading can change the key of this unit at all. */
function readingApplies(unit: string, reading: number): boolean {
  if (reading === READ_TH_AS_TWO) return unit.includes('th') || unit.includes('dh')
  if (reading === READ_GERMAN) return unit.includes('j') || unit.includes('dsch')
  if (reading === READ_TURKISH) {
    for (let k = 0; k < unit.length; k++) if (unit[k] === 'c' && unit[k + 1] !== 'h') return true
    return false
  }
  for (let k = 0; k + 1 < unit.length; k++) {
    if (unit[k] === 'u') {
      const c = unit[k + 1]
      if (c === 'a' || c === 'e' || c === 'i') return true
    }
  }
  return false
}

/**
 * A script-independent key: Arabic and Latin spellings of the same name reduce to the same
 * ASCII consonant skeleton (محمد, Mohammed, Muhammad, Mhd → "mhmd"), one key per name unit,
 * separated by single spaces.
 */
export function crossScriptKey(text: string): string {
  let out = ''
  for (const u of splitNameUnits(text)) {
    const k = unitKey(u.norm, u.arabic)
    if (k === '') continue
    out += out === '' ? k : ' ' + k
  }
  return out
}

/**
 * A coarser skeleton for blocking (and as a last resort in compareNames): it folds the
 * distinctions that transliteration families draw differently, so that one name written by
 * a Turkish, German or French list still meets its Arabic or English spelling —
 * kh/ch/h (Turkish Halaf = خلف, German Chalid = خالد), gh/g (Turkish Gada = غادة), German
 * dsch (Dschasem = جاسم), th/s (Turkish Haisam = هيثم), final t/d (Ahmet = أحمد), the
 * glides and the long-u mark
 * (Darouich = درويش, Souad = سعاد). Too loose to say "same name"; tight enough to say "look".
 */
export function looseUnitKey(key: string): string {
  let out = ''
  for (let i = 0; i < key.length; i++) {
    let c = key[i]!
    if (c === 'd' && key[i + 1] === 'c') {
      c = 'j'
      i++
    } else if (c === "'" || c === 'w' || c === 'u' || c === 'y') continue
    else if (c === 'x' || c === 'c') c = 'h'
    else if (c === 'g') c = 'j'
    // t and th as s (Turkish Haisam = هيثم); a final d as t (Turkish Ahmet, Mahmut).
    else if (c === 't' || (c === 'd' && i === key.length - 1)) c = 's'
    if (out[out.length - 1] !== c) out += c
  }
  return out
}

/** crossScriptKey with every unit folded by looseUnitKey (a blocking key). */
export function looseCrossScriptKey(text: string): string {
  let out = ''
  for (const u of splitNameUnits(text)) {
    const k = looseUnitKey(unitKey(u.norm, u.arabic))
    if (k === '') continue
    out += out === '' ? k : ' ' + k
  }
  return out
}
