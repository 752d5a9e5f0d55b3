/**
 * End to end: the first two tracing screens in Chromium, on a phone-sized screen, against
 * `athar demo --records 300`. A caseworker opens the intake screen from the home card, types
 * the Latin name of a demo record, sees it suggested and attaches the intake to it. A field
 * officer registers an unidentified person (a missing place is shown at its field first). A caseworker files
 * a family report (missing tracing consent is refused next to the checkbox first).
 * Screenshots in Arabic and English go to test-results/screenshots/ (docs/screenshots/ with
 * ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/intake.test.ts
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  expectNoHorizontalOverflow,
  shoot,
  text,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

// A record of the demo data (bench generator, seed 2024, within the first 300): an NGO list
// written in Latin letters.
const DEMO_NAME = { first: 'Ahmad', family: 'Hadjdj' }

/** The input a visible label names (proves the label is bound to it). */
function field(page: Page, language: 'ar' | 'en', key: string) {
  return page.getByLabel(text(language, key), { exact: true })
}

void describe('tracing screens in Chromium', { timeout: 240_000 }, () => {
  let demo: DemoBrowser
  let page: Page
  let pageErrors: string[] = []

  before(async () => {
    demo = await startDemoBrowser('intake', 300)
    ;({ page, pageErrors } = demo)
  })

  after(async () => demo?.close())

  /** Signs in as the role, in Arabic, and opens the work area's card from the home page. */
  async function signInAndOpen(role: string, area: string): Promise<void> {
    await signInAs(demo, role)
    await page.getByTestId(`area-${area}`).locator('a').click()
  }

  // Search before create runs as the caseworker (who has the intake screen too): the policy
  // lets a field officer search `normal` records only, and the demo's imports are `sensitive`.
  void test('caseworker: names typed in Latin letters suggest a demo record to attach to', async () => {
    await signInAndOpen('caseworker', 'intake')
    await page.getByTestId('intake-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, '/intake')
    const first = field(page, 'ar', 'person.firstName')
    assert.equal(await first.getAttribute('dir'), 'auto')
    await first.fill(DEMO_NAME.first)
    await field(page, 'ar', 'person.familyName').fill(DEMO_NAME.family)
    const suggestion = page.getByTestId('suggestion').first()
    await suggestion.waitFor()
    assert.match((await suggestion.textContent()) ?? '', /Ahmad/)
    const attach = suggestion.getByRole('button')
    assert.equal(await attach.textContent(), text('ar', 'intake.attach'))
    await attach.click()
    assert.equal(await attach.getAttribute('aria-pressed'), 'true')
    assert.equal(
      await page.getByTestId('intake-submit').textContent(),
      text('ar', 'intake.submitAttach'),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'intake-search-ar')
    await expectAccessible(page, 'intake-search-ar')

    await page.getByTestId('language-switch').click()
    await field(page, 'en', 'person.firstName').waitFor()
    assert.equal(await attach.textContent(), text('en', 'intake.attached'))
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'intake-search-en')
    await expectAccessible(page, 'intake-search-en')
    await field(page, 'en', 'intake.foundAt').fill('Gate 1')
    await page.getByTestId('intake-submit').click()
    await page.getByTestId('intake-success').waitFor()
    assert.ok(((await page.getByTestId('intake-record-id').textContent()) ?? '').length > 0)
  })

  void test('field officer: registers an unidentified person; a missing place is shown at its field', async () => {
    await signInAndOpen('field_officer', 'intake')
    await page.getByTestId('intake-scene').waitFor()
    await page.getByTestId('identity-unidentified').check()
    assert.equal(await page.locator('#firstName').count(), 0, 'no name fields')
    const age = field(page, 'ar', 'intake.approximateAge')
    await age.fill('\u0664\u0660')
    assert.equal(await age.inputValue(), '40', 'Arabic-Indic digits are shown as 0-9')
    await field(page, 'ar', 'intake.marks').fill('ندبة فوق الحاجب الأيسر')
    await page.getByTestId('intake-submit').click()
    const foundAt = field(page, 'ar', 'intake.foundAt')
    await page.getByTestId('error-facilityText').waitFor()
    assert.equal(await foundAt.getAttribute('aria-invalid'), 'true')
    assert.equal(
      await page.getByTestId('error-facilityText').textContent(),
      text('ar', 'fieldError.required'),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'intake-error-ar')
    await expectAccessible(page, 'intake-error-ar')

    await foundAt.fill('البوابة 2')
    // A double click sends one key twice: the server registers the person once.
    await page.getByTestId('intake-submit').dblclick()
    await page.getByTestId('intake-success').waitFor()
    assert.ok(((await page.getByTestId('intake-record-id').textContent()) ?? '').length > 0)
    await shoot(page, 'intake-done-ar')
    await expectAccessible(page, 'intake-done-ar')
    await page.getByTestId('language-switch').click()
    await page.getByText(text('en', 'intake.recordId')).waitFor()
    await shoot(page, 'intake-done-en')
  })

  void test('caseworker: files a family report; tracing consent is required', async () => {
    await signInAndOpen('caseworker', 'familyReports')
    await page.getByTestId('report-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, '/reports/new')
    await field(page, 'ar', 'person.firstName').fill('حسن')
    await field(page, 'ar', 'person.familyName').fill('Al-Basel')
    await field(page, 'ar', 'report.birthDate').fill('1992')
    await field(page, 'ar', 'report.lastSeenPlace').fill('الشام')
    await field(page, 'ar', 'report.reporterName').fill('وفاء')
    await field(page, 'ar', 'report.reporterRelation').fill('الأم')
    await field(page, 'ar', 'report.reporterPhone').fill('+963 11 555 0100')
    await page.getByTestId('report-submit').click()
    const tracing = page.locator('[id="consent.tracing"]')
    assert.equal(await tracing.getAttribute('aria-invalid'), 'true')
    assert.equal(
      await page.getByTestId('error-consent.tracing').textContent(),
      text('ar', 'report.consentTracingRequired'),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'report-error-ar')
    await expectAccessible(page, 'report-error-ar')

    await tracing.check()
    assert.equal(await tracing.getAttribute('aria-invalid'), 'false', 'ticking clears its error')
    await page.getByTestId('language-switch').click()
    await shoot(page, 'report-form-en')
    await expectAccessible(page, 'report-form-en')
    await page.getByTestId('report-submit').click()
    await page.getByTestId('report-success').waitFor()
    assert.ok(((await page.getByTestId('report-case-id').textContent()) ?? '').length > 0)
    await shoot(page, 'report-done-en')
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(pageErrors, [])
  })
})
