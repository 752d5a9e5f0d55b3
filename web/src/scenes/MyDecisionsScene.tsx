import { useEffect, useState } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { listMyDecisions, type MyDecision, type MyDecisionSide } from '../api/my-work.api.js'
import { Link } from '../components/Link.js'
import { PersonLink } from '../components/PersonLink.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { formatNumber } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText } from './cases/case-dates.js'
import '../styles/cases.css'
import '../styles/my-work.css'

/** The pairs the signed-in reviewer decided, newest first, each with where it stands now. */
export function MyDecisionsScene() {
  const t = useT()
  const { language } = useLanguage()
  const [items, setItems] = useState<MyDecision[] | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  useEffect(() => {
    let live = true
    void listMyDecisions().then((result) => {
      if (!live) return
      if (result.ok) setItems(result.value)
      else setProblem(result.problem)
    })
    return () => {
      live = false
    }
  }, [])

  function side(s: MyDecisionSide) {
    const label = s.name === null ? t('mine.decisions.noName') : <bdi dir="auto">{s.name}</bdi>
    return (
      <PersonLink personId={s.personId} className="mine-item-name">
        {label}
      </PersonLink>
    )
  }

  return (
    <section className="mine-scene" data-testid="my-decisions-scene">
      <PageHeading>{t('mine.decisions.title')}</PageHeading>
      <p className="lead">{t('mine.decisions.lead')}</p>
      <ProblemMessage problem={problem} />
      {items === undefined ? (
        problem === undefined ? (
          <p className="meta" role="status">
            {t('mine.loading')}
          </p>
        ) : null
      ) : (
        <>
          <p className="meta" role="status" data-testid="mine-count">
            {t('mine.decisions.count', { count: formatNumber(items.length, language) })}
          </p>
          {items.length === 0 ? (
            <p className="empty" data-testid="mine-empty">
              {t('mine.decisions.empty')}{' '}
              <Link href="/review">{t('mine.decisions.emptyAction')}</Link>
            </p>
          ) : (
            <ul className="mine-list" data-testid="mine-list">
              {items.map((d) => (
                <li
                  key={d.decisionId}
                  className="mine-item"
                  data-testid="mine-item"
                  data-status={d.status}
                >
                  <p className="mine-pair">
                    {side(d.left)} <span className="mine-and">{t('mine.decisions.and')}</span>{' '}
                    {side(d.right)}
                  </p>
                  <p className="mine-item-head">
                    <span className="mine-verdict">
                      {t('mine.decisions.verdict', { verdict: t(`mine.verdict.${d.verdict}`) })}
                    </span>
                    <span className={`pair-tag pair-${d.status}`}>
                      {t('mine.decisions.status', { status: t(`mine.status.${d.status}`) })}
                    </span>
                  </p>
                  {d.note === null ? null : (
                    <p className="mine-detail">
                      {t('mine.decisions.note')} <bdi dir="auto">{d.note}</bdi>
                    </p>
                  )}
                  <p className="mine-detail mine-date">
                    {t('mine.decisions.decided', { date: dualDateText(d.decidedAt, language) })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
