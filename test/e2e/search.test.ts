/**
 * End to end: the records search screen in Chromium against `athar demo --records 300`, as
 * the investigator, in Arabic first. An Arabic name from the demo (first and family name)
 * finds its record on top; a Latin spelling (Mohammad) finds records written in both
 * scripts; a one-letter query shows the refusal; the source-kind filter narrows the list and
 * lands in the URL, and the back button returns to the unfiltered list. axe-core runs on the
 * results page in both languages; screenshots in Arabic and English, phone and desktop, go
 * to test-results/screenshots/ (docs/screenshots/ with ATHAR_SCREENSHOTS=1).
 *
 * The web app must be built (npm run build:web; scripts/run-tests.js does it before e2e).
 * Run: node --import tsx --test test/e2e/search.test.ts
 */
import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import type { Page } from 'playwright-core'
import {
  PHONE,
  expectNoHorizontalOverflow,
  shoot,
  text,
  type DemoReady,
  signInAs,
  startDemoBrowser,
  type DemoBrowser,
} from '../support/e2e.js'
import { expectAccessible } from '../support/a11y.js'

const DESKTOP = { width: 1280, height: 900 }
const ARABIC = /[\u0600-\u06FF]/
const LATIN = /[A-Za-z]/

interface Hit {
  recordId: string
  fields: Record<string, unknown>
  provenance: { source_kind?: string }
}

