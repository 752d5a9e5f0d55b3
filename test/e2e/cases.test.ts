/**
 * End to end: the case screens and the home dashboard in Chromium, against `athar demo`.
 * A caseworker files three reports through the API (one person, and another reported twice
 * by two relatives); a reviewer decides that the two reports describe the same person, which
 * confirms both cases and gives caseworkers the task of informing the family. Then, in the
 * browser: the caseworker's home shows the counts, the chart and the tasks waiting; the case
 * list opens a case; revealing the reporter's contact is recorded in the audit chain (checked
 * in the database and by the admin's chain verification); a move grows the history; a stale
 * move is refused by the server and the refusal is shown; marking the task done informs the
 * family. The viewer sees counts and the chart, and no names.
 * Screenshots in Arabic and English, phone and desktop, go to test-results/screenshots/
 * (docs/screenshots/ with ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/cases.test.ts
 */
import assert from 'node:assert/strict'
import type { ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import Database from 'better-sqlite3'
import type { BrowserContext, Page } from 'playwright-core'
import {
  buildWebIfMissing,
  chromiumPath,
  expectNoHorizontalOverflow,
  openBrowser,
  PHONE,
  screenshotDir,
  shoot,
  startDemo,
  text,
  type DemoReady,
  waitForExpression,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const DESKTOP = { width: 1280, height: 800 }

// Synthetic people (no real person's data): one name in Arabic letters with a Latin family
// name as a family might write it, one reported twice.
const PERSON_A = { first_name: 'سلمى', father_name: 'خالد', family_name: 'Al-Masri' }
const PERSON_A_NAME = 'سلمى خالد Al-Masri'
const REPORTER_A = { name: 'ريم', relation: 'الأخت', phone: '+963 11 555 0142' }
const PERSON_B = { first_name: 'يوسف', father_name: 'عمر', family_name: 'الحمصي' }
const PERSON_B_NAME = 'يوسف عمر الحمصي'
const PERSON_C = { first_name: 'Rami', father_name: 'Nabil', family_name: 'Haddad' }

interface ApiSession {
  cookie: string
  csrf: string
}

void describe('cases and dashboard in Chromium', { timeout: 300_000 }, () => {
  let tempDir = ''
  let dbPath = ''
  let demo: ChildProcess | undefined
  let ready: DemoReady
  let context: BrowserContext
  let page: Page
  const pageErrors: string[] = []
  let caseA = ''
  let caseB = ''
  let caseD = ''

  function userOf(role: string) {
    const user = ready.users.find((u) => u.role === role)
    assert.ok(user, `no ${role} in the demo`)
    return user
  }

  async function apiLogin(role: string): Promise<ApiSession> {
    const user = userOf(role)
    const response = await fetch(`${ready.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    })
    assert.equal(response.status, 200, `login as ${role}`)
    const body = (await response.json()) as { csrfToken: string }
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    return { cookie, csrf: body.csrfToken }
  }

  async function api<T>(
    session: ApiSession,
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const response = await fetch(`${ready.url}${path}`, {
      method,
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    })
    return { status: response.status, body: (await response.json()) as T }
  }

  function fileReport(session: ApiSession, key: string, person: object, reporter: object) {
    return api<{ caseId: string; recordId: string }>(session, 'POST', '/api/cases', {
      idempotencyKey: key,
      person,
      sex: person === PERSON_A ? 'F' : 'M',
      lastSeenDate: '2013-05-04',
      lastSeenPlace: 'حمص',
      reporter,
      consent: { purposes: ['tracing', 'identification'], givenOn: '2026-11-20' },
    })
  }

  /** Signs in through the login screen, in Arabic, at the given size. */
  async function signIn(role: string, size = PHONE): Promise<void> {
    const user = userOf(role)
    await page.setViewportSize(size)
    await context.clearCookies()
    await page.goto(`${ready.url}/`)
    await page.evaluate('window.localStorage.clear()')
    await page.reload()
    await page.locator('#username').fill(user.username)
    await page.locator('#password').fill(user.password)
    await page.locator('button[type=submit]').click()
    await page.getByTestId(`home-${role}`).waitFor()
  }

  async function switchLanguage(to: 'ar' | 'en'): Promise<void> {
    await page.getByTestId('language-switch').click()
    await waitForExpression(page, `document.documentElement.lang === '${to}'`)
  }

  async function countOf(testId: string): Promise<number> {
    const value = await page.getByTestId(testId).locator('.dash-count-value').textContent()
    return Number((value ?? '').replace(/\D/g, ''))
  }

  before(async () => {
    assert.ok(existsSync(chromiumPath), `${chromiumPath} is missing`)
    buildWebIfMissing()
    mkdirSync(screenshotDir, { recursive: true })
    tempDir = mkdtempSync(join(tmpdir(), 'athar-cases-e2e-'))
    dbPath = join(tempDir, 'demo.db')
    const started = await startDemo(dbPath, 60)
    demo = started.child
    ready = started.ready

    const caseworker = await apiLogin('caseworker')
    const a = await fileReport(caseworker, randomUUID(), PERSON_A, REPORTER_A)
    assert.equal(a.status, 201, JSON.stringify(a.body))
    caseA = a.body.caseId
    const b = await fileReport(caseworker, randomUUID(), PERSON_B, {
      name: 'منى',
      relation: 'الأم',
    })
    const c = await fileReport(caseworker, randomUUID(), PERSON_B, {
      name: 'سامر',
      relation: 'الأخ',
    })
    assert.equal(b.status, 201)
    assert.equal(c.status, 201)
    caseB = b.body.caseId
    // Two relatives reported the same man: a reviewer says so, which confirms both cases.
    const reviewer = await apiLogin('reviewer')
    const decided = await api(reviewer, 'POST', '/api/linkage/decisions', {
      left: b.body.recordId,
      right: c.body.recordId,
      verdict: 'same',
    })
    assert.equal(decided.status, 201, JSON.stringify(decided.body))
    // Two more reports a reviewer is unsure about: both cases become possible matches.
    const d = await fileReport(caseworker, randomUUID(), PERSON_C, {
      name: 'هدى',
      relation: 'الزوجة',
    })
    const e = await fileReport(caseworker, randomUUID(), PERSON_C, {
      name: 'نبيل',
      relation: 'الأب',
    })
    caseD = d.body.caseId
    const unsure = await api(reviewer, 'POST', '/api/linkage/decisions', {
      left: d.body.recordId,
      right: e.body.recordId,
      verdict: 'unsure',
    })
    assert.equal(unsure.status, 201, JSON.stringify(unsure.body))
    ;({ context, page } = await openBrowser(join(tempDir, 'profile'), pageErrors))
  })

  after(async () => {
    await context?.close()
    demo?.kill('SIGTERM')
    if (tempDir !== '') rmSync(tempDir, { recursive: true, force: true })
  })

  void test('caseworker home: counts, the 30-day chart and the tasks waiting', async () => {
    await signIn('caseworker')
    const dashboard = page.getByTestId('dashboard')
    await dashboard.getByTestId('dash-counts').waitFor()
    assert.ok((await countOf('dash-openCases')) >= 3, 'the three reports are open cases')
    for (const id of ['dash-unreviewedPairs', 'dash-intakesToday', 'dash-unidentifiedPersons']) {
      assert.ok(Number.isInteger(await countOf(id)), id)
    }
    // The chart: a named image with today's three reports as a bar, and a table fallback.
    const svg = page.getByTestId('dash-chart').locator('svg')
    assert.equal(await svg.getAttribute('role'), 'img')
    assert.equal(await svg.locator('title').textContent(), text('ar', 'dash.chart.title'))
    assert.ok((await svg.locator('rect.chart-series-cases').count()) >= 1)
    assert.equal(await page.getByTestId('dash-chart-table').locator('tbody tr').count(), 30)
    // In Arabic the days run from the right: today's bar is the leftmost mark.
    await waitForExpression(
      page,
      `(() => {
        const svg = document.querySelector('[data-testid="dash-chart"] svg')
        const bars = svg ? svg.querySelectorAll('rect.chart-series-cases') : []
        if (!svg || bars.length === 0) return false
        return Number(bars[bars.length - 1].getAttribute('x')) < Number(svg.getAttribute('width')) / 2
      })()`,
      { timeout: 10_000 },
    )
    const todayX = Number(await svg.locator('rect.chart-series-cases').last().getAttribute('x'))
    const width = Number(await svg.getAttribute('width'))
    assert.ok(todayX < width / 2, `today's bar at x=${todayX} of ${width} in Arabic`)

    const tasks = page.getByTestId('dash-task')
    await tasks.first().waitFor()
    assert.equal(await tasks.count(), 2, 'one "inform the family" task per confirmed case')
    await page.getByTestId('dash-task').getByText(PERSON_B_NAME).first().waitFor()
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'home-dashboard-caseworker-ar')
    await expectAccessible(page, 'home-dashboard-caseworker-ar')

    await switchLanguage('en')
    await page.setViewportSize(DESKTOP)
    // The chart redraws at its new width after the resize: wait for it rather than read the
    // attributes mid-way (a read between the two layouts once failed in CI).
    await waitForExpression(
      page,
      `(() => {
        const svg = document.querySelector('[data-testid="dash-chart"] svg')
        const bars = svg ? svg.querySelectorAll('rect.chart-series-cases') : []
        if (!svg || bars.length === 0) return false
        const width = Number(svg.getAttribute('width'))
        return width > 600 && Number(bars[bars.length - 1].getAttribute('x')) > width / 2
      })()`,
      { timeout: 10_000 },
    )
    const ltrX = Number(await svg.locator('rect.chart-series-cases').last().getAttribute('x'))
    const ltrWidth = Number(await svg.getAttribute('width'))
    assert.ok(ltrX > ltrWidth / 2, `today's bar at x=${ltrX} of ${ltrWidth} in English`)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'home-dashboard-caseworker-en-desktop')
    await expectAccessible(page, 'home-dashboard-caseworker-en-desktop')
  })

  void test('caseworker: the case list, by status and families to inform', async () => {
    await signIn('caseworker')
    await page.getByTestId('area-cases').locator('a').click()
    await page.getByTestId('cases-scene').waitFor()
    const items = page.getByTestId('case-item')
    await items.first().waitFor()
    // The demo files cases of its own; ours are among them.
    const all = await items.count()
    assert.ok(all >= 3)
    const item = (id: string) => page.locator(`[data-testid="case-item"][data-case-id="${id}"]`)
    const itemA = item(caseA)
    assert.equal((await itemA.locator('bdi').textContent())?.trim(), PERSON_A_NAME)
    assert.equal(await itemA.locator('.status-tag').textContent(), text('ar', 'case.status.open'))
    assert.match((await itemA.textContent()) ?? '', /\d{4}-\d{2}-\d{2} \d{2}:\d{2} · /)
    assert.equal(
      await item(caseB).locator('.status-tag').textContent(),
      text('ar', 'case.status.confirmed_alive'),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'cases-list-ar')
    await expectAccessible(page, 'cases-list-ar')

    const filter = page.getByLabel(text('ar', 'cases.filter'))
    await filter.selectOption('confirmed_alive')
    await page.waitForURL(/status=confirmed_alive/)
    await itemA.waitFor({ state: 'detached' })
    await item(caseB).waitFor()
    for (const tag of await page
      .locator('[data-testid="case-item"] .status-tag')
      .allTextContents()) {
      assert.equal(tag, text('ar', 'case.status.confirmed_alive'))
    }
    await filter.selectOption('inform')
    await page.waitForURL(/status=inform/)
    await item(caseB).waitFor()
    assert.equal(await itemA.count(), 0, 'no family to inform for an open case')

    await switchLanguage('en')
    await page.getByLabel(text('en', 'cases.filter')).selectOption('all')
    await itemA.waitFor()
    assert.equal(await items.count(), all)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'cases-list-en')
    await expectAccessible(page, 'cases-list-en')
  })

  void test('caseworker: the case page; revealing the contact is recorded; a move grows the history', async () => {
    await signIn('caseworker')
    await page.getByTestId('area-cases').locator('a').click()
    await page.locator(`[data-case-id="${caseA}"] a`).click()
    await page.getByTestId('case-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, `/cases/${caseA}`)
    await page.getByTestId('case-person').waitFor()
    assert.equal((await page.locator('h1').textContent())?.trim(), PERSON_A_NAME)
    assert.equal(await page.getByTestId('case-name-family_name').textContent(), 'Al-Masri')
    assert.match(
      (await page.getByTestId('case-person').textContent()) ?? '',
      /2013-05-04 · 4 أيار 2013/,
    )
    const history = page.getByTestId('history-item')
    assert.equal(await history.count(), 1)

    // The reporter is masked until a caseworker reveals it, and the reveal is recorded.
    const reporter = page.getByTestId('case-reporter')
    assert.equal(await reporter.getAttribute('data-masked'), 'true')
    assert.doesNotMatch((await reporter.textContent()) ?? '', /ريم|555/)
    await page.getByTestId('reveal-reporter').click()
    await page.getByTestId('reveal-recorded').waitFor()
    assert.equal(await page.getByTestId('reporter-name').textContent(), REPORTER_A.name)
    assert.equal(await page.getByTestId('reporter-phone').textContent(), REPORTER_A.phone)
    const sqlite = new Database(dbPath, { readonly: true })
    try {
      const rows = sqlite
        .prepare(
          "SELECT actor_user_id, outcome FROM audit_entry WHERE action = 'case.reveal_contact' AND object_id = ?",
        )
        .all(caseA) as Array<{ actor_user_id: string; outcome: string }>
      assert.equal(rows.length, 1, 'one reveal, one audit entry')
    } finally {
      sqlite.close()
    }
    const admin = await apiLogin('admin')
    const verified = await api<{ ok: boolean }>(admin, 'POST', '/api/audit/verify')
    assert.equal(verified.status, 200)
    assert.equal(verified.body.ok, true, 'the audit chain is intact')
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'case-revealed-ar')
    await expectAccessible(page, 'case-revealed-ar')

    // The caseworker may close an open case: the history grows by one dated line.
    await page.getByTestId('move-closed').click()
    await page.getByTestId('move-done').waitFor()
    await page.getByTestId('history-item').nth(1).waitFor()
    assert.equal(await history.count(), 2)
    assert.equal(
      await page.getByTestId('case-status').textContent(),
      text('ar', 'case.status.closed'),
    )
    assert.equal(
      (await history.nth(1).locator('.timeline-what').textContent())?.trim(),
      text('ar', 'case.status.closed'),
    )

    // A stale page: the case is reopened elsewhere, then "reopen" here is refused by the server.
    const caseworker = await apiLogin('caseworker')
    const moved = await api(caseworker, 'POST', `/api/cases/${caseA}/transitions`, { to: 'open' })
    assert.equal(moved.status, 200)
    await page.getByTestId('move-open').click()
    const refused = page.getByTestId('move-refused')
    await refused.waitFor()
    assert.equal(await refused.getAttribute('data-reason'), 'not_allowed')
    assert.match((await refused.textContent()) ?? '', new RegExp(text('ar', 'case.moves.refused')))
    // The page then shows the case as it stands: reopened, with that move in its history.
    await page
      .getByTestId('case-status')
      .filter({ hasText: text('ar', 'case.status.open') })
      .waitFor()
    assert.equal(await history.count(), 3)

    // The family withdraws consent to identification: two steps, then only tracing is left.
    const consent = page.getByTestId('consent-purposes')
    await page.locator('#withdraw-identification').check()
    await page.getByTestId('consent-withdraw').click()
    await page.getByTestId('consent-confirm').click()
    await page.getByTestId('consent-withdraw').waitFor()
    await consent.filter({ hasNotText: text('ar', 'case.purpose.identification') }).waitFor()
    assert.equal(await consent.textContent(), text('ar', 'case.purpose.tracing'))

    await switchLanguage('en')
    await page.setViewportSize(DESKTOP)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'case-refused-en-desktop')
    await expectAccessible(page, 'case-refused-en-desktop')
  })

  void test('caseworker: marking "inform the family" done informs the family, by a person', async () => {
    await signIn('caseworker')
    await page.locator(`[data-testid="dash-task"] a[href="/cases/${caseB}"]`).click()
    await page.getByTestId('case-tasks').waitFor()
    const history = page.getByTestId('history-item')
    await history.first().waitFor()
    const before = await history.count()
    assert.equal(
      await page.getByTestId('case-status').textContent(),
      text('ar', 'case.status.confirmed_alive'),
    )
    // No button moves a case to "family informed": only the task does.
    assert.equal(await page.getByTestId('move-family_informed').count(), 0)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'case-task-ar')
    await expectAccessible(page, 'case-task-ar')
    await page.getByTestId('task-done').click()
    await page
      .getByTestId('case-status')
      .filter({ hasText: text('ar', 'case.status.family_informed') })
      .waitFor()
    assert.equal(await history.count(), before + 1)
    // The task list reloads after the status: wait for it before counting (a read between
    // the two once failed in CI).
    await page.getByTestId('task-done').waitFor({ state: 'detached' })
    assert.equal(await page.getByTestId('task-done').count(), 0, 'the task is done')
    await switchLanguage('en')
    await shoot(page, 'case-informed-en')
  })

  void test('reviewer: a death needs a second, different reviewer', async () => {
    await signIn('reviewer')
    await page.getByTestId('dash-work').waitFor()
    await page.getByTestId('dash-counts').waitFor()
    if ((await countOf('dash-unreviewedPairs')) > 0) {
      await page.getByTestId('dash-work-pairs').waitFor()
    }
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'home-dashboard-reviewer-ar')

    await page.goto(`${ready.url}/cases/${caseD}`)
    await page.getByTestId('case-moves').waitFor()
    assert.equal(
      await page.getByTestId('case-status').textContent(),
      text('ar', 'case.status.possible_match'),
    )
    const history = page.getByTestId('history-item')
    const before = await history.count()
    // The rule is said before anyone presses the button.
    assert.equal(
      await page.getByTestId('case-moves').locator('.rules li').first().textContent(),
      text('ar', 'case.moves.deceasedRule'),
    )
    await page.getByTestId('move-confirmed_deceased').click()
    assert.equal(
      await page.getByTestId('move-done').textContent(),
      text('ar', 'case.moves.pending'),
    )
    await page.locator('.timeline-vote').waitFor()
    assert.equal(await history.count(), before + 1)
    assert.equal(
      await page.getByTestId('case-status').textContent(),
      text('ar', 'case.status.possible_match'),
      'one reviewer never concludes a death',
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'case-deceased-vote-ar')
  })

  void test('coordinator: the "Dashboards" card opens the dashboard', async () => {
    await signIn('coordinator')
    await page.getByTestId('area-dashboards').locator('a').click()
    await page.waitForURL(/\/dashboard$/)
    await page.getByTestId('dash-chart').locator('svg').waitFor()
    await waitForExpression(page, "document.activeElement?.id === 'dash-title'")
  })

  void test('viewer: counts and the chart, no names and no lists', async () => {
    await signIn('viewer')
    await page.getByTestId('dash-counts').waitFor()
    await page.getByTestId('dash-chart').locator('svg').waitFor()
    assert.ok((await countOf('dash-openCases')) >= 2)
    // Totals to date on the count cards: figures, never "coming".
    const reports = page.getByTestId('count-countReports')
    await reports.filter({ hasText: /^[0-9٠-٩]+$/ }).waitFor()
    assert.equal(await page.locator('li.card-coming').count(), 0)
    assert.equal(await page.getByTestId('dash-work').count(), 0)
    const body = (await page.locator('main').textContent()) ?? ''
    for (const name of [PERSON_A.first_name, PERSON_A.family_name, PERSON_B.family_name]) {
      assert.ok(!body.includes(name), `no name on the viewer's home (${name})`)
    }
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'home-dashboard-viewer-ar')
    await expectAccessible(page, 'home-dashboard-viewer-ar')
    await switchLanguage('en')
    await page.setViewportSize(DESKTOP)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'home-dashboard-viewer-en-desktop')
    // The case pages are not the viewer's: the app says "not found", the server refuses.
    await page.goto(`${ready.url}/cases/${caseA}`)
    await page.getByTestId('identity').waitFor()
    assert.equal(await page.getByTestId('case-scene').count(), 0)
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(pageErrors, [])
  })
})
