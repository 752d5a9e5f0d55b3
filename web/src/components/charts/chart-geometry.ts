/**
 * Pure geometry of the daily chart, kept out of the component so it can be tested: the
 * value scale with whole-number ticks, and day positions that run from the reading
 * start — left to right in English, right to left in Arabic (the newest day at the end
 * of the line the reader follows).
 */

export interface Frame {
  width: number
  height: number
  /** Room for the value labels, on the reading-start side. */
  axis: number
  /** Room for the day labels under the plot. */
  bottom: number
  top: number
  /** Margin on the reading-end side. */
  end: number
}

/** The smallest of 1, 2, 5 × 10^k (at least 4 for small counts) that holds `max`. */
export function niceMax(max: number): number {
  if (!(max > 4)) return 4
  const power = 10 ** Math.floor(Math.log10(max))
  for (const step of [1, 2, 5, 10]) {
    if (step * power >= max) return step * power
  }
  return 10 * power
}

/**
 * Evenly spaced ticks from 0 to `top` (a niceMax value) with a round step: 4 parts for
 * 4 and 2×10^k (step 1, 5, 50…), 5 parts for 1×10^k and 5×10^k (step 2, 1, 10…).
 */
export function ticks(top: number): number[] {
  const mantissa = Math.round(top / 10 ** Math.floor(Math.log10(top)))
  const parts = mantissa === 2 || mantissa === 4 ? 4 : 5
  return Array.from({ length: parts + 1 }, (_, i) => Math.round((i * top) / parts))
}

/** The plot's inline extent in SVG x coordinates (its left and right, whatever the language). */
export function plotBounds(frame: Frame, rtl: boolean): { x0: number; x1: number } {
  return rtl
    ? { x0: frame.end, x1: frame.width - frame.axis }
    : { x0: frame.axis, x1: frame.width - frame.end }
}

/** The centre x of day `i` of `n`: the first day at the reading start. */
export function dayX(i: number, n: number, frame: Frame, rtl: boolean): number {
  const { x0, x1 } = plotBounds(frame, rtl)
  const slot = (x1 - x0) / Math.max(n, 1)
  const fromStart = slot * (i + 0.5)
  return rtl ? x1 - fromStart : x0 + fromStart
}

/** The width of one day's slot. */
export function slotWidth(n: number, frame: Frame): number {
  return (frame.width - frame.axis - frame.end) / Math.max(n, 1)
}

/** The y of a value on a scale from 0 to `top`. */
export function valueY(value: number, top: number, frame: Frame): number {
  const plot = frame.height - frame.top - frame.bottom
  return frame.top + plot - (Math.max(0, value) / top) * plot
}

/** Which days get a label: about one per `minGap` px, always the last (today). */
export function labelledDays(n: number, frame: Frame, minGap: number): number[] {
  if (n === 0) return []
  const every = Math.max(1, Math.ceil(minGap / Math.max(slotWidth(n, frame), 1)))
  const picked: number[] = []
  for (let i = n - 1; i >= 0; i -= every) picked.unshift(i)
  return picked
}
