import type { ReactNode } from 'react'
import type { FieldError } from '../scenes/field-errors.js'
import { useT } from '../i18n/useT.js'
import { toLatinDigits } from '../scenes/form-values.js'

/** The message under a field; its id is what the input's aria-describedby points at. */
export function FieldMessage({ id, error }: { id: string; error: FieldError | undefined }) {
  const t = useT()
  if (error === undefined) return null
  return (
    <p id={`${id}-error`} className="field-error" data-testid={`error-${id}`}>
      {'key' in error ? t(error.key) : <bdi>{error.text}</bdi>}
    </p>
  )
}

/**
 * A labelled text input with its error. Names and places get dir="auto": a name typed in
 * Latin letters inside the Arabic form (or the reverse) keeps its own direction.
 */
export function TextField({
  id,
  label,
  value,
  onChange,
  error,
  hint,
  type = 'text',
  inputMode,
  autoComplete = 'off',
  maxLength = 200,
  multiline = false,
}: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  error?: FieldError | undefined
  hint?: ReactNode
  type?: 'text' | 'date' | 'tel'
  inputMode?: 'numeric' | 'tel' | 'text'
  autoComplete?: string
  maxLength?: number
  multiline?: boolean
}) {
  const describedBy = [hint === undefined ? '' : `${id}-hint`, error ? `${id}-error` : '']
    .filter((x) => x !== '')
    .join(' ')
  const common = {
    id,
    name: id,
    dir: 'auto' as const,
    value,
    maxLength,
    'aria-invalid': error !== undefined,
    ...(describedBy === '' ? {} : { 'aria-describedby': describedBy }),
  }
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          {...(inputMode === undefined ? {} : { inputMode })}
          // Numbers are shown and sent with digits 0-9 (web/README.md), whatever the keyboard.
          onChange={(event) =>
            onChange(
              inputMode === undefined || inputMode === 'text'
                ? event.target.value
                : toLatinDigits(event.target.value),
            )
          }
        />
      )}
      <FieldMessage id={id} error={error} />
    </div>
  )
}
