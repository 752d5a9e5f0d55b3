/**
 * The whole tracing story in Chromium, on a phone-sized screen, against `athar demo`:
 * 1. a caseworker files a family report in Arabic for يزن عماد الشامي;
 * 2. a field officer, in English, registers a freed man at the gate as "Yazan Imad Al-Shami";
 * 3. the engine links the two across scripts and, because the pair touches a family's case,
 *    it waits in the review queue — the reviewer finds it and confirms "same person";
 * 4. the case moved open → possible match → confirmed alive;
 * 5. the caseworker sees the task to inform the family, and marks it done.
 * Every step is shot in Arabic and English (docs/screenshots/story-* with ATHAR_SCREENSHOTS=1).
 *
 * Run: npm run build:web && node --import tsx --test test/e2e/story.test.ts
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  expectNoHorizontalOverflow,
  shoot,
  signInAs,
  startDemoBrowser,
  switchLanguage as switchTo,
  text,
  type DemoBrowser,
  type DemoReady,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const ARABIC = { first: 'يزن', father: 'عماد', family: 'الشامي', mother: 'رنا' }
const LATIN = { first: 'Yazan', father: 'Imad', family: 'Al-Shami' }

type Language = 'ar' | 'en'

void describe('the tracing story in Chromium', { timeout: 300_000 }, () => {
  let demo: DemoBrowser
  let ready: DemoReady
  let page: Page
  let caseId = ''

  before(async () => {
    demo = await startDemoBrowser('story', 300)
    ;({ ready, page } = demo)
  })

  after(async () => demo?.close())

  const field = (language: Language, key: string) =>
    page.getByLabel(text(language, key), { exact: true })

  /** Signs in as the role (in Arabic, the default), leaving the browser on the home page. */
  const signIn = (role: string) => signInAs(demo, role)
  const switchLanguage = (to: Language) => switchTo(page, to)

  /** The API as the signed-in browser sees it (same cookie). */
  async function api<T>(path: string): Promise<T> {
    const response = await page.request.get(`${ready.url}${path}`)
    assert.equal(response.status(), 200, `${path}: ${response.status()}`)
    return (await response.json()) as T
  }

  void test('1. a caseworker files a family report in Arabic', async () => {
    await signIn('caseworker')
    await page.getByTestId('area-familyReports').locator('a').click()
    await page.getByTestId('report-scene').waitFor()
    await field('ar', 'person.firstName').fill(ARABIC.first)
    await field('ar', 'person.fatherName').fill(ARABIC.father)
    await field('ar', 'person.familyName').fill(ARABIC.family)
    await field('ar', 'person.motherName').fill(ARABIC.mother)
    await field('ar', 'report.birthDate').fill('1990-04-12')
    await field('ar', 'report.lastSeenPlace').fill('حمص')
    await field('ar', 'report.detentionPlace').fill('صيدنايا')
    await field('ar', 'report.reporterName').fill('رنا الشامي')
    await field('ar', 'report.reporterRelation').fill('الأم')
    await field('ar', 'report.reporterPhone').fill('+963 900 000 111')
    await page.locator('[id="consent.tracing"]').check()
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'story-1-report-ar')
    await expectAccessible(page, 'story-1-report-ar')
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-success').waitFor()
    caseId = ((await page.getByTestId('report-case-id').textContent()) ?? '').trim()
    assert.ok(caseId.length > 0)
    await shoot(page, 'story-1-report-done-ar')
    await switchLanguage('en')
    await shoot(page, 'story-1-report-done-en')
  })

  void test('2. a field officer registers the freed man at the gate in Latin letters', async () => {
    await signIn('field_officer')
    await switchLanguage('en')
    await page.getByTestId('area-intake').locator('a').click()
    await page.getByTestId('intake-scene').waitFor()
    await field('en', 'person.firstName').fill(LATIN.first)
    await field('en', 'person.fatherName').fill(LATIN.father)
    await field('en', 'person.familyName').fill(LATIN.family)
    await field('en', 'intake.foundAt').fill('Saydnaya prison, gate 2')
    await shoot(page, 'story-2-intake-en')
    await expectAccessible(page, 'story-2-intake-en')
    await page.getByTestId('intake-submit').click()
    await page.getByTestId('intake-success').waitFor()
    await shoot(page, 'story-2-intake-done-en')
    await switchLanguage('ar')
    await shoot(page, 'story-2-intake-done-ar')
  })

  void test('3. the pair waits in the review queue; the reviewer confirms "same person"', async () => {
    await signIn('reviewer')
    await page.getByTestId('area-reviewQueue').locator('a').click()
    await page.getByTestId('review-scene').waitFor()
    // Pairs of families' cases come first; skip others until the story's pair shows.
    const pair = page.getByTestId('review-pair')
    let found = false
    for (let i = 0; i < 20 && !found; i++) {
      await pair.waitFor()
      const shown = (await pair.textContent()) ?? ''
      found = shown.includes(ARABIC.first) && shown.includes(LATIN.first)
      if (!found) await page.getByTestId('review-skip').click()
    }
    assert.ok(found, 'the report and the intake are not in the review queue')
    assert.equal(await page.getByTestId('review-record').count(), 2)
    await page.getByTestId('review-waterfall').waitFor()
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'story-3-review-ar')
    await expectAccessible(page, 'story-3-review-ar')
    await switchLanguage('en')
    await pair.waitFor()
    await shoot(page, 'story-3-review-en')
    await expectAccessible(page, 'story-3-review-en')
    await page.getByTestId('review-note').fill('Same parents, birth year fits the age at the gate.')
    await page.getByTestId('review-same').click()
    await page.getByTestId('review-outcome').filter({ hasText: /\S/ }).waitFor()
    await shoot(page, 'story-3-review-done-en')
  })

  void test('4. the case went from open to possible match to confirmed alive', async () => {
    await signIn('caseworker')
    const view = await api<{ status: string; history: Array<{ to: string | null }> }>(
      `/api/cases/${encodeURIComponent(caseId)}`,
    )
    assert.equal(view.status, 'confirmed_alive')
    assert.deepEqual(
      view.history.map((h) => h.to),
      ['open', 'possible_match', 'confirmed_alive'],
    )
    await page.goto(`${ready.url}/cases/${encodeURIComponent(caseId)}`)
    await page.getByTestId('case-scene').waitFor()
    assert.equal(
      ((await page.getByTestId('case-status').textContent()) ?? '').trim(),
      text('ar', 'case.status.confirmed_alive'),
    )
    assert.equal(await page.getByTestId('history-item').count(), 3)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'story-4-case-ar')
    await expectAccessible(page, 'story-4-case-ar')
    await switchLanguage('en')
    await page.getByTestId('case-status').waitFor()
    await shoot(page, 'story-4-case-en')
    await expectAccessible(page, 'story-4-case-en')
  })

  void test('5. the caseworker sees the task to inform the family, and does it', async () => {
    await signIn('caseworker')
    const task = page
      .getByTestId('dash-task')
      .filter({ has: page.locator(`a[href="/cases/${encodeURIComponent(caseId)}"]`) })
    await task.waitFor()
    assert.match(
      (await task.textContent()) ?? '',
      new RegExp(text('ar', 'case.task.inform_family')),
    )
    await shoot(page, 'story-5-task-ar')
    await expectAccessible(page, 'story-5-task-ar')
    await switchLanguage('en')
    await task.waitFor()
    await shoot(page, 'story-5-task-en')
    await expectAccessible(page, 'story-5-task-en')
    await task.locator('a').click()
    await page.getByTestId('case-scene').waitFor()
    await page.getByTestId('task-done').click()
    await page
      .getByTestId('case-status')
      .filter({ hasText: text('en', 'case.status.family_informed') })
      .waitFor()
    await shoot(page, 'story-5-informed-en')
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(demo.pageErrors, [])
  })
})
