/**
 * End to end: the person page in Chromium against `athar demo --records 120`. Through the
 * API, as the roles would: the coordinator runs linkage (unless the demo already has a run),
 * a caseworker registers a gate intake with a phone photo (GPS in its EXIF) attached to a
 * demo record, and a reviewer decides the two are the same person. Then the reviewer opens
 * /persons/:id: both accounts with their names as written and their provenance, the
 * timeline with the intake citing its account, the case-free and decision sections, and the
 * photo, which Chromium decodes after the server stripped its metadata. Screenshots in
 * Arabic and English, phone and desktop, go to test-results/screenshots/ (docs/screenshots/
 * with ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/person.test.ts
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import { jpegWithGps } from '../../src/core/persons/photo-fixtures.js'
import {
  PHONE,
  expectNoHorizontalOverflow,
  shoot,
  text,
  type DemoReady,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
  waitForExpression,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const DESKTOP = { width: 1280, height: 900 }

interface Api {
  call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
}

/** Signs in through the API and returns a client carrying the session cookie and CSRF token. */
async function apiAs(ready: DemoReady, role: string): Promise<Api> {
  const user = ready.users.find((u) => u.role === role)
  assert.ok(user, `no ${role} in the demo`)
  const login = await fetch(`${ready.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: user.username, password: user.password }),
  })
  assert.equal(login.status, 200)
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const { csrfToken } = (await login.json()) as { csrfToken: string }
  return {
    async call<T>(method: string, path: string, body?: unknown) {
      const res = await fetch(`${ready.url}${path}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrfToken,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      })
      return { status: res.status, body: (await res.json()) as T }
    },
  }
}

