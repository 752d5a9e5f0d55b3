import { useEffect } from 'react'
import { AppShell } from './components/AppShell.js'
import { navigate, safeReturnPath, useLocation } from './hooks/useRoute.js'
import { useSession } from './hooks/useSession.js'
import { useT } from './i18n/useT.js'
import { HomeScene } from './scenes/HomeScene.js'
import { IntakeScene } from './scenes/IntakeScene.js'
import { LoginScene } from './scenes/LoginScene.js'
import { NotFoundScene } from './scenes/NotFoundScene.js'
import { ReportScene } from './scenes/ReportScene.js'
import { ReviewScene } from './scenes/ReviewScene.js'
import { CaseScene } from './scenes/CaseScene.js'
import { CasesScene } from './scenes/CasesScene.js'
import { PersonScene } from './scenes/PersonScene.js'
import { SearchScene } from './scenes/SearchScene.js'
import { SourcesScene } from './scenes/SourcesScene.js'
import { MyIntakesScene } from './scenes/MyIntakesScene.js'
import { MyDecisionsScene } from './scenes/MyDecisionsScene.js'
import { findRoute } from './scenes/routes.js'

const LOGIN_PATH = '/login'

/** Chooses between login and the signed-in shell, and the scene for the current path. */
export function App() {
  const t = useT()
  const { state } = useSession()
  const { path, query } = useLocation()
  const signedIn = state.status === 'authenticated'

  // Keep the address bar honest: /login when signed out (remembering where to return),
  // away from /login once signed in.
  useEffect(() => {
    if (state.status === 'anonymous' && path !== LOGIN_PATH) {
      const next = path === '/' ? '' : `?next=${encodeURIComponent(path)}`
      navigate(`${LOGIN_PATH}${next}`, { replace: true })
    }
    if (signedIn && path === LOGIN_PATH) {
      navigate(safeReturnPath(query.get('next')), { replace: true })
    }
  }, [state.status, signedIn, path, query])

  useEffect(() => {
    document.title = t('app.name')
  }, [t])

  if (state.status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    )
  }
  if (state.status === 'anonymous') {
    return (
      <LoginScene
        expired={state.reason === 'expired'}
        onSignedIn={() => navigate(safeReturnPath(query.get('next')), { replace: true })}
      />
    )
  }
  const { user } = state.session
  const match = path === LOGIN_PATH ? undefined : findRoute(path, user.role)
  // Scenes with a path parameter read it from here, e.g. match.params.id.
  const params = match?.params ?? {}
  let scene
  switch (match?.route.scene) {
    case 'home':
      scene = <HomeScene user={user} />
      break
    case 'intake':
      scene = <IntakeScene />
      break
    case 'report':
      scene = <ReportScene />
      break
    case 'cases':
      scene = <CasesScene role={user.role} />
      break
    case 'case':
      // key: a different case is a fresh page (its own loading and messages).
      scene = <CaseScene key={params.id} id={params.id ?? ''} role={user.role} />
      break
    case 'review':
      scene = <ReviewScene />
      break
    case 'person':
      // key: another person is a fresh page (its own loading and messages).
      scene = <PersonScene key={params.id} id={params.id ?? ''} />
      break
    case 'sources':
      scene = <SourcesScene user={user} />
      break
    case 'search':
      // The scene reads its query and filters from the address (shareable, back button).
      scene = <SearchScene />
      break
    case 'myIntakes':
      scene = <MyIntakesScene />
      break
    case 'myDecisions':
      scene = <MyDecisionsScene />
      break
    case undefined:
      void params
      scene = path === LOGIN_PATH ? null : <NotFoundScene />
      break
  }
  return (
    <AppShell user={user} path={path}>
      {scene}
    </AppShell>
  )
}
