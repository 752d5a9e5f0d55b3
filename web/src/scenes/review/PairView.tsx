import type { ReviewNameForms, ReviewRecord } from '../../api/review.api.js'
import { formatDate } from '../../i18n/format.js'
import { isMessageKey } from '../../i18n/messages.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import { DATE_FIELDS, readableDate, type FieldMark, type FieldRow } from './review-model.js'

// A symbol beside the word, so a mark never rests on colour alone.
const MARK_SYMBOL: Record<FieldMark, string> = {
  agree: '\u2713',
  partial: '\u2248',
  disagree: '\u2717',
  missing: '\u2014',
}

/** Where a record came from: kind of source, document, row, import date, sensitivity. */
export function RecordCard({
  record,
  titleKey,
  names,
}: {
  record: ReviewRecord
  titleKey: 'review.recordA' | 'review.recordB'
  names?: ReviewNameForms | undefined
}) {
  const t = useT()
  const { language } = useLanguage()
  const p = record.provenance
  const kind = p.source_kind ?? ''
  const kindKey = `sourceKind.${kind}`
  const imported = p.imported_at === undefined ? undefined : new Date(p.imported_at)
  const sourceId = record.fields.record_id
  return (
    <article className="review-record" data-testid="review-record">
      <h3 className="review-subtitle">{t(titleKey)}</h3>
      {names?.written ? (
        <p className="review-name" data-testid="review-name">
          <bdi dir="auto" className="review-name-written">
            {names.written}
          </bdi>
          {names.normalised ? (
            <span className="review-name-normalised" data-testid="review-name-normalised">
              {' '}
              ({t('review.normalisedAs')} <bdi dir="auto">{names.normalised}</bdi>)
            </span>
          ) : null}
        </p>
      ) : null}
      <dl className="review-provenance">
        <div>
          <dt>{t('review.source')}</dt>
          <dd>{isMessageKey(kindKey) ? t(kindKey) : <bdi>{kind}</bdi>}</dd>
        </div>
        {p.document === undefined ? null : (
          <div>
            <dt>{t('review.document')}</dt>
            <dd>
              <bdi dir="auto">{p.document}</bdi>
            </dd>
          </div>
        )}
        {p.row_number === undefined || p.row_number === 0 ? null : (
          <div>
            <dt>{t('review.row')}</dt>
            <dd>{p.row_number}</dd>
          </div>
        )}
        {typeof sourceId === 'string' && sourceId !== '' ? (
          <div>
            <dt>{t('review.idInSource')}</dt>
            <dd>
              <bdi dir="ltr">{sourceId}</bdi>
            </dd>
          </div>
        ) : null}
        {imported === undefined || Number.isNaN(imported.getTime()) ? null : (
          <div>
            <dt>{t('review.importedOn')}</dt>
            <dd>{formatDate(imported, language)}</dd>
          </div>
        )}
        <div>
          <dt>{t('review.sensitivity')}</dt>
          <dd>
            <span className={`review-sensitivity review-sensitivity-${record.sensitivity}`}>
              {t(`review.sensitivity.${record.sensitivity}`)}
            </span>
          </dd>
        </div>
      </dl>
    </article>
  )
}

/** One value as its source wrote it; a date also in words, a sex by its name. */
function Value({
  field,
  value,
  fromFullName = false,
}: {
  field: string
  value: string | undefined
  fromFullName?: boolean | undefined
}) {
  const t = useT()
  const { language } = useLanguage()
  if (value === undefined) {
    return (
      <span className="review-not-given">
        {t(fromFullName ? 'review.fromFullName' : 'review.notGiven')}
      </span>
    )
  }
  if (field === 'sex' && (value === 'M' || value === 'F')) return <>{t(`person.sex${value}`)}</>
  const words = DATE_FIELDS.has(field) ? readableDate(value, language) : undefined
  return (
    <>
      <bdi dir="auto" className="review-value">
        {value}
      </bdi>
      {words === undefined ? null : <span className="review-date-words">{words}</span>}
    </>
  )
}

function FieldName({ field }: { field: string }) {
  const t = useT()
  if (field.startsWith('extra:')) return <bdi dir="auto">{field.slice('extra:'.length)}</bdi>
  const key = `review.field.${field}`
  return <>{isMessageKey(key) ? t(key) : field}</>
}

/** The mark of a compared field: symbol and word, with the level that decided it. */
function Mark({ row }: { row: FieldRow }) {
  const t = useT()
  if (row.comparison === undefined) return null
  const { mark, level } = row.comparison
  const levelKey = `review.level.${level}`
  return (
    <span className={`review-mark review-mark-${mark}`} data-testid="review-mark" data-mark={mark}>
      <span className="review-mark-symbol" aria-hidden="true">
        {MARK_SYMBOL[mark]}
      </span>{' '}
      <span>{t(`review.mark.${mark}`)}</span>
      {mark === 'missing' || !isMessageKey(levelKey) ? null : (
        <span className="review-mark-level">{t(levelKey)}</span>
      )}
    </span>
  )
}

/**
 * The two records field by field: a table (field, first record, comparison, second record).
 * On a phone each row becomes a small block: the field and its mark, then the two values.
 */
export function FieldTable({ rows }: { rows: FieldRow[] }) {
  const t = useT()
  return (
    <table className="review-fields" data-testid="review-fields">
      <caption className="visually-hidden">{t('review.fieldsCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('review.col.field')}</th>
          <th scope="col">{t('review.recordA')}</th>
          <th scope="col">{t('review.col.mark')}</th>
          <th scope="col">{t('review.recordB')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.field} data-field={row.field}>
            <th scope="row" className="review-cell-field">
              <FieldName field={row.field} />
            </th>
            <td className="review-cell-left" data-testid="review-left-value">
              <Value field={row.field} value={row.left} fromFullName={row.fromFullName?.left} />
            </td>
            <td className="review-cell-mark">
              <Mark row={row} />
            </td>
            <td className="review-cell-right" data-testid="review-right-value">
              <Value field={row.field} value={row.right} fromFullName={row.fromFullName?.right} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
