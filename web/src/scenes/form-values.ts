/**
 * Small pure helpers shared by the tracing forms: digits, ages, optional text and the
 * idempotency key a form keeps for its whole life (a double submit sends the same key).
 */

const ARABIC_INDIC = /[\u0660-\u0669\u06F0-\u06F9]/g

/** Arabic-Indic and Persian digits typed on an Arabic keyboard, as 0-9 (what the API reads). */
export function toLatinDigits(text: string): string {
  return text.replace(ARABIC_INDIC, (d) => String((d.codePointAt(0) ?? 0) & 0xf))
}

/** An age typed in the form: a whole number 0-120, undefined when empty, NaN when not one. */
export function parseAge(text: string): number | undefined {
  const clean = toLatinDigits(text).trim()
  if (clean === '') return undefined
  if (!/^\d{1,3}$/.test(clean)) return Number.NaN
  const age = Number(clean)
  return age <= 120 ? age : Number.NaN
}

/** The text, trimmed, or undefined when nothing is left (the API omits empty fields). */
export function optionalText(text: string): string | undefined {
  const clean = text.trim()
  return clean === '' ? undefined : clean
}

/** Counts the letters of a query; the server refuses a search with fewer than two. */
export function countLetters(text: string): number {
  return [...text].filter((c) => /\p{L}/u.test(c)).length
}

/** A random UUID v4, also where crypto.randomUUID is missing (plain-HTTP origins). */
export function newIdempotencyKey(
  cryptoApi: Pick<Crypto, 'getRandomValues'> & { randomUUID?: () => string } = crypto,
): string {
  if (typeof cryptoApi.randomUUID === 'function') return cryptoApi.randomUUID()
  const bytes = cryptoApi.getRandomValues(new Uint8Array(16))
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Today's date as YYYY-MM-DD in the device's time zone (the consent date's default). */
export function todayIso(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}
