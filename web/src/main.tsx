import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App.js'
import { applyDocumentLanguage, I18nProvider, readStoredLanguage } from './i18n/I18nProvider.js'
import { SessionProvider } from './hooks/useSession.js'
import './styles/app.css'

// Set lang/dir before the first render so an English user never sees a mirrored flash.
applyDocumentLanguage(readStoredLanguage())

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')
createRoot(root).render(
  <StrictMode>
    <I18nProvider>
      <SessionProvider>
        <App />
      </SessionProvider>
    </I18nProvider>
  </StrictMode>,
)
