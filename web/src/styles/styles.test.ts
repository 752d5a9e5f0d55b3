/**
 * The RTL and CSP rules of web/README.md, checked on the sources: CSS uses logical
 * properties only (so dir="rtl" mirrors the layout), loads nothing from elsewhere, and no
 * component sets an inline style attribute (the CSP's style-src 'self' would block it).
 * Run: node --import tsx --test web/src/styles/styles.test.ts
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'

const webSrc = fileURLToPath(new URL('..', import.meta.url))

const PHYSICAL = [
  /\b(?:margin|padding|border|scroll-margin|scroll-padding)-(?:left|right)\b/,
  /(?:^|[\s;{])(?:left|right)\s*:/,
  /\btext-align\s*:\s*(?:left|right)\b/,
  /\bfloat\s*:\s*(?:left|right)\b/,
  /\bclear\s*:\s*(?:left|right)\b/,
  /\bborder-(?:top|bottom)-(?:left|right)-radius\b/,
]
const REMOTE = /url\(\s*['"]?(?:https?:)?\/\/|@import\s+['"]?(?:https?:)?\/\//

/** Lines of a stylesheet that use physical (left/right) properties or remote resources. */
function findStyleViolations(css: string): string[] {
  const withoutComments = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '))
  return withoutComments
    .split('\n')
    .map((line, index) => ({ line, number: index + 1 }))
    .filter(({ line }) => PHYSICAL.some((rule) => rule.test(line)) || REMOTE.test(line))
    .map(({ line, number }) => `${number}: ${line.trim()}`)
}

function listFiles(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(path, pattern)
    return pattern.test(entry.name) ? [path] : []
  })
}

void describe('stylesheets', () => {
  void test('the checker catches physical properties and remote resources', () => {
    const sample = [
      '.a { margin-left: 1rem; }',
      '.b { padding-inline-start: 1rem; }',
      '.c { text-align: right; }',
      '.d { right: 0; }',
      '.e { inset-inline-end: 0; }',
      "@import url('https://fonts.example/x.css');",
      '/* margin-left: in a comment is fine */',
    ].join('\n')
    assert.deepEqual(
      findStyleViolations(sample).map((v) => v.split(':')[0]),
      ['1', '3', '4', '6'],
    )
  })

  void test('web/src stylesheets use logical properties only and load nothing remote', () => {
    const files = listFiles(webSrc, /\.css$/)
    assert.ok(files.length > 0, 'found the stylesheets')
    const problems = files.flatMap((path) =>
      findStyleViolations(readFileSync(path, 'utf8')).map((v) => `${relative(webSrc, path)}:${v}`),
    )
    assert.deepEqual(problems, [])
  })
})

void describe('components', () => {
  void test('no inline style attributes (blocked by the CSP style-src self)', () => {
    const files = listFiles(webSrc, /\.tsx$/)
    assert.ok(files.length > 0)
    const offenders = files.filter((path) => /\bstyle=\{/.test(readFileSync(path, 'utf8')))
    assert.deepEqual(
      offenders.map((p) => relative(webSrc, p)),
      [],
    )
  })
})
