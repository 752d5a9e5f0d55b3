import { useEffect, useId, useRef, useState } from 'react'
import {
  dayX,
  labelledDays,
  niceMax,
  plotBounds,
  slotWidth,
  ticks,
  valueY,
  type Frame,
} from './chart-geometry.js'

export interface DailySeries {
  /** Stable key, also the CSS modifier of its colour: chart-series-<key>. */
  key: string
  label: string
  /** 'bar' or 'line': two shapes, so the series differ by more than colour. */
  shape: 'bar' | 'line'
  values: readonly number[]
}

/**
 * A small SVG chart of daily counts: bars for one series, a line with dots for another.
 * Drawn at the width it is given (a ResizeObserver), so text stays legible on a 360 px
 * phone; days run from the reading start (right in Arabic). The title and description
 * name it for screen readers; the caller adds the legend and the table fallback.
 */
export function DailyChart({
  title,
  description,
  days,
  dayLabel,
  series,
  rtl,
  labelGap = 72,
  testId,
}: {
  title: string
  description: string
  days: readonly string[]
  dayLabel: (day: string) => string
  series: readonly DailySeries[]
  rtl: boolean
  /** Room each day label needs, in px (Arabic month names are longer). */
  labelGap?: number
  testId?: string
}) {
  const box = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(320)
  const id = useId()

  useEffect(() => {
    const element = box.current
    if (element === null || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width ?? 0
      if (w > 0) setWidth(Math.round(w))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])

  const frame: Frame = { width, height: 220, axis: 36, bottom: 28, top: 12, end: 22 }
  const n = days.length
  const top = niceMax(Math.max(0, ...series.flatMap((s) => [...s.values])))
  const { x0, x1 } = plotBounds(frame, rtl)
  const bars = series.filter((s) => s.shape === 'bar')
  const slot = slotWidth(n, frame)
  const barWidth = Math.max(2, (slot * 0.7) / Math.max(bars.length, 1))
  const baseline = valueY(0, top, frame)
  // With text-anchor "end" the label ends at the plot's edge in both directions.
  const tickX = rtl ? x1 + 6 : x0 - 6

  return (
    <div className="chart" ref={box} data-testid={testId}>
      <svg
        className="chart-svg"
        width={width}
        height={frame.height}
        viewBox={`0 0 ${width} ${frame.height}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g aria-hidden="true">
          {ticks(top).map((v) => (
            <g key={v}>
              <line
                className={v === 0 ? 'chart-axis' : 'chart-grid'}
                x1={x0}
                x2={x1}
                y1={valueY(v, top, frame)}
                y2={valueY(v, top, frame)}
              />
              <text
                className="chart-label"
                x={tickX}
                y={valueY(v, top, frame) + 4}
                textAnchor="end"
              >
                {v}
              </text>
            </g>
          ))}
          {bars.map((s, k) =>
            s.values.map((v, i) =>
              v > 0 ? (
                <rect
                  key={`${s.key}-${i}`}
                  className={`chart-series-${s.key}`}
                  x={dayX(i, n, frame, rtl) - (barWidth * bars.length) / 2 + barWidth * k}
                  y={valueY(v, top, frame)}
                  width={barWidth}
                  height={baseline - valueY(v, top, frame)}
                />
              ) : null,
            ),
          )}
          {series
            .filter((s) => s.shape === 'line')
            .map((s) => (
              <g key={s.key} className={`chart-series-${s.key}`}>
                <polyline
                  className="chart-line"
                  points={s.values
                    .map((v, i) => `${dayX(i, n, frame, rtl)},${valueY(v, top, frame)}`)
                    .join(' ')}
                />
                {s.values.map((v, i) =>
                  v > 0 ? (
                    <circle
                      key={i}
                      cx={dayX(i, n, frame, rtl)}
                      cy={valueY(v, top, frame)}
                      r={3.5}
                    />
                  ) : null,
                )}
              </g>
            ))}
          {labelledDays(n, frame, labelGap).map((i) => (
            <text
              key={i}
              className="chart-label"
              // The last day ends at the plot's far edge instead of spilling out of the chart.
              x={i === n - 1 ? (rtl ? x0 : x1) : dayX(i, n, frame, rtl)}
              y={frame.height - 8}
              textAnchor={i === n - 1 ? 'end' : 'middle'}
            >
              {dayLabel(days[i] ?? '')}
            </text>
          ))}
        </g>
      </svg>
    </div>
  )
}