void describe('records search in Chromium', { timeout: 300_000 }, () => {
  let demo: DemoBrowser
  let ready: DemoReady
  let page: Page
  let pageErrors: string[] = []
  // An Arabic first + family name of a demo record, found through the API as a user would.
  let arabicQuery = ''
  let arabicFamily = ''

  before(async () => {
    demo = await startDemoBrowser('search', 300)
    ;({ ready, page, pageErrors } = demo)

    const user = ready.users.find((u) => u.role === 'investigator')
    assert.ok(user)
    const login = await fetch(`${ready.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user.username, password: user.password }),
    })
    assert.equal(login.status, 200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const res = await fetch(
      `${ready.url}/api/records/search?q=${encodeURIComponent('محمد')}&limit=25`,
      { headers: { cookie } },
    )
    const { results } = (await res.json()) as { results: Hit[] }
    const named = results.find(
      (r) =>
        r.fields.first_name === 'محمد' &&
        typeof r.fields.family_name === 'string' &&
        ARABIC.test(r.fields.family_name),
    )
    assert.ok(named, 'the demo has a محمد with an Arabic family name')
    arabicFamily = String(named.fields.family_name)
    arabicQuery = `محمد ${arabicFamily}`
  })

  after(async () => demo?.close())

  const signIn = (role: string) => signInAs(demo, role)

  /** How many answers the scene has shown; a search is done when this grows. */
  async function answers(): Promise<number> {
    return Number(await page.getByTestId('search-scene').getAttribute('data-answers'))
  }

  async function waitForAnswer(before: number): Promise<void> {
    // A locator, not waitForFunction: the page's CSP refuses evaluating strings.
    await page.locator(`[data-testid=search-scene]:not([data-answers="${before}"])`).waitFor()
  }

  /** Types a query, submits, and waits for the answer. */
  async function search(q: string): Promise<void> {
    const before = await answers()
    await page.locator('#search-q').fill(q)
    await page.getByTestId('search-submit').click()
    await waitForAnswer(before)
  }

  const hitNames = () => page.getByTestId('hit-name').allTextContents()

  void test('investigator: Arabic and Latin names, a refusal, a filter, back; a11y and screenshots', async () => {
    await signIn('investigator')
    // The home's "records search" card leads to the screen.
    await page.getByTestId('area-recordsSearch').getByRole('link').click()
    await page.waitForURL(/\/search$/)
    await page.getByTestId('search-scene').waitFor()
    assert.equal(await page.locator('#search-q').getAttribute('dir'), 'auto')

    // An Arabic name from the demo: its record comes first, written as its source wrote it.
    await search(arabicQuery)
    assert.equal(await page.getByTestId('search-scene').getAttribute('data-state'), 'results')
    const names = await hitNames()
    assert.ok(names.length >= 1, 'results for an Arabic name')
    assert.ok(
      names[0]?.startsWith('محمد') && names[0].includes(arabicFamily),
      `first hit ${names[0]}`,
    )
    assert.equal(await page.getByTestId('hit-name').first().getAttribute('dir'), 'auto')
    assert.equal(await page.getByTestId('hit-rank').first().textContent(), '1')
    assert.match((await page.getByTestId('hit-score').first().textContent()) ?? '', /\d+%/)
    const status = (await page.getByTestId('search-status').textContent()) ?? ''
    assert.equal(
      status,
      text('ar', 'search.count').replace('{count}', String(names.length)),
      'the live region announces the count',
    )
    assert.equal(await page.getByTestId('search-status').getAttribute('role'), 'status')
    const url = new URL(page.url())
    assert.equal(url.pathname, '/search')
    assert.equal(url.searchParams.get('q'), arabicQuery, 'the query is kept in the URL')
    // Dates in both forms: numerals as on paper, and readable.
    const dates = await page.getByTestId('hit-birth-date').allTextContents()
    assert.ok(
      dates.every((d) => /^\d{4}(-\d{2}(-\d{2} · .+)?)?/.test(d)),
      `dates: ${dates.join(' | ')}`,
    )
    // The demo ran linkage: each hit's name leads to its person's page (all accounts).
    const personLinks = page.getByTestId('hit-person')
    assert.ok((await personLinks.count()) > 0, 'hits link to their person')
    assert.match((await personLinks.first().getAttribute('href')) ?? '', /^\/persons\/[^/]+$/)

    await expectNoHorizontalOverflow(page)
    await shoot(page, 'search-phone-ar')
    await expectAccessible(page, 'search-phone-ar')

    // A Latin spelling finds records written in Latin and in Arabic letters.
    await search('Mohammad')
    const latinNames = await hitNames()
    assert.ok(latinNames.length >= 2, 'results for a Latin spelling')
    assert.ok(
      latinNames.some((n) => LATIN.test(n)),
      `Latin-script hits: ${latinNames.join(' | ')}`,
    )
    assert.ok(
      latinNames.some((n) => ARABIC.test(n)),
      `Arabic-script hits: ${latinNames.join(' | ')}`,
    )

    // One letter is refused with the screen's own words, and no list is shown.
    await search('م')
    assert.equal(
      await page.getByTestId('problem').textContent(),
      text('ar', 'search.refused.query_too_short'),
    )
    assert.equal(await page.getByTestId('search-hit').count(), 0)
    // Digits only: not a name search.
    await search('0933123456')
    assert.equal(
      await page.getByTestId('problem').textContent(),
      text('ar', 'search.refused.query_without_name'),
    )

    // A name no record has: the live region says so.
    await search('Qxzqv Wjxkpz')
    assert.equal(await page.getByTestId('search-hit').count(), 0)
    assert.equal(await page.getByTestId('search-status').textContent(), text('ar', 'search.none'))
    assert.equal(await page.getByTestId('problem').count(), 0)

    // A filter narrows the list and lands in the URL; back returns to the wider list.
    await search('محمد')
    const all = await page.getByTestId('search-hit').count()
    assert.ok(all >= 2)
    await page.getByTestId('search-filters-toggle').click()
    await page.locator('#search-source').selectOption('register')
    const before = await answers()
    await page.getByTestId('search-submit').click()
    await waitForAnswer(before)
    assert.equal(new URL(page.url()).searchParams.get('sourceKind'), 'register')
    const sources = await page.getByTestId('hit-source').allTextContents()
    assert.ok(sources.length >= 1 && sources.length < all, `${sources.length} of ${all}`)
    assert.ok(
      sources.every((s) => s.startsWith(text('ar', 'sourceKind.register'))),
      `sources: ${sources.join(' | ')}`,
    )
    const backFrom = await answers()
    await page.goBack()
    await waitForAnswer(backFrom)
    assert.equal(new URL(page.url()).searchParams.get('sourceKind'), null)
    assert.equal(await page.getByTestId('search-hit').count(), all)
    assert.equal(await page.locator('#search-source').inputValue(), '', 'the form follows the URL')
    assert.equal(await page.locator('#search-q').inputValue(), 'محمد')

    // A shared link opens the same filtered list, with the filters shown.
    const shared = `${ready.url}/search?q=${encodeURIComponent(arabicQuery)}&sourceKind=register`
    await page.goto(shared)
    await page.getByTestId('search-hit').first().waitFor()
    assert.equal(await page.locator('#search-source').inputValue(), 'register')
    assert.ok(await page.locator('#search-source').isVisible(), 'filters open when set')

    await expectNoHorizontalOverflow(page)
    await expectAccessible(page, 'search-phone-ar-filters')
    await page.getByTestId('language-switch').click()
    await page.getByRole('heading', { name: text('en', 'search.title'), exact: true }).waitFor()
    assert.ok(
      ((await page.getByTestId('hit-source').first().textContent()) ?? '').startsWith(
        text('en', 'sourceKind.register'),
      ),
    )
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'search-phone-en')
    await expectAccessible(page, 'search-phone-en')

    await page.setViewportSize(DESKTOP)
    await expectNoHorizontalOverflow(page)
    await shoot(page, 'search-desktop-en')
    await expectAccessible(page, 'search-desktop-en')
    await page.getByTestId('language-switch').click()
    await page.getByRole('heading', { name: text('ar', 'search.title'), exact: true }).waitFor()
    await shoot(page, 'search-desktop-ar')
    await page.setViewportSize(PHONE)
  })

  void test('a viewer is not given the search screen', async () => {
    await signIn('viewer')
    await page.goto(`${ready.url}/search?q=${encodeURIComponent('محمد')}`)
    await page.locator('main').first().waitFor()
    assert.equal(await page.getByTestId('search-scene').count(), 0)
  })

  void test('no script error and no CSP violation happened', () => {
    assert.deepEqual(pageErrors, [])
  })
})
