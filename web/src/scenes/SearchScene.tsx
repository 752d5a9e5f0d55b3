import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { searchRecordsPage, type RecordSearchHit } from '../api/search.api.js'
import { TextField } from '../components/FormField.js'
import { Link } from '../components/Link.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { navigate, useLocation } from '../hooks/useRoute.js'
import { isMessageKey, type Language, type MessageKey } from '../i18n/messages.js'
import { useLanguage, useT } from '../i18n/useT.js'
import type { FieldError } from './field-errors.js'
import { dualDateText } from './person/person-dates.js'
import {
  EMPTY_SEARCH,
  SOURCE_KINDS,
  activeFilterCount,
  apiQueryOf,
  checkYears,
  formFromQuery,
  queryTooLong,
  searchPath,
  type SearchForm,
  type SexFilter,
  type YearProblem,
} from './search/search-form.js'
import {
  normalisedTokens,
  refusalOf,
  scorePercent,
  textField,
  writtenName,
  type RefusalReason,
} from './search/search-results.js'
import '../styles/search.css'

type Outcome =
  | { kind: 'idle' }
  | { kind: 'loading' }
  | { kind: 'results'; hits: RecordSearchHit[] }
  | { kind: 'refused'; reason: RefusalReason }
  | { kind: 'problem'; problem: Problem }

const YEAR_MESSAGES: Record<YearProblem, MessageKey> = {
  invalid: 'search.yearInvalid',
  order: 'search.yearOrder',
}

const REFUSALS: Record<RefusalReason, MessageKey> = {
  query_too_short: 'search.refused.query_too_short',
  query_without_name: 'search.refused.query_without_name',
  query_too_long: 'search.refused.query_too_long',
  rate_limited: 'search.refused.rate_limited',
}

/**
 * Records search: one box for a name in Arabic or Latin letters, whole or partial, with
 * filters folded away. The search lives in the URL (/search?q=...): the scene searches what
 * the address says, so a result list can be shared and the back button returns to the
 * previous one. It searches on submit only — the route is rate limited (60 a minute).
 */
