/** The authentication endpoints of src/contract/auth.contract.ts. */
import type { LoginRequest, SessionResponse } from '../../../src/contract/auth.contract.js'
import { requestJson, setCsrfToken, type ApiResult } from './http-client.js'

/** POST /api/auth/login; on success the server has set the session cookie. */
export async function login(request: LoginRequest): Promise<ApiResult<SessionResponse>> {
  const result = await requestJson<SessionResponse>('POST', '/api/auth/login', request, {
    expectUnauthorized: true,
  })
  if (result.ok) setCsrfToken(result.value.csrfToken)
  return result
}

/** GET /api/auth/session: the current session, or a 401 problem when there is none. */
export async function fetchSession(): Promise<ApiResult<SessionResponse>> {
  const result = await requestJson<SessionResponse>('GET', '/api/auth/session', undefined, {
    expectUnauthorized: true,
  })
  setCsrfToken(result.ok ? result.value.csrfToken : undefined)
  return result
}

/** POST /api/auth/logout (carries the CSRF header); the token is forgotten on success. */
export async function logout(): Promise<ApiResult<undefined>> {
  const result = await requestJson<undefined>('POST', '/api/auth/logout', undefined, {
    expectUnauthorized: true,
  })
  // A 401 means the session was already gone: signed out either way.
  if (result.ok || result.problem.status === 401) setCsrfToken(undefined)
  return result
}
