/**
 * End to end: "My intakes" and "My decisions" in Chromium against `athar demo --records 300`,
 * whose field officer registered gate intakes (some unidentified) and whose reviewer
 * confirmed a few matches. Each list is reached from its home card, shows its items with
 * names as written, urgency or status in words and both date forms, and a linked item opens
 * the person page. Checked with axe-core in Arabic and English; screenshots on a phone and
 * a desktop go to test-results/screenshots/ (docs/screenshots/ with ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/my-work.test.ts
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  PHONE,
  expectNoHorizontalOverflow,
  shoot,
  signInAs,
  startDemoBrowser,
  switchLanguage,
  text,
  type DemoBrowser,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const DESKTOP = { width: 1280, height: 900 }
// Both forms side by side: "2026-11-28 10:00 · 28 تشرين الثاني 2026".
const DUAL_DATE = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} · \d{1,2} \S+( \S+)? \d{4}/

void describe('my intakes and my decisions in Chromium', { timeout: 300_000 }, () => {
  let demo: DemoBrowser | undefined
  let page: Page
  let pageErrors: string[] = []

  before(async () => {
    demo = await startDemoBrowser('my-work', 300)
    ;({ page, pageErrors } = demo)
  })

  after(async () => demo?.close())

  async function itemTexts(): Promise<string[]> {
    const items = (await page.getByTestId('mine-item').allTextContents()).map((s) => s.trim())
    // The count line agrees with the list.
    assert.match(
      (await page.getByTestId('mine-count').textContent()) ?? '',
      new RegExp(`\\b${items.length}\\b`),
    )
    return items
  }

  /** Axe and the screenshots in the current language, then the other one. */
  async function checkBothLanguages(name: string, where: string): Promise<void> {
    await expectAccessible(page, `${where} (ar)`)
    await expectNoHorizontalOverflow(page)
    await shoot(page, `${name}-phone-ar`)
    await switchLanguage(page, 'en')
    await page.getByRole('heading', { level: 1 }).waitFor()
    await expectAccessible(page, `${where} (en)`)
    await expectNoHorizontalOverflow(page)
    await shoot(page, `${name}-phone-en`)
    await page.setViewportSize(DESKTOP)
    await shoot(page, `${name}-desktop-en`)
    await switchLanguage(page, 'ar')
    await shoot(page, `${name}-desktop-ar`)
    await page.setViewportSize(PHONE)
  }

  test("the field officer's intakes: names or descriptions, urgency in words, a person page", async () => {
    assert.ok(demo)
    await page.setViewportSize(PHONE)
    await signInAs(demo, 'field_officer')
    await page.getByTestId('area-myIntakes').getByRole('link').click()
    await page.getByTestId('mine-list').waitFor()
    assert.equal(new URL(page.url()).pathname, '/intakes/mine')
    const items = await itemTexts()
    assert.ok(items.length > 3, `the demo officer registered intakes (${items.length})`)
    assert.ok(
      items.every((s) => DUAL_DATE.test(s)),
      items[0],
    )
    const unidentified = items.filter((s) => s.includes(text('ar', 'mine.intakes.unidentified')))
    assert.ok(unidentified.length > 0, 'the unidentified persons are listed')
    assert.ok(unidentified.some((s) => s.includes(text('ar', 'mine.intakes.marks'))))
    for (const level of ['none', 'urgent'] as const) {
      const words = text('ar', 'mine.intakes.health').replace(
        '{level}',
        text('ar', `mine.urgency.${level}`),
      )
      assert.ok(
        items.some((s) => s.includes(words)),
        `urgency shown in words: ${level}`,
      )
    }
    // Names as written are isolated for the bidi algorithm.
    assert.ok((await page.locator('[data-testid=mine-item] bdi[dir=auto]').count()) > 0)
    await checkBothLanguages('my-intakes', 'my intakes')

    const link = page.getByTestId('mine-person-link').first()
    const href = await link.getAttribute('href')
    assert.match(href ?? '', /^\/persons\/[^/]+$/)
    await link.click()
    await page.getByTestId('person-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, href)
    assert.deepEqual(pageErrors, [])
  })

  test("the reviewer's decisions: both names, verdict and status now, a person page", async () => {
    assert.ok(demo)
    await page.setViewportSize(PHONE)
    await signInAs(demo, 'reviewer')
    await page.getByTestId('area-myDecisions').getByRole('link').click()
    await page.getByTestId('mine-list').waitFor()
    assert.equal(new URL(page.url()).pathname, '/decisions/mine')
    const items = await itemTexts()
    assert.ok(items.length > 0, 'the demo reviewer decided pairs')
    const verdict = text('ar', 'mine.decisions.verdict').replace(
      '{verdict}',
      text('ar', 'mine.verdict.same'),
    )
    const status = text('ar', 'mine.decisions.status').replace(
      '{status}',
      text('ar', 'mine.status.confirmed_same'),
    )
    for (const s of items) {
      assert.ok(s.includes(verdict), s)
      assert.ok(s.includes(status), s)
      assert.ok(DUAL_DATE.test(s), s)
      assert.ok(s.includes('Demo: same mother, family and birth year.'), s)
    }
    assert.equal(
      await page.locator('[data-testid=mine-item] bdi[dir=auto]').count(),
      items.length * 3,
      'two names and the note of each decision, as written',
    )
    await checkBothLanguages('my-decisions', 'my decisions')

    const link = page.getByTestId('mine-person-link').first()
    const href = await link.getAttribute('href')
    assert.match(href ?? '', /^\/persons\/[^/]+$/)
    await link.click()
    await page.getByTestId('person-scene').waitFor()
    assert.equal(new URL(page.url()).pathname, href)
    assert.deepEqual(pageErrors, [])
  })
})
