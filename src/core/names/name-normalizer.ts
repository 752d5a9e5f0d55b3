/** The matching form of a whole name, built on the unit splitter. */
import { splitNameUnits } from './name-tokenizer.js'

/**
 * The matching form of a name in its own script: Arabic letters folded, Latin case and
 * diacritics folded, compounds joined (عبد الرحمن → عبدالرحمن, Abdul Rahman → abdulrahman),
 * the leading article of every name part removed (الحلبي → حلبي, Al-Halabi / El Halabi →
 * halabi; the article inside a compound stays: عبدالرحمن). Units separated by one space.
 */
export function normalizeName(text: string): string {
  let out = ''
  for (const u of splitNameUnits(text)) out += out === '' ? u.norm : ' ' + u.norm
  return out
}

/** Normalised tokens of a name (see normalizeName): one per name unit. */
export function nameTokens(text: string): string[] {
  return splitNameUnits(text).map((u) => u.norm)
}
