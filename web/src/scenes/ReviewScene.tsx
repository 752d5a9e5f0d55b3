import { useCallback, useEffect, useRef, useState } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import {
  decidePair,
  fetchPair,
  fetchReviewQueue,
  type ReviewQueueItem,
  type Verdict,
} from '../api/review.api.js'
import { Link } from '../components/Link.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { navigate, useLocation } from '../hooks/useRoute.js'
import { directionOf, type MessageKey } from '../i18n/messages.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { FieldTable, RecordCard } from './review/PairView.js'
import {
  SHORTCUT_KEYS,
  SHORTCUT_SCOPE_ATTRIBUTE,
  chosenPairOf,
  contradictionsOf,
  formatProbability,
  formatWeight,
  forwardArrow,
  outcomeKey,
  pairKeyOf,
  pairRows,
  secondOpinionItems,
  shortcutAction,
  waterfallOf,
  type ReviewAction,
} from './review/review-model.js'
import { ContradictionNotice } from './review/ContradictionNotice.js'
import { WaterfallChart } from './review/WaterfallChart.js'
import '../styles/review.css'

type Tab = 'all' | 'second'

// One batch of the review queue; the second-opinion tab asks the server for pairs awaiting a
// second reviewer only (and keeps that filter on its side too, should an older server ignore it).
const BATCH = { all: 20, second: 20 } as const
const BLIND_KEY = 'athar.review.blind'

function readBlind(): boolean {
  try {
    return window.sessionStorage.getItem(BLIND_KEY) === '1'
  } catch {
    return false
  }
}

function storeBlind(blind: boolean): void {
  try {
    window.sessionStorage.setItem(BLIND_KEY, blind ? '1' : '0')
  } catch {
    // Storage refused (private mode): the choice lasts for this page only.
  }
}

const VERDICTS: readonly Verdict[] = ['same', 'not_same', 'unsure']

/**
 * The match review screen: the review queue one pair at a time, the two records side by
 * side with a mark per compared field, the waterfall of weights (hidden in blind mode), and
 * a decision with a note, by button or by key.
 */
