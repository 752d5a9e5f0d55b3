import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import {
  fileReport,
  type ConsentPurpose,
  type ReportRequest,
  type ReportResult,
  type Sex,
} from '../api/tracing.api.js'
import { FieldMessage, TextField } from '../components/FormField.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { useT } from '../i18n/useT.js'
import { readFieldErrors, type FieldErrors } from './field-errors.js'
import {
  newIdempotencyKey,
  optionalText,
  parseAge,
  todayIso,
  toLatinDigits,
} from './form-values.js'

const NAME_FIELDS = [
  ['first_name', 'person.firstName'],
  ['father_name', 'person.fatherName'],
  ['grandfather_name', 'person.grandfatherName'],
  ['family_name', 'person.familyName'],
  ['mother_name', 'person.motherName'],
] as const
type NameField = (typeof NAME_FIELDS)[number][0]

const TEXT_FIELDS = [
  'birthDate',
  'age',
  'lastSeenDate',
  'lastSeenPlace',
  'detentionPlace',
  'notes',
  'reporterName',
  'reporterRelation',
  'reporterPhone',
  'reporterOther',
] as const
type TextKey = (typeof TEXT_FIELDS)[number]

/** YYYY, YYYY-MM or YYYY-MM-DD, as the API reads birth and last-seen dates. */
const PARTIAL_DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/

/**
 * A family's report of a missing relative, taken by a caseworker. The reporter's contacts
 * are stored encrypted and shown to caseworkers only; consent to tracing is required, and
 * prosecution is a separate choice the family opts into.
 */
