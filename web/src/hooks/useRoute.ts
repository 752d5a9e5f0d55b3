/**
 * A tiny history router: the server answers index.html for every non-/api path, so real
 * paths work on reload. A scene is added by one line in scenes/routes.ts.
 */
import { useSyncExternalStore } from 'react'

const NAVIGATE_EVENT = 'athar:navigate'

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange)
  window.addEventListener(NAVIGATE_EVENT, onChange)
  return () => {
    window.removeEventListener('popstate', onChange)
    window.removeEventListener(NAVIGATE_EVENT, onChange)
  }
}

function readLocation(): string {
  return window.location.pathname + window.location.search
}

/** Goes to a same-origin path without reloading the page. */
export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === readLocation()) return
  if (options.replace === true) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

/** The current path and query, e.g. "/login?next=%2F". */
export function useLocation(): { path: string; query: URLSearchParams } {
  const location = useSyncExternalStore(subscribe, readLocation)
  const url = new URL(location, 'http://local')
  return { path: url.pathname, query: url.searchParams }
}

/** A path to come back to after login, or "/" for anything that is not a local path. */
export function safeReturnPath(candidate: string | null): string {
  // Only a single leading slash: "//host" and "/\host" would leave the origin.
  if (candidate === null || !/^\/(?![/\\])/.test(candidate)) return '/'
  return candidate
}
