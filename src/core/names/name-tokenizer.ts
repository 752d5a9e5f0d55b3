/**
 * Splitting a name into matching units: words are folded (Arabic and Latin rules), then
 * compounds are joined so that one unit is one name (عبد الرحمن, Abdul Rahman, نور الدين,
 * Nour al-Din, أبو بكر, Al Halabi), and each unit gets its canonical matching form.
 */
import {
  canonicalArabicJoiner,
  foldArabic,
  isArabicCode,
  isArabicJoiner,
  isArabicTail,
  stripArabicArticle,
} from './arabic-normalizer.js'
import {
  canonicalizeLatinUnit,
  foldLatin,
  isLatinArticle,
  isLatinJoiner,
  isLatinTail,
} from './latin-normalizer.js'

/** One matching unit of a name: its canonical form and where it sits in the original. */
export interface NameUnit {
  /** Canonical matching form (see normalizeName): no spaces inside. */
  readonly norm: string
  /** The unit as written in the original text (`عبد الرحمن`, `Al-Halabi`). */
  readonly raw: string
  /** Whether the unit is in Arabic script (by its first letter). */
  readonly arabic: boolean
}

interface Piece {
  readonly norm: string
  readonly start: number
  readonly end: number
  readonly arabic: boolean
}

/**
 * True for a code unit that separates name pieces: spaces, ASCII punctuation except the
 * apostrophe and backtick (Moh'd, Sa`id), dashes, quotes and Arabic punctuation. Letters,
 * marks, digits, ʿayn signs and invisible controls (ZWNJ inside a word) are not separators.
 * A hand-written test instead of a Unicode-property regex: this runs on every character of
 * every distinct name value.
 */
function isSeparator(c: number): boolean {
  if (c < 0x80) {
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39)) {
      return false
    }
    return c !== 0x27 && c !== 0x60
  }
  if (c === 0xa0 || c === 0xab || c === 0xbb || c === 0xb7 || c === 0xd7) return true
  if (c === 0x060c || c === 0x061b || c === 0x061f || c === 0x06d4) return true
  if (c >= 0x066a && c <= 0x066d) return true
  if (c >= 0x2000 && c <= 0x200a) return true // spaces
  if (c >= 0x2010 && c <= 0x2015) return true // dashes
  if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0x2022 || c === 0x2026) return true
  if (c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x3000 || c === 0xff0c) return true
  return false
}

function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    while (i < n && isSeparator(text.charCodeAt(i))) i++
    if (i >= n) break
    const start = i
    while (i < n && !isSeparator(text.charCodeAt(i))) i++
    let norm = foldLatin(foldArabic(text.slice(start, i)))
    if (norm.includes(' ') || norm.includes('-')) norm = norm.replace(/[\s-]+/g, '')
    if (norm === '') continue
    pieces.push({ norm, start, end: i, arabic: startsArabic(norm) })
  }
  return pieces
}

function startsArabic(s: string): boolean {
  return s.length > 0 && isArabicCode(s.charCodeAt(0))
}

function opensCompound(piece: Piece, next: Piece | undefined): boolean {
  if (next === undefined) return false
  return piece.arabic
    ? isArabicJoiner(piece.norm)
    : isLatinArticle(piece.norm, next.norm) || isLatinJoiner(piece.norm)
}

function isTail(group: readonly Piece[]): boolean {
  let joined = ''
  for (const p of group) joined += p.norm
  return group[0]!.arabic ? isArabicTail(joined) : isLatinTail(joined)
}

/** Canonical matching form of a unit made of the given pieces. */
function canonicalizeUnit(group: readonly Piece[]): string {
  if (group[0]!.arabic) {
    let s = ''
    for (let i = 0; i < group.length; i++) {
      const n = group[i]!.norm
      s += i === 0 && group.length > 1 ? canonicalArabicJoiner(n) : n
    }
    return stripArabicArticle(s)
  }
  return canonicalizeLatinUnit(group.map((p) => p.norm))
}

/**
 * The matching units of a name, in order. Rules (docs/names.md §Compounds):
 * - a joiner opens a compound with the next word: ال / al / el / sun-letter articles,
 *   عبد / Abd / Abdul / Abdel, أبو / Abu / Abou, ابن / بن / bin / ben / ibn;
 * - a tail closes a compound with the previous word: الدين / ad-Din / eddine, الله / Allah;
 * - then each unit is canonicalised (article removed at the start, عبد forms unified).
 */
export function splitNameUnits(text: string): NameUnit[] {
  const pieces = splitPieces(text)
  const groups: Piece[][] = []
  let open = false
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i]!
    const last = groups[groups.length - 1]
    if (open && last !== undefined) last.push(p)
    else groups.push([p])
    open = opensCompound(p, pieces[i + 1])
  }
  const merged: Piece[][] = []
  for (const g of groups) {
    const prev = merged[merged.length - 1]
    if (prev !== undefined && g.length > 0 && prev[0]!.arabic === g[0]!.arabic && isTail(g)) {
      prev.push(...g)
    } else merged.push(g)
  }
  const units: NameUnit[] = []
  for (const g of merged) {
    const norm = canonicalizeUnit(g)
    if (norm === '') continue
    units.push({ norm, raw: text.slice(g[0]!.start, g[g.length - 1]!.end), arabic: g[0]!.arabic })
  }
  return units
}
