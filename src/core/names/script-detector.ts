/** Detecting the writing system of a name string. */
import { isArabicCode } from './arabic-normalizer.js'

/** Which writing system a string is in. */
export type Script = 'arabic' | 'latin' | 'mixed' | 'none'

/** Detect the script of a string: Arabic blocks, Latin letters (with diacritics), both or none. */
export function detectScript(text: string): Script {
  let ar = false
  let la = false
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (isArabicCode(c)) {
      // Arabic punctuation and digits alone do not make a string Arabic.
      if ((c >= 0x0621 && c <= 0x064a) || (c >= 0x066e && c <= 0x06d3) || c >= 0x0750) ar = true
    } else if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) ||
      (c >= 0x1e00 && c <= 0x1eff)
    ) {
      la = true
    }
    if (ar && la) return 'mixed'
  }
  return ar ? 'arabic' : la ? 'latin' : 'none'
}
