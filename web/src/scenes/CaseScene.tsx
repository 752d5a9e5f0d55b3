import { useCallback, useEffect, useState } from 'react'
import type { Problem, Role } from '../../../src/contract/auth.contract.js'
import { getCase, listTasks, type CaseView, type TaskView } from '../api/cases.api.js'
import { Link } from '../components/Link.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText } from './cases/case-dates.js'
import { mayReadTasks } from './cases/case-rules.js'
import {
  CaseConsent,
  CaseHistory,
  CaseMoves,
  CasePerson,
  CaseReporter,
  CaseTasks,
} from './cases/CaseSections.js'
import { nameAsWritten } from './cases/person-names.js'
import '../styles/cases.css'

/**
 * One case: the person as written, the status and its dated history, consent, the masked
 * reporter, the moves the role may ask for and the case's tasks. Every change reloads the
 * case from the server, which is the one that decides.
 */
export function CaseScene({ id, role }: { id: string; role: Role }) {
  const t = useT()
  const { language } = useLanguage()
  const [view, setView] = useState<CaseView | undefined>()
  const [tasks, setTasks] = useState<TaskView[] | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  const load = useCallback(async () => {
    const result = await getCase(id)
    if (result.ok) {
      setView(result.value)
      setProblem(undefined)
    } else setProblem(result.problem)
    if (mayReadTasks(role)) {
      const list = await listTasks()
      // Tasks are a help on this page: a refusal hides them rather than the case.
      setTasks(list.ok ? list.value.filter((task) => task.caseId === id) : undefined)
    }
  }, [id, role])

  useEffect(() => {
    setView(undefined)
    void load()
  }, [load])

  const name = view === undefined ? undefined : nameAsWritten(view.person)
  return (
    <section className="case-scene" data-testid="case-scene">
      <p className="back">
        <Link href="/cases">{t('case.back')}</Link>
      </p>
      {view === undefined ? (
        <>
          <PageHeading>{t('case.title')}</PageHeading>
          <ProblemMessage problem={problem} />
          {problem === undefined ? (
            <p className="meta" role="status">
              {t('case.loading')}
            </p>
          ) : null}
        </>
      ) : (
        <>
          <PageHeading>{name === undefined ? t('case.title') : <bdi>{name}</bdi>}</PageHeading>
          <div className="case-summary">
            <span className={`status-tag status-${view.status}`} data-testid="case-status">
              {t(`case.status.${view.status}`)}
            </span>
            <span className="meta">
              {t('case.filedOn', { date: dualDateText(view.createdAt, language) })}
            </span>
          </div>
          <ProblemMessage problem={problem} />
          <div className="case-grid">
            <div className="case-column">
              <CasePerson view={view} />
              <CaseMoves view={view} role={role} onMoved={() => void load()} />
              {tasks === undefined ? null : <CaseTasks tasks={tasks} onDone={() => void load()} />}
            </div>
            <div className="case-column">
              <CaseHistory view={view} />
              <CaseReporter view={view} role={role} />
              <CaseConsent view={view} role={role} onChanged={() => void load()} />
            </div>
          </div>
        </>
      )}
    </section>
  )
}
