/**
 * The one place the app talks HTTP. Same origin, relative /api URLs, the session cookie
 * sent by the browser (HttpOnly: the app never sees it). The CSRF token lives in this
 * module's memory only, never in localStorage/sessionStorage (ASVS 14.3.3); a reload asks
 * GET /api/auth/session for it again.
 *
 * Expected outcomes are values: every call resolves to ApiResult, an error is an RFC 9457
 * problem (from the server, or made here for network failures and non-JSON answers).
 */
import { CSRF_HEADER, type Problem } from '../../../src/contract/auth.contract.js'

export type ApiResult<T> = { ok: true; value: T } | { ok: false; problem: Problem }

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

let csrfToken: string | undefined
let unauthorizedListener: (() => void) | undefined

/** Keeps the CSRF token of the current session (undefined once signed out). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token
}

/** Called when an API answer says the session is gone (401), so the app can show login. */
export function onUnauthorized(listener: (() => void) | undefined): void {
  unauthorizedListener = listener
}

/** A problem for failures that did not come from the server as problem details. */
export function makeProblem(status: number, code: string, title = code): Problem {
  return { type: 'about:blank', status, code, title }
}

function codeForStatus(status: number): string {
  if (status === 401) return 'unauthenticated'
  if (status === 403) return 'forbidden'
  if (status === 404) return 'not_found'
  if (status === 429) return 'rate_limited'
  if (status >= 500) return 'internal'
  return 'unknown'
}

/** Reads a problem body; anything not shaped like one becomes a problem from the status. */
export function readProblem(status: number, body: unknown): Problem {
  if (typeof body === 'object' && body !== null) {
    const candidate = body as Partial<Problem>
    if (typeof candidate.code === 'string' && candidate.code !== '') {
      return {
        type: typeof candidate.type === 'string' ? candidate.type : 'about:blank',
        title: typeof candidate.title === 'string' ? candidate.title : candidate.code,
        status: typeof candidate.status === 'number' ? candidate.status : status,
        code: candidate.code,
        ...(typeof candidate.detail === 'string' ? { detail: candidate.detail } : {}),
        ...(Array.isArray(candidate.errors) ? { errors: candidate.errors } : {}),
        ...(typeof candidate.details === 'object' &&
        candidate.details !== null &&
        !Array.isArray(candidate.details)
          ? { details: candidate.details }
          : {}),
      }
    }
  }
  return makeProblem(status, codeForStatus(status))
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('json')) return undefined
  try {
    return (await response.json()) as unknown
  } catch {
    return undefined
  }
}

/**
 * Sends a multipart form (a file upload) with the CSRF header; the browser sets the
 * content-type with its boundary, so none is set here.
 */
export async function requestMultipart<T>(path: string, form: FormData): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' }
  if (csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method: 'POST',
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      body: form,
    })
  } catch {
    return { ok: false, problem: makeProblem(0, 'network') }
  }
  if (response.ok) return { ok: true, value: (await readJson(response)) as T }
  const problem = readProblem(response.status, await readJson(response))
  if (response.status === 401) unauthorizedListener?.()
  return { ok: false, problem }
}

export interface RequestOptions {
  /** A 401 is an expected answer here (login, session probe): do not signal "signed out". */
  expectUnauthorized?: boolean
}

/** Sends a request to the API and resolves to the parsed answer or a problem. */
export async function requestJson<T>(
  method: Method,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<ApiResult<T>> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken !== undefined) headers[CSRF_HEADER] = csrfToken
  let response: Response
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
  } catch {
    return { ok: false, problem: makeProblem(0, 'network') }
  }
  if (response.ok) {
    const value = response.status === 204 ? undefined : await readJson(response)
    return { ok: true, value: value as T }
  }
  const problem = readProblem(response.status, await readJson(response))
  if (response.status === 401 && options.expectUnauthorized !== true) unauthorizedListener?.()
  return { ok: false, problem }
}
