import { useEffect, useState } from 'react'
import type { SessionUser } from '../../../src/contract/auth.contract.js'
import type { Dashboard } from '../api/dashboard.api.js'
import { DashboardPanel } from '../components/DashboardPanel.js'
import { DashboardWork } from '../components/DashboardWork.js'
import { PageHeading } from '../components/PageHeading.js'
import { WorkAreaCard } from '../components/WorkAreaCard.js'
import { useLocation } from '../hooks/useRoute.js'
import { formatDate, formatNumber } from '../i18n/format.js'
import type { Language } from '../i18n/messages.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { ROLE_HOMES, type AreaId } from './role-homes.js'

/**
 * The home of the signed-in user's role: its purpose, the work waiting for the user, its
 * work areas, and the dashboard (counts and a 30-day chart; every role holds stats.read).
 * The viewer's home is counts only: the dashboard first, no lists with names.
 */
export function HomeScene({ user }: { user: SessionUser }) {
  const t = useT()
  const { language } = useLanguage()
  const areas = ROLE_HOMES[user.role]
  const viewerOnly = areas.every((area) => area.kind === 'count')
  const [pairs, setPairs] = useState<number | undefined>()
  const [totals, setTotals] = useState<Dashboard['totals']>()
  const [loaded, setLoaded] = useState(false)

  const { path } = useLocation()

  // /dashboard (the coordinator's "Dashboards" card) is this page with the dashboard in
  // view: once drawn, scroll to it and move focus to its heading for screen readers.
  useEffect(() => {
    if (loaded && path === '/dashboard') {
      document.getElementById('dashboard')?.scrollIntoView()
      document.getElementById('dash-title')?.focus({ preventScroll: true })
    }
  }, [loaded, path])

  const dashboard = (
    <DashboardPanel
      onLoaded={(d: Dashboard) => {
        setPairs(d.unreviewedPairs)
        setTotals(d.totals)
        setLoaded(true)
      }}
    />
  )
  return (
    <section className="home" data-testid={`home-${user.role}`} data-role={user.role}>
      <PageHeading>{t(`home.${user.role}.title`)}</PageHeading>
      <p className="lead">{t(`home.${user.role}.purpose`)}</p>
      <p className="meta">{t('home.today', { date: formatDate(new Date(), language) })}</p>
      {viewerOnly ? (
        <p className="meta" data-testid="dash-counts-only">
          {t('dash.countsOnly')}
        </p>
      ) : (
        <DashboardWork role={user.role} pairs={pairs} />
      )}
      {viewerOnly ? dashboard : null}
      <h2 className="section-title" id="work-areas">
        {t(viewerOnly ? 'home.counts' : 'home.workAreas')}
      </h2>
      <ul className={`cards${viewerOnly ? ' cards-counts' : ''}`} aria-labelledby="work-areas">
        {areas.map((area) => (
          <WorkAreaCard key={area.id} area={area} value={countOf(area.id, totals, language)} />
        ))}
      </ul>
      {viewerOnly ? null : dashboard}
    </section>
  )
}

/** The figure of a count card, from the dashboard's totals once they are loaded. */
function countOf(id: AreaId, totals: Dashboard['totals'], language: Language): string | undefined {
  if (totals === undefined) return undefined
  const value =
    id === 'countReports'
      ? totals.reports
      : id === 'countIntakes'
        ? totals.intakes
        : id === 'countConfirmed'
          ? totals.confirmed
          : undefined
  return value === undefined ? undefined : formatNumber(value, language)
}