export function ReportScene() {
  const t = useT()
  const [names, setNames] = useState<Record<NameField, string>>({
    first_name: '',
    father_name: '',
    grandfather_name: '',
    family_name: '',
    mother_name: '',
  })
  const [text, setText] = useState<Record<TextKey, string>>(
    () => Object.fromEntries(TEXT_FIELDS.map((f) => [f, ''])) as Record<TextKey, string>,
  )
  const [sex, setSex] = useState<Sex | ''>('')
  const [purposes, setPurposes] = useState<Record<ConsentPurpose, boolean>>({
    tracing: false,
    identification: false,
    prosecution: false,
  })
  const [givenOn, setGivenOn] = useState(() => todayIso(new Date()))
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const [errors, setErrors] = useState<FieldErrors>({})
  const [done, setDone] = useState<ReportResult | undefined>()
  const [idempotencyKey] = useState(newIdempotencyKey)
  const successRef = useRef<HTMLDivElement>(null)

  useEffect(() => {
    if (done) successRef.current?.focus()
  }, [done])

  const setField = (key: TextKey) => (value: string) => setText((s) => ({ ...s, [key]: value }))

  /** Checks made here so the family is not kept waiting for a round trip. */
  function checkLocally(): FieldErrors {
    const found: FieldErrors = {}
    if (NAME_FIELDS.every(([f]) => names[f].trim() === '')) {
      found['person.first_name'] = { key: 'fieldError.required' }
    }
    const age = parseAge(text.age)
    if (age !== undefined && Number.isNaN(age)) found.age = { key: 'fieldError.invalid_value' }
    for (const f of ['birthDate', 'lastSeenDate'] as const) {
      const v = toLatinDigits(text[f]).trim()
      if (v !== '' && !PARTIAL_DATE.test(v)) found[f] = { key: 'fieldError.invalid_date' }
    }
    if (text.reporterName.trim() === '') found['reporter.name'] = { key: 'fieldError.required' }
    if (text.reporterRelation.trim() === '') {
      found['reporter.relation'] = { key: 'fieldError.required' }
    }
    if (!purposes.tracing) found['consent.tracing'] = { key: 'report.consentTracingRequired' }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(givenOn)) {
      found['consent.givenOn'] = { key: 'fieldError.invalid_date' }
    }
    return found
  }

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    const local = checkLocally()
    setErrors(local)
    if (Object.keys(local).length > 0) {
      setProblem({
        type: 'about:blank',
        title: 'validation_failed',
        status: 400,
        code: 'validation_failed',
      })
      return
    }
    const person = Object.fromEntries(
      NAME_FIELDS.map(([f]) => [f, optionalText(names[f])]).filter(([, v]) => v !== undefined),
    ) as ReportRequest['person']
    const phone = optionalText(toLatinDigits(text.reporterPhone))
    const other = optionalText(text.reporterOther)
    const body: ReportRequest = {
      idempotencyKey,
      person,
      reporter: {
        name: text.reporterName.trim(),
        relation: text.reporterRelation.trim(),
        ...(phone === undefined ? {} : { phone }),
        ...(other === undefined ? {} : { otherContact: other }),
      },
      consent: {
        purposes: (['tracing', 'identification', 'prosecution'] as const).filter(
          (p) => purposes[p],
        ),
        givenOn,
      },
    }
    if (sex !== '') body.sex = sex
    const age = parseAge(text.age)
    if (age !== undefined) body.age = age
    const optional = {
      birthDate: optionalText(toLatinDigits(text.birthDate)),
      lastSeenDate: optionalText(toLatinDigits(text.lastSeenDate)),
      lastSeenPlace: optionalText(text.lastSeenPlace),
      detentionPlace: optionalText(text.detentionPlace),
      notes: optionalText(text.notes),
    }
    for (const [key, value] of Object.entries(optional)) {
      if (value !== undefined) body[key as keyof typeof optional] = value
    }
    setPending(true)
    setProblem(undefined)
    const result = await fileReport(body)
    setPending(false)
    if (result.ok) {
      setDone(result.value)
      return
    }
    setProblem(result.problem)
    setErrors(
      readFieldErrors(result.problem, {
        person: 'person.first_name',
        'consent.purposes': 'consent.tracing',
      }),
    )
  }

  if (done) {
    return (
      <section className="scene" data-testid="report-scene">
        <PageHeading>{t('report.title')}</PageHeading>
        <div
          ref={successRef}
          tabIndex={-1}
          className="success"
          role="status"
          data-testid="report-success"
        >
          <p>{t(done.alreadyFiled ? 'report.already' : 'report.done')}</p>
          <p>
            {t('report.caseId')}{' '}
            <code dir="ltr" data-testid="report-case-id">
              {done.caseId}
            </code>
          </p>
        </div>
      </section>
    )
  }

  const consentBox = (purpose: ConsentPurpose, id: string) => (
    <label className="check">
      <input
        type="checkbox"
        id={id}
        checked={purposes[purpose]}
        aria-invalid={purpose === 'tracing' && errors['consent.tracing'] !== undefined}
        {...(purpose === 'tracing' && errors['consent.tracing'] !== undefined
          ? { 'aria-describedby': 'consent.tracing-error' }
          : {})}
        onChange={(event) => {
          const checked = event.target.checked
          setPurposes((p) => ({ ...p, [purpose]: checked }))
          // The error was about this very box: once ticked, it no longer applies.
          if (purpose === 'tracing' && checked) {
            setErrors(({ ['consent.tracing']: _done, ...rest }) => rest)
          }
        }}
      />
      {t(`report.consent.${purpose}`)}
    </label>
  )

  return (
    <section className="scene" data-testid="report-scene">
      <PageHeading>{t('report.title')}</PageHeading>
      <p className="lead">{t('report.lead')}</p>
      <form
        className="form"
        noValidate
        aria-describedby="report-problem"
        onSubmit={(event) => void handleSubmit(event)}
      >
        <fieldset className="group">
          <legend>{t('report.person')}</legend>
          {NAME_FIELDS.map(([field, label]) => (
            <TextField
              key={field}
              id={`person.${field}`}
              label={t(label)}
              value={names[field]}
              onChange={(value) => setNames((n) => ({ ...n, [field]: value }))}
              error={errors[`person.${field}`]}
            />
          ))}
          <div className="field">
            <label htmlFor="sex">{t('person.sex')}</label>
            <select
              id="sex"
              value={sex}
              aria-invalid={errors.sex !== undefined}
              onChange={(event) => setSex(event.target.value as Sex | '')}
            >
              <option value="">{t('person.sexUnknown')}</option>
              <option value="M">{t('person.sexM')}</option>
              <option value="F">{t('person.sexF')}</option>
            </select>
            <FieldMessage id="sex" error={errors.sex} />
          </div>
          <TextField
            id="birthDate"
            label={t('report.birthDate')}
            hint={t('report.dateHint')}
            value={text.birthDate}
            onChange={setField('birthDate')}
            inputMode="numeric"
            maxLength={10}
            error={errors.birthDate}
          />
          <TextField
            id="age"
            label={t('report.age')}
            value={text.age}
            onChange={setField('age')}
            inputMode="numeric"
            maxLength={3}
            error={errors.age}
          />
          <TextField
            id="lastSeenDate"
            label={t('report.lastSeenDate')}
            hint={t('report.dateHint')}
            value={text.lastSeenDate}
            onChange={setField('lastSeenDate')}
            inputMode="numeric"
            maxLength={10}
            error={errors.lastSeenDate}
          />
          <TextField
            id="lastSeenPlace"
            label={t('report.lastSeenPlace')}
            value={text.lastSeenPlace}
            onChange={setField('lastSeenPlace')}
            maxLength={300}
            error={errors.lastSeenPlace}
          />
          <TextField
            id="detentionPlace"
            label={t('report.detentionPlace')}
            value={text.detentionPlace}
            onChange={setField('detentionPlace')}
            maxLength={300}
            error={errors.detentionPlace}
          />
          <TextField
            id="notes"
            label={t('report.notes')}
            value={text.notes}
            onChange={setField('notes')}
            multiline
            maxLength={4000}
            error={errors.notes}
          />
        </fieldset>

        <fieldset className="group">
          <legend>{t('report.reporter')}</legend>
          <p className="field-hint" data-testid="contact-note">
            {t('report.contactNote')}
          </p>
          <TextField
            id="reporter.name"
            label={t('report.reporterName')}
            value={text.reporterName}
            onChange={setField('reporterName')}
            error={errors['reporter.name']}
          />
          <TextField
            id="reporter.relation"
            label={t('report.reporterRelation')}
            value={text.reporterRelation}
            onChange={setField('reporterRelation')}
            maxLength={100}
            error={errors['reporter.relation']}
          />
          <TextField
            id="reporter.phone"
            label={t('report.reporterPhone')}
            type="tel"
            inputMode="tel"
            value={text.reporterPhone}
            onChange={setField('reporterPhone')}
            maxLength={40}
            error={errors['reporter.phone']}
          />
          <TextField
            id="reporter.otherContact"
            label={t('report.reporterOther')}
            value={text.reporterOther}
            onChange={setField('reporterOther')}
            maxLength={300}
            error={errors['reporter.otherContact']}
          />
        </fieldset>

        <fieldset className="group">
          <legend>{t('report.consent')}</legend>
          {consentBox('tracing', 'consent.tracing')}
          <FieldMessage id="consent.tracing" error={errors['consent.tracing']} />
          {consentBox('identification', 'consent.identification')}
          <p className="field-hint">{t('report.consent.prosecutionNote')}</p>
          {consentBox('prosecution', 'consent.prosecution')}
          <TextField
            id="consent.givenOn"
            label={t('report.consentDate')}
            type="date"
            value={givenOn}
            onChange={setGivenOn}
            maxLength={10}
            error={errors['consent.givenOn']}
          />
        </fieldset>
        <ProblemMessage id="report-problem" problem={problem} />
        <button
          type="submit"
          className="button button-primary"
          disabled={pending}
          data-testid="report-submit"
        >
          {pending ? t('report.sending') : t('report.submit')}
        </button>
      </form>
    </section>
  )
}
