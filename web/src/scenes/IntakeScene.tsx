import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import {
  registerIntake,
  searchRecords,
  type HealthUrgency,
  type IntakeRequest,
  type IntakeResult,
  type SearchHit,
  type Sex,
} from '../api/tracing.api.js'
import { FieldMessage, TextField } from '../components/FormField.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { isMessageKey } from '../i18n/messages.js'
import { useT } from '../i18n/useT.js'
import { readFieldErrors, type FieldErrors } from './field-errors.js'
import { countLetters, newIdempotencyKey, optionalText, parseAge } from './form-values.js'

const SEARCH_DELAY_MS = 300
const NAME_ORDER = ['first_name', 'father_name', 'grandfather_name', 'family_name'] as const

/** A record's name as written in its source: the full name, or its parts in order. */
function nameOf(hit: SearchHit): string {
  const full = hit.fields.full_name
  if (typeof full === 'string' && full.trim() !== '') return full
  return NAME_ORDER.map((f) => hit.fields[f])
    .filter((v): v is string => typeof v === 'string' && v !== '')
    .join(' ')
}

interface Draft {
  unidentified: boolean
  firstName: string
  fatherName: string
  familyName: string
  motherName: string
  age: string
  sex: Sex | ''
  marks: string
  language: string
  health: HealthUrgency
  foundAt: string
}

const EMPTY: Draft = {
  unidentified: false,
  firstName: '',
  fatherName: '',
  familyName: '',
  motherName: '',
  age: '',
  sex: '',
  marks: '',
  language: '',
  health: 'none',
  foundAt: '',
}

/**
 * Registering a released person at the gate, from a phone. Searching comes first: while the
 * names are typed, records that may be the same person are shown, and the officer can attach
 * the intake to one of them instead of starting a second trace of the same person.
 */
