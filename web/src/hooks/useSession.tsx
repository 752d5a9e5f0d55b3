/**
 * The signed-in session, shared by the whole app. Loaded once from GET /api/auth/session;
 * any 401 from the API later drops it, and the app shows the login scene.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import type { LoginRequest, Problem, SessionResponse } from '../../../src/contract/auth.contract.js'
import { fetchSession, login, logout } from '../api/auth.api.js'
import { onUnauthorized } from '../api/http-client.js'

export type SessionState =
  | { status: 'loading' }
  | { status: 'anonymous'; reason: 'none' | 'expired' | 'signedOut' }
  | { status: 'authenticated'; session: SessionResponse }

export interface SessionValue {
  state: SessionState
  /** Resolves to undefined when signed in, else the problem to show. */
  signIn: (request: LoginRequest) => Promise<Problem | undefined>
  /** Resolves to undefined when signed out, else the problem to show. */
  signOut: () => Promise<Problem | undefined>
}

const SessionContext = createContext<SessionValue | undefined>(undefined)

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })

  useEffect(() => {
    let live = true
    onUnauthorized(() => setState({ status: 'anonymous', reason: 'expired' }))
    void fetchSession().then((result) => {
      if (!live) return
      setState(
        result.ok
          ? { status: 'authenticated', session: result.value }
          : { status: 'anonymous', reason: 'none' },
      )
    })
    return () => {
      live = false
      onUnauthorized(undefined)
    }
  }, [])

  const signIn = useCallback(async (request: LoginRequest) => {
    const result = await login(request)
    if (!result.ok) return result.problem
    setState({ status: 'authenticated', session: result.value })
    return undefined
  }, [])

  const signOut = useCallback(async () => {
    const result = await logout()
    if (!result.ok && result.problem.status !== 401) return result.problem
    setState({ status: 'anonymous', reason: 'signedOut' })
    return undefined
  }, [])

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut])
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>
}

/** The session state and the sign-in/sign-out actions. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext)
  if (value === undefined) throw new Error('useSession() used outside <SessionProvider>')
  return value
}
