/**
 * Vite build of the web app: root web/, output dist/web/ (served by the Fastify server
 * from the same origin, so the app calls relative /api URLs).
 * With ATHAR_MOCK_API=1 the dev server answers /api/auth/* itself (web/dev/mock-api.ts),
 * so the UI can be worked on without the real server.
 */
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { mockApi } from './dev/mock-api.js'

const webRoot = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), ...(process.env.ATHAR_MOCK_API === '1' ? [mockApi()] : [])],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Everything is served from 'self' under a strict CSP: never inline assets as data: URLs
    // into scripts or styles, and keep no source maps in the shipped bundle.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // The real server runs on 3000 by default (`athar serve`); proxy the API to it in dev.
    proxy:
      process.env.ATHAR_MOCK_API === '1'
        ? undefined
        : { '/api': { target: process.env.ATHAR_API_URL ?? 'http://127.0.0.1:3000' } },
  },
})