export function SearchScene() {
  const t = useT()
  const { language } = useLanguage()
  const { query } = useLocation()
  const search = query.toString()
  const current = useMemo(() => formFromQuery(new URLSearchParams(search)), [search])
  const [draft, setDraft] = useState<SearchForm>(current)
  const [yearErrors, setYearErrors] = useState<ReturnType<typeof checkYears>>({})
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' })
  const [filtersOpen, setFiltersOpen] = useState(() => activeFilterCount(current) > 0)
  // Submitting the search already in the address runs it again (navigate would not).
  const [again, setAgain] = useState(0)
  // Answers shown so far: lets a test (or a tool) tell a fresh answer from the previous one.
  const [answers, setAnswers] = useState(0)
  const turn = useRef(0)

  // Back, forward or a shared link: the form shows what the address says.
  useEffect(() => {
    setDraft(current)
    setYearErrors({})
  }, [current])

  useEffect(() => {
    const mine = ++turn.current
    if (queryTooLong(current.q)) {
      setOutcome({ kind: 'refused', reason: 'query_too_long' })
      setAnswers((n) => n + 1)
      return
    }
    const apiQuery = apiQueryOf(current)
    if (apiQuery === undefined) {
      setOutcome({ kind: 'idle' })
      return
    }
    setOutcome({ kind: 'loading' })
    void searchRecordsPage(apiQuery).then((result) => {
      if (mine !== turn.current) return // an older answer arriving late
      setAnswers((n) => n + 1)
      if (result.ok) {
        setOutcome({ kind: 'results', hits: result.value })
        return
      }
      const reason = refusalOf(result.problem)
      setOutcome(
        reason === undefined
          ? { kind: 'problem', problem: result.problem }
          : { kind: 'refused', reason },
      )
    })
  }, [current, again])

  const set =
    <K extends keyof SearchForm>(key: K) =>
    (value: SearchForm[K]) =>
      setDraft((d) => ({ ...d, [key]: value }))

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const problems = checkYears(draft)
    setYearErrors(problems)
    if (Object.keys(problems).length > 0) {
      setFiltersOpen(true)
      return
    }
    if (draft.q.trim() === '') {
      // Nothing to send: say what a search needs without spending a request on it.
      turn.current++
      setOutcome({ kind: 'refused', reason: 'query_too_short' })
      setAnswers((n) => n + 1)
      return
    }
    const to = searchPath(draft)
    if (to === window.location.pathname + window.location.search) setAgain((n) => n + 1)
    else navigate(to)
  }

  function clearFilters() {
    setDraft((d) => ({ ...EMPTY_SEARCH, q: d.q }))
    setYearErrors({})
  }

  const yearError = (key: 'birthYearFrom' | 'birthYearTo'): FieldError | undefined => {
    const problem = yearErrors[key]
    return problem === undefined ? undefined : { key: YEAR_MESSAGES[problem] }
  }
  const activeFilters = activeFilterCount(current)
  const kinds: string[] = [...SOURCE_KINDS]
  // A kind from a shared link that the list does not know is still shown as chosen.
  if (draft.sourceKind !== '' && !kinds.includes(draft.sourceKind)) kinds.push(draft.sourceKind)

  let status = ''
  if (outcome.kind === 'loading') status = t('search.loading')
  if (outcome.kind === 'results') {
    status =
      outcome.hits.length === 0
        ? t('search.none')
        : t('search.count', { count: outcome.hits.length })
  }

  return (
    <section
      className="scene search-scene"
      data-testid="search-scene"
      data-state={outcome.kind}
      data-answers={answers}
    >
      <PageHeading>{t('search.title')}</PageHeading>
      <p className="lead">{t('search.lead')}</p>
      <form
        className="form search-form"
        role="search"
        noValidate
        aria-describedby="search-problem"
        onSubmit={handleSubmit}
      >
        <TextField
          id="search-q"
          label={t('search.query')}
          hint={t('search.queryHint')}
          value={draft.q}
          onChange={set('q')}
          maxLength={200}
        />
        <details
          className="search-filters"
          open={filtersOpen}
          onToggle={(event) => setFiltersOpen(event.currentTarget.open)}
        >
          <summary data-testid="search-filters-toggle">
            {t('search.filters')}
            {activeFilters > 0 && (
              <span className="badge search-filter-count">
                {t('search.filtersActive', { count: activeFilters })}
              </span>
            )}
          </summary>
          <div className="search-filter-body">
            <p className="field-hint">{t('search.unknownKept')}</p>
            <div className="field">
              <label htmlFor="search-sex">{t('search.sex')}</label>
              <select
                id="search-sex"
                name="sex"
                value={draft.sex}
                onChange={(event) => set('sex')(event.target.value as SexFilter)}
              >
                <option value="">{t('search.sexAny')}</option>
                <option value="M">{t('search.sexM')}</option>
                <option value="F">{t('search.sexF')}</option>
              </select>
            </div>
            <fieldset className="search-years">
              <legend>{t('search.birthYear')}</legend>
              <TextField
                id="birthYearFrom"
                label={t('search.birthYearFrom')}
                value={draft.birthYearFrom}
                onChange={set('birthYearFrom')}
                inputMode="numeric"
                maxLength={4}
                error={yearError('birthYearFrom')}
              />
              <TextField
                id="birthYearTo"
                label={t('search.birthYearTo')}
                value={draft.birthYearTo}
                onChange={set('birthYearTo')}
                inputMode="numeric"
                maxLength={4}
                error={yearError('birthYearTo')}
              />
            </fieldset>
            <TextField
              id="birthPlace"
              label={t('search.birthPlace')}
              value={draft.birthPlace}
              onChange={set('birthPlace')}
              maxLength={100}
            />
            <TextField
              id="detentionPlace"
              label={t('search.detentionPlace')}
              value={draft.detentionPlace}
              onChange={set('detentionPlace')}
              maxLength={100}
            />
            <div className="field">
              <label htmlFor="search-source">{t('search.sourceKind')}</label>
              <select
                id="search-source"
                name="sourceKind"
                value={draft.sourceKind}
                onChange={(event) => set('sourceKind')(event.target.value)}
              >
                <option value="">{t('search.sourceAny')}</option>
                {kinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {sourceKindLabel(kind, t)}
                  </option>
                ))}
              </select>
            </div>
            <button type="button" className="button button-quiet" onClick={clearFilters}>
              {t('search.clearFilters')}
            </button>
          </div>
        </details>
        <button type="submit" className="button button-primary" data-testid="search-submit">
          {t('search.submit')}
        </button>
      </form>
      <ProblemMessage
        id="search-problem"
        problem={outcome.kind === 'problem' ? outcome.problem : undefined}
        messageKey={outcome.kind === 'refused' ? REFUSALS[outcome.reason] : undefined}
      />
      <p className="search-status" role="status" aria-atomic="true" data-testid="search-status">
        {status}
      </p>
      {outcome.kind === 'results' && outcome.hits.length > 0 && (
        <section className="search-results" aria-labelledby="search-results-title">
          <h2 id="search-results-title" className="section-title">
            {t('search.results')}
          </h2>
          <ol className="search-hit-list" data-testid="search-results">
            {outcome.hits.map((hit, i) => (
              <SearchHitItem key={hit.recordId} hit={hit} rank={i + 1} language={language} />
            ))}
          </ol>
        </section>
      )}
    </section>
  )
}

