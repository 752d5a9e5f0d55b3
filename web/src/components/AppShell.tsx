import { useState } from 'react'
import type { ReactNode } from 'react'
import type { Problem, SessionUser } from '../../../src/contract/auth.contract.js'
import { useSession } from '../hooks/useSession.js'
import { useT } from '../i18n/useT.js'
import { ROLE_HOMES } from '../scenes/role-homes.js'
import { LanguageSwitch } from './LanguageSwitch.js'
import { Link } from './Link.js'
import { ProblemMessage } from './ProblemMessage.js'

/** Header (name, user, role, organisation, language, sign out), navigation and main area. */
export function AppShell({
  user,
  path,
  children,
}: {
  user: SessionUser
  path: string
  children: ReactNode
}) {
  const t = useT()
  const { signOut } = useSession()
  const [problem, setProblem] = useState<Problem | undefined>()
  const [pending, setPending] = useState(false)

  async function handleSignOut() {
    setPending(true)
    setProblem(await signOut())
    setPending(false)
  }

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="header">
        <div className="header-bar">
          <Link href="/" className="brand">
            {t('app.name')}
          </Link>
          <div className="header-actions">
            <LanguageSwitch />
            <button
              type="button"
              className="button button-quiet"
              data-testid="logout"
              disabled={pending}
              onClick={() => void handleSignOut()}
            >
              {t('shell.logout')}
            </button>
          </div>
        </div>
        <dl className="identity" data-testid="identity">
          <div>
            <dt className="visually-hidden">{t('shell.user')}</dt>
            <dd className="identity-name">
              <bdi>{user.displayName}</bdi>
            </dd>
          </div>
          <div>
            <dt className="visually-hidden">{t('shell.role')}</dt>
            <dd className="identity-role" data-testid="identity-role">
              {t(`role.${user.role}`)}
            </dd>
          </div>
          <div>
            <dt className="visually-hidden">{t('shell.organisation')}</dt>
            <dd className="identity-org">
              <bdi>{user.organisationName}</bdi>
            </dd>
          </div>
        </dl>
        <nav className="nav" aria-label={t('shell.nav')}>
          <ul>
            <li>
              <Link href="/" aria-current={path === '/' ? 'page' : undefined}>
                {t('shell.home')}
              </Link>
            </li>
            {ROLE_HOMES[user.role]
              .filter((area) => area.path !== undefined)
              .map((area) => (
                <li key={area.id}>
                  <Link
                    href={area.path ?? '/'}
                    aria-current={path === area.path ? 'page' : undefined}
                  >
                    {t(`area.${area.id}.title`)}
                  </Link>
                </li>
              ))}
          </ul>
        </nav>
        <ProblemMessage problem={problem} />
      </header>
      <main id="main" className="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  )
}
