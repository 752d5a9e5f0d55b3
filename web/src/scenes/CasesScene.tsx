import { useEffect, useState } from 'react'
import type { ChangeEvent } from 'react'
import type { Problem, Role } from '../../../src/contract/auth.contract.js'
import {
  CASE_STATUSES,
  listCases,
  listTasks,
  type CaseStatus,
  type CaseSummary,
} from '../api/cases.api.js'
import { Link } from '../components/Link.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { navigate, useLocation } from '../hooks/useRoute.js'
import { formatNumber } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText } from './cases/case-dates.js'
import { mayReadTasks } from './cases/case-rules.js'
import '../styles/cases.css'

/** "inform" lists the cases with an open "inform the family" task (the caseworker's card). */
type Filter = CaseStatus | 'all' | 'inform'

function readFilter(value: string | null, role: Role): Filter {
  if (value === 'inform' && mayReadTasks(role)) return 'inform'
  return CASE_STATUSES.find((s) => s === value) ?? 'all'
}

/** The organisation's cases, newest first, filtered by status; each opens its case page. */
export function CasesScene({ role }: { role: Role }) {
  const t = useT()
  const { language } = useLanguage()
  const { query } = useLocation()
  const filter = readFilter(query.get('status'), role)
  const [cases, setCases] = useState<CaseSummary[] | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  useEffect(() => {
    let live = true
    setCases(undefined)
    setProblem(undefined)
    void (async () => {
      const result = await listCases(filter === 'all' || filter === 'inform' ? undefined : filter)
      if (!result.ok) {
        if (live) setProblem(result.problem)
        return
      }
      let shown = result.value
      if (filter === 'inform') {
        const tasks = await listTasks('open')
        if (!tasks.ok) {
          if (live) setProblem(tasks.problem)
          return
        }
        const waiting = new Set(
          tasks.value.filter((task) => task.kind === 'inform_family').map((task) => task.caseId),
        )
        shown = shown.filter((c) => waiting.has(c.id))
      }
      if (live) setCases(shown)
    })()
    return () => {
      live = false
    }
  }, [filter])

  function choose(event: ChangeEvent<HTMLSelectElement>) {
    const value = event.target.value
    navigate(value === 'all' ? '/cases' : `/cases?${new URLSearchParams({ status: value })}`, {
      replace: true,
    })
  }

  return (
    <section className="cases-scene" data-testid="cases-scene">
      <PageHeading>{t(filter === 'inform' ? 'cases.informTitle' : 'cases.title')}</PageHeading>
      <p className="lead">{t('cases.lead')}</p>
      <div className="field cases-filter">
        <label htmlFor="cases-status">{t('cases.filter')}</label>
        <select id="cases-status" value={filter} onChange={choose} data-testid="cases-filter">
          <option value="all">{t('cases.filterAll')}</option>
          {mayReadTasks(role) ? <option value="inform">{t('cases.filterInform')}</option> : null}
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`case.status.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <ProblemMessage problem={problem} />
      {cases === undefined ? (
        problem === undefined ? (
          <p className="meta" role="status">
            {t('cases.loading')}
          </p>
        ) : null
      ) : (
        <>
          <p className="meta" role="status" data-testid="cases-count">
            {t('cases.count', { count: formatNumber(cases.length, language) })}
          </p>
          {cases.length === 0 ? (
            <p className="empty">{t('cases.empty')}</p>
          ) : (
            <ul className="case-list" data-testid="case-list">
              {cases.map((c) => (
                <li key={c.id} className="case-item" data-testid="case-item" data-case-id={c.id}>
                  <Link href={`/cases/${encodeURIComponent(c.id)}`} className="case-item-name">
                    {c.personName === null ? t('cases.noName') : <bdi>{c.personName}</bdi>}
                  </Link>
                  <span className={`status-tag status-${c.status}`}>
                    {t(`case.status.${c.status}`)}
                  </span>
                  <span className="case-item-date">
                    {t('cases.filed', { date: dualDateText(c.createdAt, language) })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