void describe('person page in Chromium', { timeout: 300_000 }, () => {
  let demo: DemoBrowser
  let ready: DemoReady
  let page: Page
  let pageErrors: string[] = []
  let personId = ''
  let intakeRecordId = ''
  let attachedRecordId = ''

  before(async () => {
    demo = await startDemoBrowser('person', 120)
    ;({ ready, page, pageErrors } = demo)

    // A linkage run gives persons their ids (the demo may have run one already).
    const coordinator = await apiAs(ready, 'coordinator')
    const model = await coordinator.call<{ run: unknown }>('GET', '/api/linkage/model')
    if (model.body.run === null) {
      const run = await coordinator.call<{ jobId: string }>('POST', '/api/linkage/runs', {
        seed: 1,
      })
      assert.equal(run.status, 202)
      for (let i = 0; ; i++) {
        const job = await coordinator.call<{ status: string }>('GET', `/api/jobs/${run.body.jobId}`)
        if (job.body.status === 'succeeded') break
        assert.ok(job.body.status !== 'failed' && i < 600, `linkage job: ${job.body.status}`)
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }

    // A caseworker finds a demo record and registers a gate intake attached to it.
    const caseworker = await apiAs(ready, 'caseworker')
    let hit: { recordId: string } | undefined
    for (const q of ['محمد', 'أحمد', 'Mohammad', 'Ahmad', 'علي']) {
      const found = await caseworker.call<{
        results: Array<{ recordId: string; provenance: { source_kind?: string } }>
      }>('GET', `/api/records/search?q=${encodeURIComponent(q)}&limit=5`)
      hit = found.body.results.find((r) => r.provenance.source_kind !== 'intake')
      if (hit) break
    }
    assert.ok(hit, 'the demo has a record to attach to')
    attachedRecordId = hit.recordId
    const intake = await caseworker.call<{ recordId: string }>('POST', '/api/intakes', {
      idempotencyKey: randomUUID(),
      names: { first_name: 'Samer', family_name: 'Synthetic' },
      approximateAge: 34,
      sex: 'M',
      healthUrgency: 'none',
      facilityText: 'Gate 2',
      attachToRecordId: attachedRecordId,
      photo: { base64: Buffer.from(jpegWithGps()).toString('base64'), mediaType: 'image/jpeg' },
    })
    assert.equal(intake.status, 201, JSON.stringify(intake.body))
    intakeRecordId = intake.body.recordId

    // The reviewer decides the intake and the record are the same person.
    const reviewer = await apiAs(ready, 'reviewer')
    const decision = await reviewer.call<{ persons: { left: string | null } }>(
      'POST',
      '/api/linkage/decisions',
      {
        left: intakeRecordId,
        right: attachedRecordId,
        verdict: 'same',
        note: 'Synthetic e2e: the same person at the gate',
      },
    )
    assert.equal(decision.status, 201, JSON.stringify(decision.body))
    assert.ok(decision.body.persons.left, 'the decision names the person')
    personId = decision.body.persons.left
  })

  after(async () => demo?.close())

  const signIn = (role: string) => signInAs(demo, role)

  void test('reviewer: accounts, provenance, timeline, decision and the photo', async () => {
    await signIn('reviewer')
    await page.goto(`${ready.url}/persons/${personId}`)
    await page.getByTestId('person-account').first().waitFor()
    const accounts = page.getByTestId('person-account')
    assert.ok((await accounts.count()) >= 2, 'two accounts or more')
    const written = await page.getByTestId('name-written').allTextContents()
    assert.ok(written.includes('Samer Synthetic'), `names as written: ${written.join(' | ')}`)
    const hashes = await page.getByTestId('file-sha256').allTextContents()
    assert.ok(
      hashes.some((h) => /^[0-9a-f]{64}$/.test(h)),
      'the imported file is named by hash',
    )
    assert.ok((await page.getByTestId('provenance').count()) >= 2)

    const events = page.getByTestId('timeline-event')
    assert.ok((await events.count()) >= 1)
    const intakeEvent = page.locator('[data-testid=timeline-event][data-kind=intake]')
    await intakeEvent.first().waitFor()
    const intakeText = (await intakeEvent.first().textContent()) ?? ''
    assert.match(intakeText, /Gate 2/)
    assert.match(intakeText, /\d{4}-\d{2}-\d{2} · /, 'numerals and a readable date')
    assert.ok(intakeText.includes(text('ar', 'personPage.event.intake')))

    const decision = page.getByTestId('person-decision').first()
    assert.match(
      (await decision.textContent()) ?? '',
      new RegExp(text('ar', 'personPage.verdict.same')),
    )

    const photo = page.getByTestId('person-photo').locator('img')
    await photo.waitFor()
    // Strings, not functions: the test project is compiled without the DOM library.
    const IMG = "document.querySelector('[data-testid=person-photo] img')"
    await waitForExpression(page, `${IMG} !== null && ${IMG}.complete`, {
      timeout: 10_000,
    })
    const natural = await page.evaluate<number[]>(`[${IMG}.naturalWidth, ${IMG}.naturalHeight]`)
    assert.deepEqual(natural, [16, 12], 'the stripped JPEG still decodes')

    await expectNoHorizontalOverflow(page)
    await shoot(page, 'person-phone-ar')
    await expectAccessible(page, 'person-phone-ar')
    await page.getByTestId('language-switch').click()
    await page.getByText(text('en', 'personPage.timeline'), { exact: true }).waitFor()
    assert.match(
      (await intakeEvent.first().textContent()) ?? '',
      new RegExp(text('en', 'personPage.event.intake')),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'person-phone-en')
    await expectAccessible(page, 'person-phone-en')

    await page.setViewportSize(DESKTOP)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'person-desktop-en')
    await expectAccessible(page, 'person-desktop-en')
    await page.getByTestId('language-switch').click()
    await page.getByText(text('ar', 'personPage.timeline'), { exact: true }).waitFor()
    await shoot(page, 'person-desktop-ar')
    await page.setViewportSize(PHONE)
  })

  void test('a viewer is not given the person page', async () => {
    await signIn('viewer')
    await page.goto(`${ready.url}/persons/${personId}`)
    await page.locator('main').first().waitFor()
    assert.equal(await page.getByTestId('person-scene').count(), 0)
    const res = await page.request.get(`${ready.url}/api/persons/${personId}/story`)
    assert.equal(res.status(), 403)
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(pageErrors, [])
  })
})
