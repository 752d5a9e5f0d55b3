/**
 * The handwriting/OCR key: Arabic letters that share a skeleton (rasm) and differ only by
 * their dots collapse to one class, so a dot lost in a hand-copied register or misread by
 * OCR (الحلبى ~ الجلبي, بشار ~ بسار) still meets. The classes are those of the Arabic rasm
 * (record-csv.md names the confusions: ب/ت/ث/ن, ج/ح/خ, ع/غ, ف/ق).
 */
import { splitNameUnits } from './name-tokenizer.js'

const OCR_CLASS: ReadonlyMap<string, string> = new Map(
  (
    [
      ['بتثني', 'ب'], // one tooth, dots above or below (ي in its medial form)
      ['جحخ', 'ح'],
      ['دذ', 'د'],
      ['رز', 'ر'],
      ['سش', 'س'],
      ['صض', 'ص'],
      ['طظ', 'ط'],
      ['عغ', 'ع'],
      ['فق', 'ف'],
      ['هة', 'ه'],
      ['ء', ''], // a standalone hamza is dropped in keys
    ] as const
  ).flatMap(([letters, rep]) => [...letters].map((l) => [l, rep] as const)),
)

/** OCR key of one canonical unit; Latin units are returned as they are. */
export function unitOcrKey(unit: string, arabic: boolean): string {
  if (!arabic) return unit
  let out = ''
  for (const ch of unit) out += OCR_CLASS.get(ch) ?? ch
  return out
}

/** Handwriting/OCR key: Arabic letters that differ only by dots collapse to one class. */
export function ocrKey(text: string): string {
  let out = ''
  for (const u of splitNameUnits(text)) {
    const k = unitOcrKey(u.norm, u.arabic)
    if (k === '') continue
    out += out === '' ? k : ' ' + k
  }
  return out
}
