/**
 * Corruptions of Arabic-script text as they occur in family reports, registers and
 * typed lists: hamza and alef variants, ة/ه, ى/ي, tatweel and tashkeel, the article,
 * compound spacing, Persian keyboard letters, handwriting/OCR dot confusions and
 * keyboard slips (shared/reference/linkage-anchors.md §6.3). Each function returns the
 * text unchanged when it does not apply, so callers can tag only real changes.
 */
import type { RandomSource } from './random-source.js'

/** Letters a reader or an OCR engine confuses because they differ only by their dots. */
const DOT_CLASSES: readonly string[] = [
  'بتثني',
  'جحخ',
  'دذ',
  'رز',
  'سش',
  'صض',
  'طظ',
  'عغ',
  'فق',
  'هة',
]
const DOT_CONFUSION = new Map<string, string[]>()
for (const group of DOT_CLASSES) {
  for (const ch of group) {
    DOT_CONFUSION.set(
      ch,
      [...group].filter((c) => c !== ch),
    )
  }
}

/** Rows of the standard Arabic keyboard (neighbours on a row are typo candidates). */
const KEYBOARD_ROWS = ['ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'ئءؤرىةوزظ']
const KEYBOARD_NEIGHBOURS = new Map<string, string[]>()
for (const row of KEYBOARD_ROWS) {
  const keys = [...row]
  keys.forEach((k, i) => {
    const near = [keys[i - 1], keys[i + 1]].filter((c): c is string => c !== undefined)
    KEYBOARD_NEIGHBOURS.set(k, near)
  })
}

const HARAKAT = ['\u064E', '\u064F', '\u0650', '\u0651', '\u0652', '\u064B']
/** Letters that join to the next one (tatweel can only follow these). */
const JOINING = new Set([...'بتثجحخسشصضطظعغفقكلمنهيئ'])

function replaceAt(text: string, index: number, replacement: string): string {
  return text.slice(0, index) + replacement + text.slice(index + 1)
}

function indexesWhere(text: string, predicate: (ch: string, i: number) => boolean): number[] {
  const out: number[] = []
  for (let i = 0; i < text.length; i++) if (predicate(text[i]!, i)) out.push(i)
  return out
}

/** أ/إ/آ written as bare ا (the usual omission), or a bare initial ا given a hamza. */
export function corruptAlefHamza(text: string, random: RandomSource): string {
  const seated = indexesWhere(text, (ch) => ch === 'أ' || ch === 'إ' || ch === 'آ')
  if (seated.length > 0) return replaceAt(text, random.pick(seated), 'ا')
  // A bare initial alef gets a hamza (hypercorrection), but never the alef of the article ال.
  const bare = indexesWhere(
    text,
    (ch, i) => ch === 'ا' && (i === 0 || text[i - 1] === ' ') && text[i + 1] !== 'ل',
  )
  if (bare.length > 0) return replaceAt(text, random.pick(bare), random.chance(0.7) ? 'أ' : 'إ')
  return text
}

/** Final ة written ه, or a final ه written ة. */
export function corruptTehMarbuta(text: string, _random: RandomSource): string {
  if (/ة(?=\s|$)/.test(text)) return text.replace(/ة(?=\s|$)/, 'ه')
  if (/ه(?=\s|$)/.test(text)) return text.replace(/ه(?=\s|$)/, 'ة')
  return text
}

/** Final ى written ي or the reverse. */
export function corruptAlefMaksura(text: string, _random: RandomSource): string {
  if (/ى(?=\s|$)/.test(text)) return text.replace(/ى(?=\s|$)/, 'ي')
  if (/ي(?=\s|$)/.test(text)) return text.replace(/ي(?=\s|$)/, 'ى')
  return text
}

/** Tatweel inserted after a joining letter inside a word (محـمد). */
export function insertTatweel(text: string, random: RandomSource): string {
  const spots = indexesWhere(
    text,
    (ch, i) => JOINING.has(ch) && i + 1 < text.length && /[\u0621-\u064A]/.test(text[i + 1]!),
  )
  if (spots.length === 0) return text
  const at = random.pick(spots) + 1
  return text.slice(0, at) + 'ـ'.repeat(random.nextBetween(1, 3)) + text.slice(at)
}

/** A few harakat (short-vowel marks, shadda) inserted after letters. */
export function insertTashkeel(text: string, random: RandomSource): string {
  const letters = indexesWhere(text, (ch) => /[\u0621-\u064A]/.test(ch))
  if (letters.length === 0) return text
  const count = Math.min(letters.length, random.nextBetween(1, 3))
  const chosen = new Set<number>()
  for (let k = 0; k < count; k++) chosen.add(random.pick(letters))
  let out = ''
  for (let i = 0; i < text.length; i++) {
    out += text[i]
    if (chosen.has(i)) out += random.pick(HARAKAT)
  }
  return out
}

/** The article ال dropped from a family name, or added to one without it. */
export function toggleArticle(text: string, _random: RandomSource): string {
  if (text.startsWith('ال') && text.length > 4) return text.slice(2)
  if (!text.startsWith('ال') && !text.includes(' ')) return `ال${text}`
  return text
}

/** عبد الله ↔ عبدالله, أبو بكر ↔ أبوبكر: compounds written split or joined. */
export function toggleCompound(text: string, _random: RandomSource): string {
  const joined = text.replace(/(^|\s)(عبد|أبو|ابو) (\S)/, '$1$2$3')
  if (joined !== text) return joined
  return text.replace(/(^|\s)(عبد|أبو|ابو)(ال\S)/, '$1$2 $3')
}

/** Persian-keyboard letters typed for Arabic ones (ی for ي, ک for ك, ۀ/ہ for ه). */
export function usePersianLetters(text: string, _random: RandomSource): string {
  return text.replace(/ي/g, 'ی').replace(/ك/g, 'ک')
}

/** Dot confusions of handwriting and OCR, each letter hit with probability `rate`. */
export function confuseDots(text: string, random: RandomSource, rate: number): string {
  let out = ''
  for (const ch of text) {
    const options = DOT_CONFUSION.get(ch)
    out += options !== undefined && random.chance(rate) ? random.pick(options) : ch
  }
  return out
}

/** One keyboard slip: a letter replaced by its neighbour, doubled or dropped. */
export function typeArabicTypo(text: string, random: RandomSource): string {
  const spots = indexesWhere(text, (ch) => KEYBOARD_NEIGHBOURS.has(ch))
  if (spots.length === 0) return text
  const i = random.pick(spots)
  const ch = text[i]!
  const roll = random.nextInt(3)
  if (roll === 0) return replaceAt(text, i, random.pick(KEYBOARD_NEIGHBOURS.get(ch)!))
  if (roll === 1) return text.slice(0, i + 1) + ch + text.slice(i + 1)
  const dropped = text.slice(0, i) + text.slice(i + 1)
  return dropped.trim().length > 0 ? dropped : text
}
