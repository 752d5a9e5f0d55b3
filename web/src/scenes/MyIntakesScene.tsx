import { useEffect, useState } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { listMyIntakes, type MyIntake } from '../api/my-work.api.js'
import { Link } from '../components/Link.js'
import { PersonLink } from '../components/PersonLink.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { formatNumber } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText } from './cases/case-dates.js'
import '../styles/cases.css'
import '../styles/my-work.css'

/** The people the signed-in field officer or caseworker registered, newest first. */
export function MyIntakesScene() {
  const t = useT()
  const { language } = useLanguage()
  const [items, setItems] = useState<MyIntake[] | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  useEffect(() => {
    let live = true
    void listMyIntakes().then((result) => {
      if (!live) return
      if (result.ok) setItems(result.value)
      else setProblem(result.problem)
    })
    return () => {
      live = false
    }
  }, [])

  function title(item: MyIntake) {
    const label =
      item.name === null ? t('mine.intakes.unidentified') : <bdi dir="auto">{item.name}</bdi>
    return (
      <PersonLink personId={item.personId} className="mine-item-name">
        {label}
      </PersonLink>
    )
  }

  return (
    <section className="mine-scene" data-testid="my-intakes-scene">
      <PageHeading>{t('mine.intakes.title')}</PageHeading>
      <p className="lead">{t('mine.intakes.lead')}</p>
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
            {t('mine.intakes.count', { count: formatNumber(items.length, language) })}
          </p>
          {items.length === 0 ? (
            <p className="empty" data-testid="mine-empty">
              {t('mine.intakes.empty')} <Link href="/intake">{t('mine.intakes.emptyAction')}</Link>
            </p>
          ) : (
            <ul className="mine-list" data-testid="mine-list">
              {items.map((item) => (
                <li
                  key={item.intakeId}
                  className="mine-item"
                  data-testid="mine-item"
                  data-record-id={item.recordId}
                >
                  <div className="mine-item-head">
                    {title(item)}
                    {/* The level is written out: colour only repeats it. */}
                    <span className={`urgency-tag urgency-${item.healthUrgency}`}>
                      {t('mine.intakes.health', {
                        level: t(`mine.urgency.${item.healthUrgency}`),
                      })}
                    </span>
                  </div>
                  {item.unidentified ? (
                    <p className="mine-detail">
                      {[
                        item.approximateAge === null
                          ? null
                          : t('mine.intakes.age', {
                              age: formatNumber(item.approximateAge, language),
                            }),
                        item.sex === null ? null : t(`mine.sex.${item.sex}`),
                      ]
                        .filter((part): part is string => part !== null)
                        .join(' · ')}
                      {item.distinguishingMarks === null ? null : (
                        <>
                          {' · '}
                          {t('mine.intakes.marks')} <bdi dir="auto">{item.distinguishingMarks}</bdi>
                        </>
                      )}
                    </p>
                  ) : null}
                  {item.place === null && item.zone === null ? null : (
                    <p className="mine-detail">
                      {t('mine.intakes.place')}{' '}
                      <bdi dir="auto">
                        {[item.place, item.zone].filter((p) => p !== null).join(' · ')}
                      </bdi>
                    </p>
                  )}
                  <p className="mine-detail mine-date">
                    {t('mine.intakes.registered', {
                      date: dualDateText(item.registeredAt, language),
                    })}
                    {item.hasPhoto ? ` · ${t('mine.intakes.photo')}` : ''}
                    {item.personId === null ? ` · ${t('mine.notLinked')}` : ''}
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
