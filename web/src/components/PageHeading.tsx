import { useEffect, useRef } from 'react'
import type { ReactNode } from 'react'

/**
 * The page's <h1>. It takes focus when the scene appears, so after a client-side
 * navigation a screen reader starts reading the new page, not the old position.
 */
export function PageHeading({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus({ preventScroll: true })
  }, [])
  return (
    <h1 ref={ref} tabIndex={-1} className="page-title">
      {children}
    </h1>
  )
}
