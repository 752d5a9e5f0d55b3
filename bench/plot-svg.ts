/**
 * Small line plots as standalone SVG for the benchmark reports (docs/plots/): a figure people
 * would rather see than read (a precision–recall curve, a calibration plot). Written by hand:
 * a plotting library would be a heavy dependency for two axes and a few polylines, and the
 * output must be a plain file that renders on any Git host.
 */

export interface PlotSeries {
  name: string
  points: ReadonlyArray<readonly [number, number]>
  /** Draw a dot at each point (for few points, e.g. calibration bins). */
  dots?: boolean
}

export interface LinePlot {
  title: string
  xLabel: string
  yLabel: string
  series: readonly PlotSeries[]
  /** Axes run from 0 to 1 on both sides (probabilities, rates). */
  unitSquare?: true
  /** A dashed y = x line (perfect calibration). */
  diagonal?: boolean
}

const WIDTH = 640
const HEIGHT = 440
const MARGIN = { left: 64, right: 180, top: 40, bottom: 56 }
// Colour-blind-safe (Okabe–Ito), dark enough on white for AA contrast of lines.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#56B4E9']

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
}

const fixed = (n: number): string => (Math.round(n * 10) / 10).toString()

/** An SVG document of the plot; axes 0..1 with ticks every 0.1. */
export function linePlotSvg(plot: LinePlot): string {
  const plotW = WIDTH - MARGIN.left - MARGIN.right
  const plotH = HEIGHT - MARGIN.top - MARGIN.bottom
  const x = (v: number) => MARGIN.left + Math.min(1, Math.max(0, v)) * plotW
  const y = (v: number) => MARGIN.top + (1 - Math.min(1, Math.max(0, v))) * plotH
  const parts: string[] = []
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="t">`,
    `<title id="t">${escapeXml(plot.title)}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
    `<text x="${MARGIN.left}" y="24" font-family="sans-serif" font-size="15" font-weight="600" fill="#1a1a1a">${escapeXml(plot.title)}</text>`,
  )
  for (let i = 0; i <= 10; i++) {
    const v = i / 10
    const label = v.toFixed(1)
    parts.push(
      `<line x1="${fixed(x(v))}" y1="${fixed(y(0))}" x2="${fixed(x(v))}" y2="${fixed(y(1))}" stroke="#e6e6e6"/>`,
      `<line x1="${fixed(x(0))}" y1="${fixed(y(v))}" x2="${fixed(x(1))}" y2="${fixed(y(v))}" stroke="#e6e6e6"/>`,
      `<text x="${fixed(x(v))}" y="${fixed(y(0) + 18)}" font-family="sans-serif" font-size="11" text-anchor="middle" fill="#333">${label}</text>`,
      `<text x="${fixed(x(0) - 8)}" y="${fixed(y(v) + 4)}" font-family="sans-serif" font-size="11" text-anchor="end" fill="#333">${label}</text>`,
    )
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotW}" height="${plotH}" fill="none" stroke="#666"/>`,
    `<text x="${fixed(MARGIN.left + plotW / 2)}" y="${HEIGHT - 14}" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#1a1a1a">${escapeXml(plot.xLabel)}</text>`,
    `<text transform="translate(16 ${fixed(MARGIN.top + plotH / 2)}) rotate(-90)" font-family="sans-serif" font-size="12" text-anchor="middle" fill="#1a1a1a">${escapeXml(plot.yLabel)}</text>`,
  )
  if (plot.diagonal) {
    parts.push(
      `<line x1="${fixed(x(0))}" y1="${fixed(y(0))}" x2="${fixed(x(1))}" y2="${fixed(y(1))}" stroke="#999" stroke-dasharray="5 4"/>`,
    )
  }
  plot.series.forEach((series, i) => {
    const colour = COLOURS[i % COLOURS.length] as string
    const coords = series.points.map(([px, py]) => `${fixed(x(px))},${fixed(y(py))}`)
    if (coords.length > 1) {
      parts.push(
        `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${coords.join(' ')}"/>`,
      )
    }
    if (series.dots === true || coords.length === 1) {
      for (const c of coords) {
        const [cx, cy] = c.split(',')
        parts.push(`<circle cx="${cx}" cy="${cy}" r="3.5" fill="${colour}"/>`)
      }
    }
    const ly = MARGIN.top + 16 + i * 20
    const lx = WIDTH - MARGIN.right + 16
    parts.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 22}" y2="${ly - 4}" stroke="${colour}" stroke-width="3"/>`,
      `<text x="${lx + 28}" y="${ly}" font-family="sans-serif" font-size="12" fill="#1a1a1a">${escapeXml(series.name)}</text>`,
    )
  })
  parts.push('</svg>')
  return parts.join('\n') + '\n'
}
