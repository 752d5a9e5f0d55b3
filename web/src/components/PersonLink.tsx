import type { ReactNode } from 'react'
import { Link } from './Link.js'

/**
 * A name that leads to its person's page once linkage has put the record in a person, and
 * stays plain text before (a link to nowhere would mislead).
 */
export function PersonLink({
  personId,
  className,
  children,
}: {
  personId: string | null
  className?: string
  children: ReactNode
}) {
  return personId === null ? (
    <span className={className}>{children}</span>
  ) : (
    <Link
      href={`/persons/${encodeURIComponent(personId)}`}
      className={className}
      data-testid="mine-person-link"
    >
      {children}
    </Link>
  )
}
