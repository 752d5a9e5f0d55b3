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
 * Separators between name pieces: anything that is not a letter, mark, digit, apostrophe-like
 * sign, or an invisible control (ZWNJ inside a word must not split it).
 */
const PIECE =
  /[\p{L}\p{M}\p{N}'’‘ʿʾʻʼ`´\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff\u00ad]+/gu

function splitPieces(text: string): Piece[] {
  const pieces: Piece[] = []
  for (const m of text.matchAll(PIECE)) {
    const norm = foldLatin(foldArabic(m[0])).replace(/[\s-]+/g, '')
    if (norm === '') continue
    pieces.push({ norm, start: m.index, end: m.index + m[0].length, arabic: startsArabic(norm) })
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
    if (prev !== undefined && g.length > 0 && prev[0]!.arabic === g[0]!.arabic && isTail(g))
      prev.push(...g)
    else merged.push(g)
  }
  const units: NameUnit[] = []
  for (const g of merged) {
    const norm = canonicalizeUnit(g)
    if (norm === '') continue
    units.push({ norm, raw: text.slice(g[0]!.start, g[g.length - 1]!.end), arabic: g[0]!.arabic })
  }
  return units
}
