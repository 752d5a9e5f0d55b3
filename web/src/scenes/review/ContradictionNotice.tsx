import type { Problem } from '../../../../src/contract/auth.contract.js'
import { Link } from '../../components/Link.js'
import { PersonLink } from '../../components/PersonLink.js'
import { formatDate } from '../../i18n/format.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import { chosenPairPath, contradictionsOf } from './review-model.js'

/**
 * Why a verdict was not recorded: the earlier decisions it contradicts, each with the two
 * records (leading to their persons), the verdict, who gave it and when — so that the
 * reviewer can look at that decision again instead of wondering why nothing happened.
 */
export function ContradictionNotice({ problem }: { problem: Problem | undefined }) {
  const t = useT()
  const { language } = useLanguage()
  const decisions = contradictionsOf(problem)
  if (decisions.length === 0) return null
  const keptApart = decisions[0]!.verdict === 'not_same'
  return (
    <section
      className="contradiction"
      data-testid="review-contradiction"
      aria-labelledby="contradiction-title"
    >
      <h3 id="contradiction-title">
        {t(keptApart ? 'review.contradiction.keptApart' : 'review.contradiction.linkedBy')}
      </h3>
      <ul>
        {decisions.map((d) => (
          <li key={d.decisionId}>
            <PersonLink personId={d.leftPerson}>
              <bdi dir="auto">{d.leftName ?? t('review.contradiction.unnamed')}</bdi>
            </PersonLink>
            {' · '}
            <PersonLink personId={d.rightPerson}>
              <bdi dir="auto">{d.rightName ?? t('review.contradiction.unnamed')}</bdi>
            </PersonLink>
            {': '}
            <strong>
              {t(
                d.verdict === 'same' ? 'review.contradiction.same' : 'review.contradiction.notSame',
              )}
            </strong>
            {' — '}
            {t('review.contradiction.by', {
              // A name in the other script is isolated (FSI … PDI): "by يوسف, 6 December"
              // must not let the Arabic name pull the date into its own direction.
              who: isolate(d.reviewerName ?? t('review.contradiction.someone')),
              date: formatDate(new Date(d.decidedAt), language),
            })}{' '}
            <Link href={chosenPairPath(d.left, d.right)} data-testid="contradiction-open-pair">
              {t('review.contradiction.open')}
            </Link>
          </li>
        ))}
      </ul>
      <p>{t('review.contradiction.next')}</p>
    </section>
  )
}

/** Text wrapped in Unicode first-strong isolate marks, laid out in its own direction. */
function isolate(text: string): string {
  return `\u2068${text}\u2069`
}
