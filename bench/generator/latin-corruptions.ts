/**
 * Corruptions of Latin-script names: transliteration drift (doubled letters, vowel
 * choice o/u, e/a, i/ee, final -a/-ah/-eh) and QWERTY keyboard slips.
 */
import type { RandomSource } from './random-source.js'

const VOWEL_SWAPS: readonly (readonly [RegExp, string])[] = [
  [/ou/i, 'u'],
  [/u/i, 'ou'],
  [/o/i, 'u'],
  [/e/i, 'a'],
  [/a(?=[^aeiou])/i, 'e'],
  [/i/i, 'ee'],
  [/ee/i, 'i'],
  [/ah\b/i, 'eh'],
  [/a\b/i, 'ah'],
  [/y/i, 'i'],
]

function matchCase(original: string, replacement: string): string {
  return original === original.toUpperCase() ? replacement.toUpperCase() : replacement
}

/** One transliteration drift: a doubled consonant undoubled, a single one doubled, or a vowel swap. */
export function driftTransliteration(text: string, random: RandomSource): string {
  const roll = random.nextInt(3)
  if (roll === 0 && /([b-df-hj-np-tv-z])\1/i.test(text)) {
    return text.replace(/([b-df-hj-np-tv-z])\1/i, '$1')
  }
  if (roll === 1) {
    const spots: number[] = []
    for (let i = 1; i < text.length - 1; i++) {
      if (
        /[bdflmnrst]/i.test(text[i]!) &&
        /[aeiou]/i.test(text[i - 1]!) &&
        /[aeiou]/i.test(text[i + 1]!)
      ) {
        spots.push(i)
      }
    }
    if (spots.length > 0) {
      const i = random.pick(spots)
      return text.slice(0, i + 1) + text[i] + text.slice(i + 1)
    }
  }
  const start = random.nextInt(VOWEL_SWAPS.length)
  for (let k = 0; k < VOWEL_SWAPS.length; k++) {
    const [pattern, replacement] = VOWEL_SWAPS[(start + k) % VOWEL_SWAPS.length]!
    const m = pattern.exec(text)
    if (m !== null && m.index > 0) {
      return (
        text.slice(0, m.index) + matchCase(m[0], replacement) + text.slice(m.index + m[0].length)
      )
    }
  }
  return text
}

const QWERTY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm']
const QWERTY_NEIGHBOURS = new Map<string, string[]>()
for (const row of QWERTY_ROWS) {
  const keys = [...row]
  keys.forEach((k, i) => {
    QWERTY_NEIGHBOURS.set(
      k,
      [keys[i - 1], keys[i + 1]].filter((c): c is string => c !== undefined),
    )
  })
}

/** One keyboard slip: substitution by a neighbouring key, transposition, deletion or insertion. */
export function typeLatinTypo(text: string, random: RandomSource): string {
  const letters: number[] = []
  for (let i = 0; i < text.length; i++) if (/[a-z]/i.test(text[i]!)) letters.push(i)
  if (letters.length < 2) return text
  const i = random.pick(letters)
  const ch = text[i]!
  const lower = ch.toLowerCase()
  switch (random.nextInt(4)) {
    case 0: {
      const near = QWERTY_NEIGHBOURS.get(lower)
      if (near === undefined || near.length === 0) return text
      const sub = random.pick(near)
      return text.slice(0, i) + (ch === lower ? sub : sub.toUpperCase()) + text.slice(i + 1)
    }
    case 1:
      if (i + 1 < text.length && /[a-z]/i.test(text[i + 1]!) && text[i + 1] !== ch) {
        return text.slice(0, i) + text[i + 1] + ch + text.slice(i + 2)
      }
      return text.slice(0, i) + text.slice(i + 1)
    case 2:
      return text.slice(0, i) + text.slice(i + 1)
    default:
      return text.slice(0, i + 1) + ch + text.slice(i + 1)
  }
}