export function ReviewScene() {
  const t = useT()
  const { language } = useLanguage()
  const direction = directionOf(language)
  const [tab, setTab] = useState<Tab>('all')
  const [blind, setBlind] = useState(readBlind)
  const [items, setItems] = useState<ReviewQueueItem[] | undefined>()
  const [index, setIndex] = useState(0)
  const [note, setNote] = useState('')
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const [outcome, setOutcome] = useState<MessageKey | undefined>()
  // After "same person" the two records are one person: their page is one click away.
  const [person, setPerson] = useState<string | undefined>()
  const [turn, setTurn] = useState(0)
  // Skipped pairs stay in the server's queue; they are set aside for this visit only.
  const skipped = useRef(new Set<string>())
  const [skippedCount, setSkippedCount] = useState(0)
  const pairHeading = useRef<HTMLHeadingElement>(null)
  const moveFocus = useRef(false)

  // A pair chosen elsewhere (a decision a contradiction named): /review?left=…&right=….
  const { query } = useLocation()
  const chosen = chosenPairOf(query)
  const chosenKey = chosen === undefined ? '' : `${chosen.left}|${chosen.right}`

  // Another pair chosen (or back to the queue): an earlier refusal is about something else.
  useEffect(() => setProblem(undefined), [chosenKey])

  useEffect(() => {
    let live = true
    setItems(undefined)
    if (chosen !== undefined) {
      void fetchPair(chosen.left, chosen.right, blind).then((result) => {
        if (!live) return
        if (!result.ok) {
          setProblem(result.problem)
          setItems([])
          return
        }
        setItems([result.value])
        setIndex(0)
      })
      return () => {
        live = false
      }
    }
    void fetchReviewQueue({ limit: BATCH[tab], blind, secondOpinion: tab === 'second' }).then(
      (result) => {
        if (!live) return
        if (!result.ok) {
          setProblem(result.problem)
          setItems([])
          return
        }
        const wanted = tab === 'second' ? secondOpinionItems(result.value) : result.value
        setItems(wanted.filter((i) => !skipped.current.has(pairKeyOf(i))))
        setIndex(0)
      },
    )
    return () => {
      live = false
    }
    // chosenKey stands for `chosen` (a new object each render).
  }, [tab, blind, turn, chosenKey])

  const current = items?.[index]
  const currentKey = current === undefined ? undefined : pairKeyOf(current)

  useEffect(() => {
    if (moveFocus.current && currentKey !== undefined) {
      moveFocus.current = false
      pairHeading.current?.focus()
    }
  }, [currentKey])

  const advance = useCallback(() => {
    moveFocus.current = true
    setNote('')
    // After the chosen pair, back to the queue.
    if (chosenKey !== '') navigate('/review', { replace: true })
    else if (items !== undefined && index + 1 < items.length) setIndex(index + 1)
    else setTurn((n) => n + 1) // the end of this batch: ask for the next pairs
  }, [items, index, chosenKey])

  const act = useCallback(
    async (action: ReviewAction) => {
      if (current === undefined || pending) return
      setProblem(undefined)
      setPerson(undefined)
      if (action === 'skip') {
        skipped.current.add(pairKeyOf(current))
        setSkippedCount(skipped.current.size)
        setOutcome('review.outcome.skipped')
        advance()
        return
      }
      setPending(true)
      const trimmed = note.trim()
      const result = await decidePair({
        left: current.left.id,
        right: current.right.id,
        verdict: action,
        ...(trimmed === '' ? {} : { note: trimmed }),
      })
      setPending(false)
      if (!result.ok) {
        setOutcome(undefined)
        setProblem(result.problem)
        return
      }
      setOutcome(outcomeKey(result.value.status))
      if (result.value.status === 'confirmed_same') {
        setPerson(result.value.persons.left ?? undefined)
      }
      advance()
    },
    [current, pending, note, advance],
  )

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || current === undefined) return
      const action = shortcutAction(event, direction, event.target)
      if (action === undefined) return
      event.preventDefault()
      void act(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [act, current, direction])

  function chooseBlind(value: boolean) {
    setOutcome(undefined)
    setPerson(undefined)
    storeBlind(value)
    setBlind(value)
  }

  function showSkipped() {
    skipped.current.clear()
    setSkippedCount(0)
    setTurn((n) => n + 1)
  }

  const waterfall = current === undefined ? undefined : waterfallOf(current)
  const tabs: Tab[] = ['all', 'second']

  return (
    <section className="scene review-scene" data-testid="review-scene">
      <PageHeading>{t('review.title')}</PageHeading>
      <p className="lead">{t('review.lead')}</p>

      <div className="review-controls">
        <div className="review-tabs" role="group" aria-label={t('review.queueChoice')}>
          {tabs.map((id) => (
            <button
              key={id}
              type="button"
              className="button button-quiet review-tab"
              aria-pressed={tab === id}
              data-testid={`review-tab-${id}`}
              onClick={() => {
                setOutcome(undefined)
                setPerson(undefined)
                setTab(id)
              }}
            >
              {t(`review.tab.${id}`)}
            </button>
          ))}
        </div>
        <label className="check review-blind">
          <input
            type="checkbox"
            checked={blind}
            data-testid="review-blind"
            aria-describedby="review-blind-hint"
            onChange={(event) => chooseBlind(event.target.checked)}
          />
          <span>
            {t('review.blind')}
            <span id="review-blind-hint" className="field-hint review-blind-hint">
              {t('review.blindHint')}
            </span>
          </span>
        </label>
      </div>

      <div className="review-outcome-line">
        <p className="review-outcome" role="status" data-testid="review-outcome">
          {outcome === undefined ? null : t(outcome)}
        </p>
        {person === undefined ? null : (
          <Link href={`/persons/${encodeURIComponent(person)}`} data-testid="review-person-link">
            {t('review.openPerson')}
          </Link>
        )}
      </div>
      <ProblemMessage
        id="review-problem"
        problem={contradictionsOf(problem).length > 0 ? undefined : problem}
        messageKey={
          contradictionsOf(problem).length > 0 ? 'review.contradiction.refused' : undefined
        }
      />
      <ContradictionNotice problem={problem} />

      {items === undefined ? (
        <p className="loading" role="status">
          {t('review.loading')}
        </p>
      ) : current === undefined ? (
        <div className="review-empty" data-testid="review-empty">
          <p>{t(tab === 'second' ? 'review.emptySecond' : 'review.empty')}</p>
          <div className="review-empty-actions">
            {skippedCount > 0 ? (
              <button type="button" className="button button-quiet" onClick={showSkipped}>
                {t('review.showSkipped')}
              </button>
            ) : null}
            <button
              type="button"
              className="button button-quiet"
              onClick={() => setTurn((n) => n + 1)}
            >
              {t('review.reload')}
            </button>
          </div>
        </div>
      ) : (
        <section
          className="review-pair"
          aria-labelledby="review-pair-heading"
          data-testid="review-pair"
          data-pair={currentKey}
          {...{ [SHORTCUT_SCOPE_ATTRIBUTE]: '' }}
        >
          <h2
            id="review-pair-heading"
            ref={pairHeading}
            tabIndex={-1}
            className="review-pair-heading"
            data-testid="review-progress"
          >
            {t('review.progress', { n: index + 1, total: items.length })}
          </h2>
          {current.sensitive ? <p className="review-flag">{t('review.sensitive')}</p> : null}
          {current.status === 'awaiting_second_review' ? (
            // Blind mode keeps the first reviewer's verdict out of sight too: an independent look.
            <p className="review-flag">
              {t(blind ? 'review.awaitingSecondBlind' : 'review.awaitingSecond')}
            </p>
          ) : null}
          {chosen !== undefined &&
          (current.status === 'confirmed_same' || current.status === 'confirmed_not_same') ? (
            <p className="review-flag" data-testid="review-chosen-status">
              {t(
                current.status === 'confirmed_same'
                  ? 'review.chosen.confirmedSame'
                  : 'review.chosen.confirmedNotSame',
              )}
            </p>
          ) : null}
          {current.status === 'unsure' ? (
            <p className="review-flag review-flag-quiet">{t('review.earlierUnsure')}</p>
          ) : null}
          {current.matchProbability === undefined || current.matchWeight === undefined ? null : (
            <p className="review-score" data-testid="review-probability">
              <strong>
                {t('review.probability', {
                  p: formatProbability(current.matchProbability, language),
                })}
              </strong>{' '}
              <span className="review-score-weight">
                {t('review.totalWeight', { w: formatWeight(current.matchWeight, language) })}
              </span>
            </p>
          )}

          <div className="review-records">
            <RecordCard
              record={current.left}
              titleKey="review.recordA"
              names={current.names?.left}
            />
            <RecordCard
              record={current.right}
              titleKey="review.recordB"
              names={current.names?.right}
            />
          </div>
          <FieldTable rows={pairRows(current)} />

          {waterfall === undefined ? null : <WaterfallChart waterfall={waterfall} />}

          <section className="review-decision" aria-labelledby="review-decision-heading">
            <h3 id="review-decision-heading" className="review-subtitle">
              {t('review.decisionTitle')}
            </h3>
            <div className="field">
              <label htmlFor="review-note">{t('review.note')}</label>
              <p id="review-note-hint" className="field-hint">
                {t('review.noteHint')}
              </p>
              <textarea
                id="review-note"
                name="note"
                dir="auto"
                rows={2}
                maxLength={2000}
                value={note}
                aria-describedby="review-note-hint"
                data-testid="review-note"
                onChange={(event) => setNote(event.target.value)}
              />
            </div>
            <div className="review-buttons">
              {VERDICTS.map((verdict) => (
                <button
                  key={verdict}
                  type="button"
                  className={`button review-verdict review-verdict-${verdict}`}
                  disabled={pending}
                  aria-keyshortcuts={SHORTCUT_KEYS[verdict]}
                  data-testid={`review-${verdict}`}
                  onClick={() => void act(verdict)}
                >
                  <span>{t(`review.decide.${verdict}`)}</span>
                  <kbd aria-hidden="true">{SHORTCUT_KEYS[verdict]}</kbd>
                </button>
              ))}
              <button
                type="button"
                className="button button-quiet review-verdict"
                disabled={pending}
                aria-keyshortcuts={`${SHORTCUT_KEYS.skip} ${direction === 'rtl' ? 'ArrowLeft' : 'ArrowRight'}`}
                data-testid="review-skip"
                onClick={() => void act('skip')}
              >
                <span>{t('review.skip')}</span>
                <kbd aria-hidden="true">{SHORTCUT_KEYS.skip}</kbd>
              </button>
            </div>
            <p id="review-shortcuts" className="field-hint">
              {t('review.shortcuts', { next: forwardArrow(direction) })}
            </p>
            {pending ? (
              <p className="field-hint" role="status">
                {t('review.sending')}
              </p>
            ) : null}
          </section>
        </section>
      )}
    </section>
  )
}
