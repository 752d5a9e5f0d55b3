/**
 * End to end: the sources screen in Chromium against `athar demo --records 300`. The
 * investigator opens it from the home card and uploads a small generated CSV with Arabic
 * names: first with an impossible date (the row-level report shows row, column, value and
 * reason, and nothing is imported), then corrected (progress reaches done, the batch is
 * listed, the same file again is "already imported"). The coordinator runs linkage and sees
 * its progress, then the summary and the model's figures. Every state is checked with axe in
 * both languages; screenshots on a phone and a desktop, in Arabic and English, go to
 * test-results/screenshots/ (docs/screenshots/ with ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/sources.test.ts
 */
import assert from 'node:assert/strict'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  expectNoHorizontalOverflow,
  PHONE,
  shoot,
  text,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
  waitForExpression,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const DESKTOP = { width: 1280, height: 900 }

// Synthetic names only. Syrian-style columns: الاسم | اسم الأب | الكنية (docs/import-formats.md).
const HEADER = 'رقم السجل,الاسم,اسم الأب,الكنية,الجنس,تاريخ الولادة,مكان الاحتجاز'
const ROWS = [
  'e2e-src-1,خالد,محمود,العلي,ذكر,1984-03-12,صيدنايا',
  'e2e-src-2,سمر,يوسف,الحمصي,أنثى,BIRTH,فرع فلسطين',
  'e2e-src-3,عمر,أحمد,الشامي,ذكر,1990,المزة',
]
const BAD_DATE = '2019-13-45'

function csv(secondBirthDate: string): string {
  return [HEADER, ...ROWS.map((r) => r.replace('BIRTH', secondBirthDate))].join('\n') + '\n'
}

