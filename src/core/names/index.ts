/**
 * Public API of the name engine (issue 3). Other modules (linkage, search, records,
 * generator checks) import ONLY from this file. The signatures below are a contract:
 * keep them; add to them if needed.
 *
 * NOTE: the bodies here are placeholders written to fix the contract; the names module
 * replaces them with the real engine.
 */

/** Which writing system a string is in. */
export type Script = 'arabic' | 'latin' | 'mixed' | 'none'

/**
 * How two name strings relate, strongest first. The linkage engine turns these into
 * comparison levels, so the order matters and is part of the contract.
 */
export const NAME_MATCH_LEVELS = [
  'exact', // identical after normalisation in the same script
  'variant', // same entry of the curated variant table (محمد ~ Mohammed ~ Muhammad)
  'cross-script', // equal cross-script skeleton keys (Arabic vs Latin, or two transliterations)
  'ocr', // equal under the handwriting/OCR dot-collapse key (الحلبى ~ الجلبي)
  'close', // high similarity (edit distance on skeletons), typing errors
  'partial', // one is a token subset/prefix of the other (compound split, dropped part)
  'different',
] as const
export type NameMatchLevel = (typeof NAME_MATCH_LEVELS)[number]

export interface NameComparison {
  level: NameMatchLevel
  /** 0..1, 1 = identical; for ranking within a level. */
  similarity: number
}

export interface ParsedName {
  original: string
  first_name?: string | undefined
  father_name?: string | undefined
  grandfather_name?: string | undefined
  family_name?: string | undefined
}

/** Detect the script of a string. */
export function detectScript(text: string): Script {
  const ar = /[\u0600-\u06FF]/.test(text)
  const la = /[A-Za-z\u00C0-\u024F]/.test(text)
  return ar && la ? 'mixed' : ar ? 'arabic' : la ? 'latin' : 'none'
}

/**
 * The matching form of a name in its own script: Arabic letters folded, Latin case and
 * diacritics folded, compounds joined (عبد الرحمن → عبدالرحمن, Abdul Rahman → abdulrahman),
 * a leading article of a family name removed. Tokens separated by one space.
 */
export function normalizeName(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()
}

/** Normalised tokens of a name (see normalizeName). */
export function nameTokens(text: string): string[] {
  const n = normalizeName(text)
  return n === '' ? [] : n.split(' ')
}

/**
 * A script-independent key: Arabic and Latin spellings of the same name reduce to the
 * same ASCII consonant skeleton (محمد, Mohammed, Muhammad, Mhd → "mhmd").
 */
export function crossScriptKey(text: string): string {
  return normalizeName(text).replace(/[aeiou\s]/g, '')
}

/** Handwriting/OCR key: Arabic letters that differ only by dots collapse to one class. */
export function ocrKey(text: string): string {
  return normalizeName(text)
}

/** The id of the curated variant group a single name token belongs to, if any. */
export function variantGroup(token: string): number | undefined {
  void token
  return undefined
}

/** Compare two name strings (either script). */
export function compareNames(a: string, b: string): NameComparison {
  const na = normalizeName(a)
  const nb = normalizeName(b)
  if (na === nb) return { level: 'exact', similarity: 1 }
  return { level: 'different', similarity: 0 }
}

/** Split a whole name into its parts when a record only has `full_name`. Keeps the original. */
export function parseFullName(fullName: string): ParsedName {
  const t = fullName.trim().split(/\s+/)
  return { original: fullName, first_name: t[0], family_name: t.length > 1 ? t[t.length - 1] : undefined }
}
