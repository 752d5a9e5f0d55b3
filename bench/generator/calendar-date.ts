/** Calendar dates as day numbers (days since 1970-01-01, UTC), without any clock. */
export interface CalendarDate {
  year: number
  month: number
  day: number
}

/** Day number of a calendar date. */
export function toDayNumber(d: CalendarDate): number {
  return Math.floor(Date.UTC(d.year, d.month - 1, d.day) / 86_400_000)
}

/** Calendar date of a day number. */
export function fromDayNumber(n: number): CalendarDate {
  const date = new Date(n * 86_400_000)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/** `YYYY-MM-DD`. */
export function formatDate(d: CalendarDate): string {
  return `${d.year}-${pad(d.month)}-${pad(d.day)}`
}

/** `YYYY-MM`. */
export function formatMonth(d: CalendarDate): string {
  return `${d.year}-${pad(d.month)}`
}

/** Whole years from `birth` to `on`. */
export function computeAge(birth: CalendarDate, on: CalendarDate): number {
  let age = on.year - birth.year
  if (on.month < birth.month || (on.month === birth.month && on.day < birth.day)) age--
  return age
}
