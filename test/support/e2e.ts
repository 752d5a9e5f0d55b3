/**
 * Shared by the end-to-end tests: paths, Chromium, the built web app, `athar demo`
 * started as a child process, translations, screenshots and layout checks.
 */
import assert from 'node:assert/strict'
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { chromium, type BrowserContext, type Page } from 'playwright-core'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const cli = join(root, 'bin', 'athar.js')
export const chromiumPath = '/usr/bin/chromium'
// Screenshots are refreshed in docs/screenshots/ with ATHAR_SCREENSHOTS=1 (then looked at and
// committed); ordinary runs write them to test-results/ so a test run leaves the tree clean.
export const screenshotDir =
  process.env.ATHAR_SCREENSHOTS === '1'
    ? join(root, 'docs', 'screenshots')
    : join(root, 'test-results', 'screenshots')
export const PHONE = { width: 360, height: 740 }

type Messages = Record<string, string>
const messages = {
  ar: JSON.parse(readFileSync(join(root, 'web/src/i18n/ar.json'), 'utf8')) as Messages,
  en: JSON.parse(readFileSync(join(root, 'web/src/i18n/en.json'), 'utf8')) as Messages,
}

/** A message of the web app's translation files (fails the test when the key is missing). */
export function text(language: 'ar' | 'en', key: string): string {
  const value = messages[language][key]
  assert.ok(value !== undefined, `no message ${key}`)
  return value
}

export interface DemoReady {
  url: string
  users: Array<{ username: string; role: string; password: string }>
}

export function buildWebIfMissing(): void {
  if (existsSync(join(root, 'dist', 'web', 'index.html'))) return
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js')
  const build = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    encoding: 'utf8',
  })
  assert.equal(build.status, 0, `vite build failed:\n${build.stderr}`)
}

const DEMO_READY_MS = 120_000

/** Starts `athar demo --json` with `records` generated records and waits for its one JSON line. */
export function startDemo(
  dbPath: string,
  records: number,
): Promise<{ child: ChildProcess; ready: DemoReady }> {
  const child = spawn(
    process.execPath,
    [cli, 'demo', '--db', dbPath, '--port', '0', '--records', String(records), '--json'],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_ENV: 'test' } },
  )
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  return new Promise((resolve, reject) => {
    // Seeding 300 records takes a few seconds; a demo that never gets ready fails the file
    // with what it printed instead of holding the run until the test timeout.
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`athar demo was not ready after ${DEMO_READY_MS / 1000} s:\n${stderr}`))
    }, DEMO_READY_MS)
    child.once('exit', () => clearTimeout(timer))
    const lines = createInterface({ input: child.stdout })
    lines.on('line', (line) => {
      try {
        const parsed = JSON.parse(line) as DemoReady
        if (typeof parsed.url === 'string' && Array.isArray(parsed.users)) {
          clearTimeout(timer)
          resolve({ child, ready: parsed })
        }
      } catch {
        // not the ready line
      }
    })
    child.once('exit', (code) =>
      reject(new Error(`athar demo exited (${code}) before ready:\n${stderr}`)),
    )
  })
}

/** A full-page screenshot, with the pointer moved away so no hover state is captured. */
export async function shoot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0)
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true })
}

export async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  )
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`)
}

/**
 * Debian's Chromium with a fresh profile under `profileDir`, on a phone-sized screen. The
 * background-networking flags matter: this machine refuses Chromium's own connections.
 * Page errors and CSP violations (the build would break under the server's policy) are
 * pushed into `errors`.
 */
export async function openBrowser(
  profileDir: string,
  errors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: PHONE,
  })
  const page = context.pages()[0] ?? (await context.newPage())
  page.on('pageerror', (error) => errors.push(String(error)))
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) errors.push(message.text())
  })
  return { context, page }
}

/** A demo server and a browser on it, for one test file. */
export interface DemoBrowser {
  ready: DemoReady
  context: BrowserContext
  page: Page
  /** Script errors and CSP violations seen so far (each file asserts it stays empty). */
  pageErrors: string[]
  /** A scratch folder of this file's, removed by close(). */
  tempDir: string
  close(): Promise<void>
}

/** Starts `athar demo` with `records` generated records and opens Chromium on a phone. */
export async function startDemoBrowser(name: string, records: number): Promise<DemoBrowser> {
  assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing`)
  buildWebIfMissing()
  mkdirSync(screenshotDir, { recursive: true })
  const tempDir = mkdtempSync(join(tmpdir(), `athar-${name}-e2e-`))
  const pageErrors: string[] = []
  let demo: ChildProcess | undefined
  let context: BrowserContext | undefined
  const close = async (): Promise<void> => {
    await context?.close()
    demo?.kill('SIGTERM')
    rmSync(tempDir, { recursive: true, force: true })
  }
  try {
    const started = await startDemo(join(tempDir, 'demo.db'), records)
    demo = started.child
    const opened = await openBrowser(join(tempDir, 'profile'), pageErrors)
    context = opened.context
    return { ready: started.ready, context, page: opened.page, pageErrors, tempDir, close }
  } catch (error) {
    await close()
    throw error
  }
}

/**
 * Signs in as the demo user of `role` from a clean state (no cookie, no stored language:
 * Arabic), and waits for that role's home.
 */
export async function signInAs(demo: DemoBrowser, role: string): Promise<void> {
  const user = demo.ready.users.find((u) => u.role === role)
  assert.ok(user, `no ${role} in the demo`)
  const { page } = demo
  await demo.context.clearCookies()
  await page.goto(`${demo.ready.url}/`)
  await page.evaluate('window.localStorage.clear(); window.sessionStorage.clear()')
  await page.reload()
  await page.locator('#username').fill(user.username)
  await page.locator('#password').fill(user.password)
  await page.locator('button[type=submit]').click()
  await page.getByTestId(`home-${role}`).waitFor()
}

/** Presses the language switch and waits until the page is in `to`. */
export async function switchLanguage(page: Page, to: 'ar' | 'en'): Promise<void> {
  await page.getByTestId('language-switch').click()
  await waitForExpression(page, `document.documentElement.lang === '${to}'`)
}

/**
 * Waits until a JavaScript expression is truthy in the page. Playwright's waitForFunction
 * polls by evaluating a string inside the page, which the app's CSP (no 'unsafe-eval')
 * refuses once the first check fails; page.evaluate goes through the DevTools protocol,
 * which the CSP does not govern, so this polls from here instead.
 */
export async function waitForExpression(
  page: Page,
  expression: string,
  options: { timeout?: number } = {},
): Promise<void> {
  const deadline = Date.now() + (options.timeout ?? 15_000)
  for (;;) {
    // One check may not outlive the deadline (an evaluation can stall while the page
    // navigates); one that fails (the page was replaced mid-check) counts as "not yet".
    const left = Math.max(1, deadline - Date.now())
    let timer: NodeJS.Timeout | undefined
    const value = await Promise.race([
      page.evaluate<unknown>(expression).catch(() => false),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), Math.min(left, 2_000))
      }),
    ])
    clearTimeout(timer)
    if (value) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${expression}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