function sourceKindLabel(kind: string, t: ReturnType<typeof useT>) {
  const key = `sourceKind.${kind}`
  return isMessageKey(key) ? t(key) : kind
}

/**
 * One record as its source wrote it. The route answers records, not persons, and gives no
 * person id, so a hit links nowhere rather than to a guessed person page.
 */
function SearchHitItem({
  hit,
  rank,
  language,
}: {
  hit: RecordSearchHit
  rank: number
  language: Language
}) {
  const t = useT()
  const { fields } = hit
  const name = writtenName(fields)
  const normalised = normalisedTokens(hit.matched).join(' ')
  const sex = textField(fields, 'sex')
  const birthDate = textField(fields, 'birth_date')
  const birthPlace = textField(fields, 'birth_place')
  const detentionPlace = textField(fields, 'detention_place')
  const mother = textField(fields, 'mother_name')
  const kind = hit.provenance.source_kind ?? ''
  const titleId = `hit-${rank}`
  return (
    <li className="search-hit" data-testid="search-hit">
      <div className="search-hit-head">
        <span className="search-rank" data-testid="hit-rank">
          {rank}
        </span>
        <h3 id={titleId} className="search-hit-name">
          {name === '' ? (
            t('search.unnamed')
          ) : hit.personId ? (
            <Link href={`/persons/${encodeURIComponent(hit.personId)}`} data-testid="hit-person">
              <bdi dir="auto" data-testid="hit-name">
                {name}
              </bdi>
            </Link>
          ) : (
            <bdi dir="auto" data-testid="hit-name">
              {name}
            </bdi>
          )}
        </h3>
        <span className="search-score" data-testid="hit-score">
          {t('search.score', { score: scorePercent(hit.score) })}
        </span>
      </div>
      {normalised !== '' && (
        <p className="search-normalised">
          {t('search.normalised')}{' '}
          <bdi dir="auto" data-testid="hit-normalised">
            {normalised}
          </bdi>
        </p>
      )}
      <dl className="search-hit-fields">
        {sex !== undefined && (
          <div>
            <dt>{t('search.field.sex')}</dt>
            <dd data-testid="hit-sex">
              {sex === 'M' ? t('search.sexM') : sex === 'F' ? t('search.sexF') : <bdi>{sex}</bdi>}
            </dd>
          </div>
        )}
        {birthDate !== undefined && (
          <div>
            <dt>{t('search.field.birthDate')}</dt>
            <dd data-testid="hit-birth-date">{dualDateText(birthDate, language)}</dd>
          </div>
        )}
        {birthPlace !== undefined && (
          <div>
            <dt>{t('search.field.birthPlace')}</dt>
            <dd>
              <bdi dir="auto">{birthPlace}</bdi>
            </dd>
          </div>
        )}
        {detentionPlace !== undefined && (
          <div>
            <dt>{t('search.field.detentionPlace')}</dt>
            <dd>
              <bdi dir="auto">{detentionPlace}</bdi>
            </dd>
          </div>
        )}
        {mother !== undefined && (
          <div>
            <dt>{t('search.field.motherName')}</dt>
            <dd>
              <bdi dir="auto">{mother}</bdi>
            </dd>
          </div>
        )}
        <div>
          <dt>{t('search.field.source')}</dt>
          <dd data-testid="hit-source">
            {sourceKindLabel(kind, t)}
            {hit.provenance.document !== undefined && hit.provenance.document !== '' && (
              // The document's own line: its title is often bilingual and mixes directions.
              <bdi dir="auto" className="search-document">
                {hit.provenance.document}
              </bdi>
            )}
          </dd>
        </div>
      </dl>
    </li>
  )
}