void describe('sources screen in Chromium', { timeout: 300_000 }, () => {
  let tempDir = ''
  let demo: DemoBrowser
  let page: Page
  let pageErrors: string[] = []

  before(async () => {
    demo = await startDemoBrowser('sources', 300)
    ;({ page, pageErrors, tempDir } = demo)
  })

  after(async () => demo?.close())

  /** Signs in as the role, in Arabic, on a phone, and opens the sources card of the home page. */
  async function signInAndOpenSources(role: string): Promise<void> {
    await page.setViewportSize(PHONE)
    await signInAs(demo, role)
    await page.getByTestId('area-sources').locator('a').click()
    await page.getByTestId('sources-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, '/sources')
  }

  async function switchLanguage(to: 'ar' | 'en'): Promise<void> {
    await page.getByTestId('language-switch').click()
    await waitForExpression(page, `document.documentElement.lang === '${to}'`)
  }

  /** Checks, and photographs on a phone and a desktop, the page as it stands. */
  async function capture(name: string): Promise<void> {
    await expectNoHorizontalOverflow(page)
    await expectAccessible(page, name)
    await shoot(page, `${name}-phone`)
    await page.setViewportSize(DESKTOP)
    await expectNoHorizontalOverflow(page)
    await shoot(page, `${name}-desktop`)
    await page.setViewportSize(PHONE)
  }

  async function batchCount(): Promise<number> {
    await page.getByTestId('batch-table').waitFor()
    return page.getByTestId('batch-row').count()
  }

  async function upload(path: string): Promise<void> {
    await page.locator('#import-file').setInputFiles(path)
    await page.getByTestId('import-kind').selectOption('ngo-list')
    await page.getByTestId('import-submit').click()
  }

  void test('investigator: a refused file shows where and why, nothing imported; the corrected file imports', async () => {
    const badPath = join(tempDir, 'athar-e2e-قائمة-خطأ.csv')
    const goodPath = join(tempDir, 'athar-e2e-list.csv')
    writeFileSync(badPath, csv(BAD_DATE))
    writeFileSync(goodPath, csv('1988-07-01'))

    await signInAndOpenSources('investigator')
    const before = await batchCount()
    await capture('sources-empty-ar')

    // Submitting without a file is answered at the file input.
    await page.getByTestId('import-submit').click()
    await page.getByTestId('error-import-file').waitFor()
    assert.equal(await page.locator('#import-file').getAttribute('aria-invalid'), 'true')

    await page.locator('#import-document').fill('قائمة تجريبية من منظمة')
    await upload(badPath)
    await page.getByTestId('import-failure').waitFor()
    const report = page.getByTestId('import-report-row')
    assert.equal(await report.count(), 1)
    assert.equal(await report.getByTestId('report-row').textContent(), '3')
    assert.equal(await report.getByTestId('report-column').textContent(), 'تاريخ الولادة')
    assert.equal(await report.getByTestId('report-value').textContent(), BAD_DATE)
    assert.equal(
      await report.getByTestId('report-reason').textContent(),
      text('ar', 'sources.issue.invalid_date'),
    )
    assert.match(
      (await page.getByTestId('import-status').textContent()) ?? '',
      /لم يُستورد شيء/,
      'the live region says nothing was imported',
    )
    assert.equal(await page.getByTestId('import-success').count(), 0)
    assert.equal(
      await page.getByTestId('import-file-name').textContent(),
      'athar-e2e-قائمة-خطأ.csv',
      'the chosen file is named in the page',
    )
    await capture('sources-rejected-ar')
    await page.reload()
    await page.getByTestId('sources-scene').waitFor()
    assert.equal(await batchCount(), before, 'nothing was imported')

    await switchLanguage('en')
    await upload(badPath)
    await page.getByTestId('import-failure').waitFor()
    assert.equal(
      await page.getByTestId('report-reason').textContent(),
      text('en', 'sources.issue.invalid_date'),
    )
    assert.equal(await page.getByRole('columnheader', { name: 'Row', exact: true }).count(), 1)
    await capture('sources-rejected-en')

    await upload(goodPath)
    await page.getByTestId('import-success').waitFor()
    const progress = page.locator('#import-job')
    assert.equal(await progress.getAttribute('value'), '100')
    assert.equal(
      await page.getByTestId('import-job-stage').textContent(),
      text('en', 'sources.stage.done'),
    )
    assert.equal(
      await page.getByTestId('import-status').textContent(),
      text('en', 'sources.result.imported').replace('{count}', '3'),
    )
    assert.match((await page.getByTestId('import-sha256').textContent()) ?? '', /^[0-9a-f]{64}$/)
    // The list is refreshed with the new batch, newest first.
    await waitForExpression(
      page,
      `document.querySelectorAll('[data-testid=batch-row]').length === ${before + 1}`,
    )
    const newest = page.getByTestId('batch-row').first()
    assert.equal(await newest.getByTestId('batch-file').textContent(), 'athar-e2e-list.csv')
    const sha = newest.getByTestId('batch-sha256')
    assert.equal(
      await sha.getAttribute('title'),
      await page.getByTestId('import-sha256').textContent(),
    )
    await capture('sources-imported-en')

    // The very same file again: recognised by its fingerprint, nothing added.
    await upload(goodPath)
    await page.getByTestId('import-success').waitFor()
    await waitForExpression(
      page,
      `document.querySelector('[data-testid=import-status]')?.textContent === ${JSON.stringify(text('en', 'sources.result.already'))}`,
    )
    assert.equal(await batchCount(), before + 1)

    await switchLanguage('ar')
    await expectAccessible(page, 'sources-already-ar')
    await shoot(page, 'sources-already-ar-phone')
    // The investigator holds linkage.run too.
    assert.equal(await page.getByTestId('linkage-run').count(), 1)
  })

  void test('coordinator: runs linkage, follows its progress, reads the summary and the model', async () => {
    await signInAndOpenSources('coordinator')
    await page.getByTestId('linkage-run').click()
    const progress = page.locator('#linkage-job')
    await progress.waitFor()
    assert.equal(
      await page.getByLabel(text('ar', 'sources.progressLinkage'), { exact: true }).count(),
      1,
      'the progress bar is named by its label',
    )
    await page.getByTestId('linkage-summary').waitFor({ timeout: 120_000 })
    assert.equal(await progress.getAttribute('value'), '100')
    assert.equal(
      await page.getByTestId('linkage-job-stage').textContent(),
      text('ar', 'sources.stage.done'),
    )
    assert.equal(
      await page.getByTestId('linkage-status').textContent(),
      text('ar', 'sources.linkage.done'),
    )
    const records = Number(
      (await page.getByTestId('linkage-records').textContent())?.replace(/\D/g, ''),
    )
    assert.ok(records >= 300, `linked ${records} records`)
    for (const id of ['linkage-candidates', 'linkage-auto', 'linkage-review']) {
      assert.match((await page.getByTestId(id).textContent()) ?? '', /^[0-9,]+$/, id)
    }
    await page.getByTestId('model-figures').locator('summary').click()
    await page.getByTestId('model-figures').locator('table').first().waitFor()
    await capture('sources-linkage-ar')
    await switchLanguage('en')
    await page.getByTestId('linkage-summary').waitFor()
    await capture('sources-linkage-en')
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(pageErrors, [])
  })
})
