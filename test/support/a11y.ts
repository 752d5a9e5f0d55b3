/**
 * Accessibility checks in the browser with axe-core (Deque's open-source rules engine, the one
 * behind Lighthouse's accessibility audit): WCAG 2.x A and AA rules — labels, names of
 * controls, contrast AA, landmarks, lang/dir, ARIA use. The source is evaluated through the
 * DevTools protocol, which the page's CSP does not govern (the app itself allows no inline
 * script), and the rules run on the page as it stands.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface AxeViolation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: string[]; failureSummary?: string }>
}

/** Fails with a readable list when the page breaks a WCAG 2.x A/AA rule. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe !== "undefined"')
  if (!loaded) await page.evaluate(AXE_SOURCE)
  const violations = (await page.evaluate(`
    window.axe
      .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
      .then((r) => r.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })))
  `)) as AxeViolation[]
  const report = violations
    .map(
      (v) =>
        `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes
          .map(
            (n) => `    at ${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\n/g, ' ')}`,
          )
          .join('\n')}`,
    )
    .join('\n')
  assert.equal(violations.length, 0, `${where}: accessibility violations\n${report}`)
}
