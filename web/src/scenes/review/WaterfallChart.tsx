import { useEffect, useRef, useState } from 'react'
import { directionOf, isMessageKey } from '../../i18n/messages.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import {
  chartLayout,
  formatProbability,
  labelLines,
  formatWeight,
  type ChartBar,
  type Waterfall,
} from './review-model.js'

/**
 * The waterfall of weights, drawn as SVG: the prior, each field's weight going up (for) or
 * down (against) from the running total, and the total. The picture is mirrored in Arabic
 * (it reads from the right); the numbers are also given as a table for screen readers and
 * for anyone who prefers them.
 */
export function WaterfallChart({ waterfall }: { waterfall: Waterfall }) {
  const t = useT()
  const { language } = useLanguage()
  const direction = directionOf(language)
  // The box's width, so the columns narrow to fit a phone (ResizeObserver: also on rotation).
  const box = useRef<HTMLDivElement>(null)
  const [available, setAvailable] = useState<number | undefined>()
  useEffect(() => {
    const element = box.current
    if (element === null || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth))
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const layout = chartLayout(waterfall, direction, available)
  const weight = (v: number) => formatWeight(v, language)
  const probability = formatProbability(waterfall.matchProbability, language)

  const labelOf = (key: string): string => {
    if (key === 'prior') return t('review.chart.prior')
    if (key === 'total') return t('review.chart.total')
    const short = `review.chart.short.${key}`
    return isMessageKey(short) ? t(short) : key
  }
  const fieldOf = (key: string): string => {
    const long = `review.field.${key}`
    return isMessageKey(long) ? t(long) : key
  }
  const levelOf = (level: string): string => {
    const k = `review.level.${level}`
    return isMessageKey(k) ? t(k) : level
  }
  const barClass = (bar: ChartBar) => `waterfall-bar waterfall-${bar.kind}`

  return (
    <section className="review-waterfall" aria-labelledby="waterfall-heading">
      <h3 id="waterfall-heading" className="review-subtitle">
        {t('review.chart.title')}
      </h3>
      <p className="review-note-text">{t('review.chart.legend')}</p>
      <div className="waterfall-scroll" ref={box}>
        <svg
          className="waterfall-svg"
          role="img"
          aria-labelledby="waterfall-title waterfall-desc"
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          data-testid="review-waterfall"
        >
          <title id="waterfall-title">{t('review.chart.title')}</title>
          <desc id="waterfall-desc">
            {t('review.chart.desc', {
              prior: weight(waterfall.prior),
              count: waterfall.steps.length,
              total: weight(waterfall.matchWeight),
              p: probability,
            })}
          </desc>
          <line
            className="waterfall-zero"
            x1={0}
            x2={layout.width}
            y1={layout.zeroY}
            y2={layout.zeroY}
          />
          {layout.connectors.map((c, i) => (
            <line
              key={`c${i}`}
              className="waterfall-connector"
              x1={c.x1}
              x2={c.x2}
              y1={c.y}
              y2={c.y}
            />
          ))}
          {layout.bars.map((bar) => (
            <g key={bar.key}>
              <rect
                className={barClass(bar)}
                x={bar.x}
                y={bar.y}
                width={bar.width}
                height={bar.height}
              />
              <text
                className="waterfall-value"
                x={bar.labelX}
                y={bar.valueY}
                textAnchor="middle"
                direction="ltr"
              >
                {weight(bar.value)}
              </text>
              <text
                className="waterfall-label"
                x={bar.labelX}
                y={layout.labelY}
                textAnchor="middle"
              >
                {labelLines(labelOf(bar.key)).map((line, i) => (
                  <tspan key={i} x={bar.labelX} dy={i === 0 ? 0 : 14}>
                    {line}
                  </tspan>
                ))}
              </text>
            </g>
          ))}
        </svg>
      </div>
      <details className="waterfall-details">
        <summary>{t('review.chart.table')}</summary>
        <table className="waterfall-table" data-testid="review-waterfall-table">
          <thead>
            <tr>
              <th scope="col">{t('review.chart.col.step')}</th>
              <th scope="col">{t('review.chart.col.level')}</th>
              <th scope="col">{t('review.chart.col.weight')}</th>
              <th scope="col">{t('review.chart.col.running')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('review.chart.prior')}</th>
              <td />
              <td>{weight(waterfall.prior)}</td>
              <td>{weight(waterfall.prior)}</td>
            </tr>
            {waterfall.steps.map((s) => (
              <tr key={s.comparison}>
                <th scope="row">{fieldOf(s.comparison)}</th>
                <td>{levelOf(s.level)}</td>
                <td>{weight(s.weight)}</td>
                <td>{weight(s.to)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">{t('review.chart.total')}</th>
              <td>{t('review.probability', { p: probability })}</td>
              <td />
              <td>{weight(waterfall.matchWeight)}</td>
            </tr>
          </tbody>
        </table>
      </details>
    </section>
  )
}