export function IntakeScene() {
  const t = useT()
  const [draft, setDraft] = useState<Draft>(EMPTY)
  const [hits, setHits] = useState<SearchHit[]>([])
  const [attachTo, setAttachTo] = useState<string | undefined>()
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const [errors, setErrors] = useState<FieldErrors>({})
  const [done, setDone] = useState<IntakeResult | undefined>()
  // One key for the form's life: a double click or a retry after a lost answer sends the
  // same key, and the server registers the person once.
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const searchTurn = useRef(0)
  const successRef = useRef<HTMLDivElement>(null)

  const set =
    <K extends keyof Draft>(key: K) =>
    (value: Draft[K]) =>
      setDraft((d) => ({ ...d, [key]: value }))

  const query = draft.unidentified ? '' : `${draft.firstName} ${draft.familyName}`.trim()
  useEffect(() => {
    const turn = ++searchTurn.current
    if (countLetters(query) < 2) {
      setHits([])
      return
    }
    const timer = setTimeout(() => {
      void searchRecords(query).then((result) => {
        if (turn !== searchTurn.current) return // an older answer arriving late
        // A refused query (query_rejected, one letter) is normal while typing: stay quiet.
        setHits(result.ok ? result.value : [])
      })
    }, SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query])

  useEffect(() => {
    if (done) successRef.current?.focus()
  }, [done])

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const age = parseAge(draft.age)
    if (age !== undefined && Number.isNaN(age)) {
      setErrors({ approximateAge: { key: 'fieldError.invalid_value' } })
      setProblem(undefined)
      return
    }
    const body: IntakeRequest = { idempotencyKey, healthUrgency: draft.health }
    if (draft.unidentified) {
      body.unidentified = true
    } else {
      const names = {
        first_name: optionalText(draft.firstName),
        father_name: optionalText(draft.fatherName),
        family_name: optionalText(draft.familyName),
        mother_name: optionalText(draft.motherName),
      }
      body.names = Object.fromEntries(Object.entries(names).filter(([, v]) => v !== undefined))
    }
    if (age !== undefined) body.approximateAge = age
    if (draft.sex !== '') body.sex = draft.sex
    const marks = optionalText(draft.marks)
    if (marks !== undefined) body.distinguishingMarks = marks
    const language = optionalText(draft.language)
    if (language !== undefined) body.language = language
    const foundAt = optionalText(draft.foundAt)
    if (foundAt !== undefined) body.facilityText = foundAt
    if (attachTo !== undefined && !draft.unidentified) body.attachToRecordId = attachTo
    setPending(true)
    setProblem(undefined)
    const result = await registerIntake(body)
    setPending(false)
    if (result.ok) {
      setErrors({})
      setDone(result.value)
      return
    }
    setProblem(result.problem)
    setErrors(readFieldErrors(result.problem, { names: 'firstName' }))
  }

  function startAgain() {
    setDraft(EMPTY)
    setHits([])
    setAttachTo(undefined)
    setErrors({})
    setProblem(undefined)
    setDone(undefined)
    setIdempotencyKey(newIdempotencyKey())
  }

  if (done) {
    return (
      <section className="scene" data-testid="intake-scene">
        <PageHeading>{t('intake.title')}</PageHeading>
        <div
          ref={successRef}
          tabIndex={-1}
          className="success"
          role="status"
          data-testid="intake-success"
        >
          <p>{t(done.alreadyRegistered ? 'intake.already' : 'intake.done')}</p>
          <p>
            {t('intake.recordId')}{' '}
            <code dir="ltr" data-testid="intake-record-id">
              {done.recordId}
            </code>
          </p>
        </div>
        <button type="button" className="button button-primary" onClick={startAgain}>
          {t('intake.another')}
        </button>
      </section>
    )
  }

  const urgencies: HealthUrgency[] = ['none', 'urgent', 'critical']
  return (
    <section className="scene" data-testid="intake-scene">
      <PageHeading>{t('intake.title')}</PageHeading>
      <p className="lead">{t('intake.lead')}</p>
      <form
        className="form"
        noValidate
        aria-describedby="intake-problem"
        onSubmit={(event) => void handleSubmit(event)}
      >
        <fieldset className="choice">
          <legend>{t('intake.identity')}</legend>
          <label>
            <input
              type="radio"
              name="identity"
              value="named"
              data-testid="identity-named"
              checked={!draft.unidentified}
              onChange={() => set('unidentified')(false)}
            />
            {t('intake.named')}
          </label>
          <label>
            <input
              type="radio"
              name="identity"
              value="unidentified"
              data-testid="identity-unidentified"
              checked={draft.unidentified}
              onChange={() => set('unidentified')(true)}
            />
            {t('intake.unidentified')}
          </label>
        </fieldset>

        {draft.unidentified ? null : (
          <>
            <TextField
              id="firstName"
              label={t('person.firstName')}
              value={draft.firstName}
              onChange={set('firstName')}
              error={errors.firstName ?? errors['names.first_name']}
            />
            <TextField
              id="fatherName"
              label={t('person.fatherName')}
              value={draft.fatherName}
              onChange={set('fatherName')}
              error={errors['names.father_name']}
            />
            <TextField
              id="familyName"
              label={t('person.familyName')}
              value={draft.familyName}
              onChange={set('familyName')}
              error={errors['names.family_name']}
            />
            <section className="suggestions" aria-live="polite" aria-labelledby="suggestions-title">
              {hits.length === 0 ? null : (
                <>
                  <h2 id="suggestions-title" className="section-title">
                    {t('intake.suggestions')}
                  </h2>
                  <ul className="suggestion-list" data-testid="suggestions">
                    {hits.map((hit) => {
                      const kind = hit.provenance.source_kind ?? ''
                      const kindKey = `sourceKind.${kind}`
                      const chosen = attachTo === hit.recordId
                      return (
                        <li
                          key={hit.recordId}
                          className={`suggestion${chosen ? ' suggestion-chosen' : ''}`}
                          data-testid="suggestion"
                        >
                          <bdi dir="auto" className="suggestion-name">
                            {nameOf(hit)}
                          </bdi>
                          <span className="suggestion-source">
                            {isMessageKey(kindKey) ? t(kindKey) : <bdi>{kind}</bdi>}
                          </span>
                          <button
                            type="button"
                            className="button button-quiet"
                            aria-pressed={chosen}
                            onClick={() => setAttachTo(chosen ? undefined : hit.recordId)}
                          >
                            {chosen ? t('intake.attached') : t('intake.attach')}
                          </button>
                        </li>
                      )
                    })}
                  </ul>
                </>
              )}
            </section>
            <TextField
              id="motherName"
              label={t('person.motherName')}
              value={draft.motherName}
              onChange={set('motherName')}
              error={errors['names.mother_name']}
            />
          </>
        )}

        <TextField
          id="approximateAge"
          label={t('intake.approximateAge')}
          value={draft.age}
          onChange={set('age')}
          inputMode="numeric"
          maxLength={3}
          error={errors.approximateAge}
        />
        <div className="field">
          <label htmlFor="sex">{t('person.sex')}</label>
          <select
            id="sex"
            value={draft.sex}
            aria-invalid={errors.sex !== undefined}
            onChange={(event) => set('sex')(event.target.value as Sex | '')}
          >
            <option value="">{t('person.sexUnknown')}</option>
            <option value="M">{t('person.sexM')}</option>
            <option value="F">{t('person.sexF')}</option>
          </select>
          <FieldMessage id="sex" error={errors.sex} />
        </div>
        <TextField
          id="distinguishingMarks"
          label={t('intake.marks')}
          value={draft.marks}
          onChange={set('marks')}
          multiline
          maxLength={2000}
          error={errors.distinguishingMarks}
        />
        <TextField
          id="language"
          label={t('intake.language')}
          value={draft.language}
          onChange={set('language')}
          maxLength={60}
          error={errors.language}
        />
        <div className="field">
          <label htmlFor="healthUrgency">{t('intake.health')}</label>
          <select
            id="healthUrgency"
            value={draft.health}
            aria-invalid={errors.healthUrgency !== undefined}
            onChange={(event) => set('health')(event.target.value as HealthUrgency)}
          >
            {urgencies.map((u) => (
              <option key={u} value={u}>
                {t(`intake.health.${u}`)}
              </option>
            ))}
          </select>
          <FieldMessage id="healthUrgency" error={errors.healthUrgency} />
        </div>
        <TextField
          id="facilityText"
          label={t('intake.foundAt')}
          value={draft.foundAt}
          onChange={set('foundAt')}
          maxLength={300}
          error={errors.facilityText}
        />
        <ProblemMessage id="intake-problem" problem={problem} />
        <button
          type="submit"
          className="button button-primary"
          disabled={pending}
          data-testid="intake-submit"
        >
          {pending ? t('intake.sending') : attachTo ? t('intake.submitAttach') : t('intake.submit')}
        </button>
      </form>
    </section>
  )
}
