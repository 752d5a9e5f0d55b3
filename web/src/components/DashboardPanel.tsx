import { useEffect, useState } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { CASE_STATUSES } from '../api/cases.api.js'
import { getDashboard, type Dashboard } from '../api/dashboard.api.js'
import { formatNumber } from '../i18n/format.js'
import { directionOf } from '../i18n/messages.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText, shortDay } from '../scenes/cases/case-dates.js'
import { DailyChart } from './charts/DailyChart.js'
import { ProblemMessage } from './ProblemMessage.js'
import '../styles/cases.css'

/**
 * The counts of the user's organisation and the 30-day chart (GET /api/dashboard).
 * Counts only, never names: every role sees it, the viewer included. `onLoaded` hands the
 * counts to the caller (the "work waiting" block shows the reviewer's pairs from it).
 */
export function DashboardPanel({ onLoaded }: { onLoaded?: (dashboard: Dashboard) => void }) {
  const t = useT()
  const { language } = useLanguage()
  const [dashboard, setDashboard] = useState<Dashboard | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  useEffect(() => {
    let live = true
    void getDashboard().then((result) => {
      if (!live) return
      if (result.ok) {
        setDashboard(result.value)
        onLoaded?.(result.value)
      } else setProblem(result.problem)
    })
    return () => {
      live = false
    }
    // Loaded once per visit of the home; onLoaded is a callback, not an input.
  }, [])

  const n = (value: number) => formatNumber(value, language)
  const counts = dashboard
    ? ([
        ['openCases', dashboard.openCases, 'dash.openCases'],
        ['unreviewedPairs', dashboard.unreviewedPairs, 'dash.unreviewedPairs'],
        ['intakesToday', dashboard.intakesToday, 'dash.intakesToday'],
        ['unidentifiedPersons', dashboard.unidentifiedPersons, 'dash.unidentified'],
      ] as const)
    : []
  const series = dashboard?.series ?? []
  const first = series[0]?.day ?? ''
  const last = series.at(-1)?.day ?? ''
  const totalCases = series.reduce((s, d) => s + d.cases, 0)
  const totalMatches = series.reduce((s, d) => s + d.confirmedMatches, 0)

  return (
    <section className="dash" id="dashboard" aria-labelledby="dash-title" data-testid="dashboard">
      <h2 className="section-title" id="dash-title" tabIndex={-1}>
        {t('dash.title')}
      </h2>
      <ProblemMessage problem={problem} />
      {dashboard === undefined ? (
        problem === undefined ? (
          <p className="meta" role="status">
            {t('dash.loading')}
          </p>
        ) : null
      ) : (
        <>
          <ul className="dash-counts" data-testid="dash-counts">
            {counts.map(([key, value, label]) => (
              <li key={key} className="dash-count" data-testid={`dash-${key}`}>
                <span className="dash-count-value">{n(value)}</span>
                <span className="dash-count-label">{t(label)}</span>
              </li>
            ))}
          </ul>
          <h3 className="dash-subtitle" id="dash-by-status">
            {t('dash.byStatus')}
          </h3>
          <ul className="dash-statuses" aria-labelledby="dash-by-status">
            {CASE_STATUSES.map((s) => (
              <li key={s} className="dash-status" data-testid={`dash-status-${s}`}>
                <span className={`status-tag status-${s}`}>{t(`case.status.${s}`)}</span>
                <span className="dash-status-count">{n(dashboard.casesByStatus[s] ?? 0)}</span>
              </li>
            ))}
          </ul>
          <figure className="dash-chart">
            <figcaption className="dash-subtitle">{t('dash.chart.title')}</figcaption>
            <ul className="chart-legend">
              <li>
                <span className="legend-swatch legend-bar" aria-hidden="true" />
                {t('dash.chart.cases')}
              </li>
              <li>
                <span className="legend-swatch legend-line" aria-hidden="true" />
                {t('dash.chart.matches')}
              </li>
            </ul>
            <DailyChart
              testId="dash-chart"
              title={t('dash.chart.title')}
              description={t('dash.chart.desc', {
                cases: n(totalCases),
                matches: n(totalMatches),
                from: first === '' ? '' : dualDateText(first, language),
                to: last === '' ? '' : dualDateText(last, language),
              })}
              days={series.map((d) => d.day)}
              dayLabel={(day) => shortDay(day, language)}
              rtl={directionOf(language) === 'rtl'}
              labelGap={language === 'ar' ? 120 : 72}
              series={[
                {
                  key: 'cases',
                  label: t('dash.chart.cases'),
                  shape: 'bar',
                  values: series.map((d) => d.cases),
                },
                {
                  key: 'matches',
                  label: t('dash.chart.matches'),
                  shape: 'line',
                  values: series.map((d) => d.confirmedMatches),
                },
              ]}
            />
            <details className="chart-table">
              <summary>{t('dash.chart.table')}</summary>
              <table data-testid="dash-chart-table">
                <caption className="visually-hidden">{t('dash.chart.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dash.chart.day')}</th>
                    <th scope="col">{t('dash.chart.cases')}</th>
                    <th scope="col">{t('dash.chart.matches')}</th>
                  </tr>
                </thead>
                <tbody>
                  {series.map((d) => (
                    <tr key={d.day}>
                      <th scope="row">{dualDateText(d.day, language)}</th>
                      <td>{n(d.cases)}</td>
                      <td>{n(d.confirmedMatches)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </details>
          </figure>
        </>
      )}
    </section>
  )
}
