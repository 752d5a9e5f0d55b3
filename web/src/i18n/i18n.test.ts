/**
 * The i18n rules of web/README.md, checked: ar.json and en.json have the same keys and
 * placeholders, each is in its own language, and no component carries visible text outside
 * the catalogues (JSX text, visible attributes, or Arabic anywhere in code).
 * Run: node --import tsx --test web/src/i18n/i18n.test.ts
 */
import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { ERROR_CODES } from '../../../src/core/errors.js'
import { ROLES } from '../../../src/core/access/roles.js'
import { formatDate, formatNumber } from './format.js'
import { directionOf, isMessageKey, otherLanguage, translate } from './messages.js'

const here = fileURLToPath(new URL('.', import.meta.url))
const webSrc = join(here, '..')

function readCatalogue(name: string): Record<string, string> {
  return JSON.parse(readFileSync(join(here, name), 'utf8')) as Record<string, string>
}

const ar = readCatalogue('ar.json')
const en = readCatalogue('en.json')

const ARABIC = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/
const LETTER = /[A-Za-z\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/
// Each language names itself in its own script on the switch button.
const OTHER_SCRIPT_ALLOWED = new Set(['lang.other'])
// Attributes a user sees or hears; their text must come from t().
const VISIBLE_ATTRIBUTES = new Set([
  'alt',
  'title',
  'placeholder',
  'label',
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
])

function placeholdersOf(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort()
}

interface Finding {
  line: number
  text: string
}

/** Visible literal text in one TS/TSX source: what must move into the catalogues. */
function findLiteralText(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  )
  const findings: Finding[] = []
  const report = (node: ts.Node, text: string) =>
    findings.push({ line: file.getLineAndCharacterOfPosition(node.getStart()).line + 1, text })
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && LETTER.test(node.text)) report(node, node.text.trim())
    if (ts.isJsxAttribute(node) && VISIBLE_ATTRIBUTES.has(node.name.getText(file))) {
      const init = node.initializer
      const literal = init !== undefined && ts.isJsxExpression(init) ? init.expression : init
      if (literal !== undefined && ts.isStringLiteralLike(literal) && LETTER.test(literal.text)) {
        report(node, literal.text)
      }
    }
    // {'text'} as a JSX child is visible text too.
    if (
      ts.isJsxExpression(node) &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent)) &&
      node.expression !== undefined &&
      ts.isStringLiteralLike(node.expression) &&
      LETTER.test(node.expression.text)
    ) {
      report(node, node.expression.text)
    }
    // Arabic belongs in ar.json, wherever it appears in code.
    if (
      (ts.isStringLiteralLike(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)) &&
      ARABIC.test(node.text)
    ) {
      report(node, node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return findings
}

function listSources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return listSources(path)
    const isSource = /\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith('.test.ts')
    return isSource ? [path] : []
  })
}

void describe('message catalogues', () => {
  void test('ar.json and en.json have exactly the same keys', () => {
    assert.deepEqual(Object.keys(ar).sort(), Object.keys(en).sort())
  })

  void test('no message is empty', () => {
    for (const [name, catalogue] of [
      ['ar', ar],
      ['en', en],
    ] as const) {
      for (const [key, value] of Object.entries(catalogue)) {
        assert.ok(value.trim().length > 0, `${name}.json: "${key}" is empty`)
      }
    }
  })

  void test('each key has the same {placeholders} in both languages', () => {
    for (const key of Object.keys(en)) {
      assert.deepEqual(placeholdersOf(ar[key] ?? ''), placeholdersOf(en[key] ?? ''), key)
    }
  })

  void test('Arabic messages are in Arabic and English ones carry no Arabic', () => {
    for (const [key, value] of Object.entries(ar)) {
      if (OTHER_SCRIPT_ALLOWED.has(key)) continue
      assert.match(value, ARABIC, `ar.json "${key}" is not Arabic`)
    }
    for (const [key, value] of Object.entries(en)) {
      if (OTHER_SCRIPT_ALLOWED.has(key)) continue
      assert.doesNotMatch(value, ARABIC, `en.json "${key}" carries Arabic`)
    }
  })

  void test('every error code the server can answer has a message (shown by code)', () => {
    for (const code of ERROR_CODES) {
      assert.ok(isMessageKey(`errors.${code}`), `missing errors.${code}`)
    }
  })

  void test('every role has a name, a home title and a purpose', () => {
    for (const role of ROLES) {
      for (const key of [`role.${role}`, `home.${role}.title`, `home.${role}.purpose`]) {
        assert.ok(isMessageKey(key), `missing ${key}`)
      }
    }
  })
})

void describe('translate', () => {
  void test('looks up by language and fills placeholders', () => {
    assert.equal(translate('ar', 'app.name'), 'أثر')
    assert.equal(translate('en', 'app.name'), 'Athar')
    assert.equal(translate('en', 'home.today', { date: '1 May 2026' }), 'Today: 1 May 2026')
  })

  void test('leaves an unknown placeholder visible rather than dropping it', () => {
    assert.equal(translate('en', 'home.today'), 'Today: {date}')
    assert.equal(translate('en', 'home.today', { other: 'x' }), 'Today: {date}')
  })

  void test('Arabic is right to left, English left to right, and each offers the other', () => {
    assert.equal(directionOf('ar'), 'rtl')
    assert.equal(directionOf('en'), 'ltr')
    assert.equal(otherLanguage('ar'), 'en')
    assert.equal(otherLanguage('en'), 'ar')
  })
})

void describe('dates and numbers', () => {
  const date = new Date(Date.UTC(2026, 0, 5))

  void test('Arabic dates are Gregorian, with Levantine month names and Latin digits', () => {
    const text = formatDate(date, 'ar', 'UTC')
    assert.match(text, /5/)
    assert.match(text, /2026/)
    assert.match(text, /كانون الثاني/)
    assert.doesNotMatch(text, /[\u0660-\u0669\u06F0-\u06F9]/, 'no Arabic-Indic digits')
  })

  void test('English dates are Gregorian with Latin digits', () => {
    assert.equal(formatDate(date, 'en', 'UTC'), '5 January 2026')
  })

  void test('numbers keep Latin digits in Arabic', () => {
    assert.doesNotMatch(formatNumber(12345, 'ar'), /[\u0660-\u0669\u06F0-\u06F9]/)
    assert.match(formatNumber(12345, 'ar'), /12.345/)
  })
})

void describe('no literal text in components', () => {
  void test('the checker finds JSX text, visible attributes, string children and Arabic', () => {
    const sample = [
      'const a = <p>Hello</p>',
      'const b = <img alt="A photo" />',
      "const c = <button aria-label={'Close'} />",
      "const d = <p>{'Loose text'}</p>",
      "const e = 'أثر'",
      'const f = <p className="ok-class" data-testid="x">{t("key")} — 12</p>',
    ].join('\n')
    const found = findLiteralText('sample.tsx', sample).map((f) => f.text)
    assert.deepEqual(found, ['Hello', 'A photo', 'Close', 'Loose text', 'أثر'])
  })

  void test('no component or module of web/src contains visible literal text', () => {
    const sources = listSources(webSrc)
    assert.ok(
      sources.some((s) => s.endsWith('LoginScene.tsx')),
      'scanned the scenes',
    )
    const problems = sources.flatMap((path) =>
      findLiteralText(path, readFileSync(path, 'utf8')).map(
        (f) => `${relative(webSrc, path)}:${f.line}: ${JSON.stringify(f.text)}`,
      ),
    )
    assert.deepEqual(problems, [], 'move these strings into i18n/ar.json and en.json')
  })
})
