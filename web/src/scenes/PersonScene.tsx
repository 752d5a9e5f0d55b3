import { useEffect, useState } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { getPersonStory, type PersonStory } from '../api/persons.api.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { useT } from '../i18n/useT.js'
import {
  PersonAccounts,
  PersonCases,
  PersonDecisions,
  PersonPhoto,
  PersonTimeline,
  useAccountLabels,
} from './person/PersonSections.js'
import '../styles/person.css'

/**
 * One person: every account linked to it that the role may read, each as its source wrote
 * it with its provenance; a timeline in which every event names its account and dates that
 * disagree stay side by side; the cases that reported it; the reviewers' decisions; and the
 * intake photo. The server decides what the role may see; reading the page is audited.
 */
export function PersonScene({ id }: { id: string }) {
  const t = useT()
  const [story, setStory] = useState<PersonStory | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  useEffect(() => {
    let current = true
    setStory(undefined)
    setProblem(undefined)
    void getPersonStory(id).then((result) => {
      if (!current) return
      if (result.ok) setStory(result.value)
      else setProblem(result.problem)
    })
    return () => {
      current = false
    }
  }, [id])

  const labels = useAccountLabels(story?.accounts ?? [])
  if (story === undefined) {
    return (
      <section className="person-scene" data-testid="person-scene">
        <PageHeading>{t('personPage.title')}</PageHeading>
        <ProblemMessage problem={problem} />
        {problem === undefined && (
          <p className="loading" role="status">
            {t('personPage.loading')}
          </p>
        )}
      </section>
    )
  }
  const named = story.accounts.find((a) => a.names.written !== null)
  const photo = story.intakes.find((i) => i.hasPhoto)
  return (
    <section className="person-scene" data-testid="person-scene">
      <div className="person-header">
        <div className="person-header-text">
          <PageHeading>
            <bdi dir="auto">{named?.names.written ?? t('personPage.unnamed')}</bdi>
          </PageHeading>
          <p className="lead">{t('personPage.summary', { count: story.accounts.length })}</p>
          <p className="meta">
            {t('personPage.personId')}: <code className="person-hash">{story.id}</code>
          </p>
        </div>
        {photo !== undefined && <PersonPhoto intake={photo} />}
      </div>
      <ProblemMessage problem={problem} />
      <PersonAccounts accounts={story.accounts} labels={labels} />
      <PersonTimeline events={story.timeline} labels={labels} />
      <PersonCases cases={story.cases} />
      <PersonDecisions decisions={story.decisions} labels={labels} />
    </section>
  )
}
