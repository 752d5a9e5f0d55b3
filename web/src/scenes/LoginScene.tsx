import { useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Problem } from '../../../src/contract/auth.contract.js'
import { LanguageSwitch } from '../components/LanguageSwitch.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { useSession } from '../hooks/useSession.js'
import { useT } from '../i18n/useT.js'

/** Sign in with username and password; errors are shown by problem code in the user's language. */
export function LoginScene({ expired, onSignedIn }: { expired: boolean; onSignedIn: () => void }) {
  const t = useT()
  const { signIn } = useSession()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [problem, setProblem] = useState<Problem | undefined>()
  const [missing, setMissing] = useState(false)
  const [pending, setPending] = useState(false)
  const usernameRef = useRef<HTMLInputElement>(null)
  const passwordRef = useRef<HTMLInputElement>(null)

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (pending) return
    setProblem(undefined)
    // Checked here, not by the browser's `required` bubbles: those speak the browser's
    // language, not the one chosen in Athar.
    const empty = username.trim() === '' ? usernameRef : password === '' ? passwordRef : undefined
    setMissing(empty !== undefined)
    if (empty !== undefined) {
      empty.current?.focus()
      return
    }
    setPending(true)
    const result = await signIn({ username: username.trim(), password })
    setPending(false)
    if (result === undefined) {
      onSignedIn()
      return
    }
    setProblem(result)
    setPassword('')
  }

  return (
    <div className="login-page">
      <div className="login-top">
        <LanguageSwitch />
      </div>
      <main className="login-main" id="main">
        <div className="login-card">
          <p className="login-brand">{t('app.name')}</p>
          <p className="login-tagline">{t('app.tagline')}</p>
          <h1 className="login-title">{t('login.title')}</h1>
          <form
            className="form"
            data-testid="login-form"
            noValidate
            aria-describedby="login-problem"
            onSubmit={(event) => void handleSubmit(event)}
          >
            <div className="field">
              <label htmlFor="username">{t('login.username')}</label>
              <input
                id="username"
                ref={usernameRef}
                aria-invalid={missing && username.trim() === ''}
                name="username"
                type="text"
                dir="auto"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
                maxLength={100}
                value={username}
                onChange={(event) => setUsername(event.target.value)}
              />
            </div>
            <div className="field">
              <label htmlFor="password">{t('login.password')}</label>
              <input
                id="password"
                ref={passwordRef}
                aria-invalid={missing && password === ''}
                name="password"
                type="password"
                dir="auto"
                autoComplete="current-password"
                required
                maxLength={1024}
                value={password}
                onChange={(event) => setPassword(event.target.value)}
              />
            </div>
            <ProblemMessage
              id="login-problem"
              problem={problem}
              messageKey={
                missing ? 'login.missing' : expired ? 'errors.unauthenticated' : undefined
              }
            />
            <button type="submit" className="button button-primary" disabled={pending}>
              {pending ? t('login.submitting') : t('login.submit')}
            </button>
          </form>
          <p className="login-notice">{t('login.notice')}</p>
        </div>
      </main>
    </div>
  )
}
