/**
 * The match review screen's rules without a browser: marks, field rows, the waterfall and
 * its mirroring, shortcuts, queues and dates.
 * Run: node --import tsx --test web/src/scenes/review/review-model.test.ts
 */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ReviewComparison, ReviewQueueItem, ReviewRecord } from '../../api/review.api.js'
import {
  SHORTCUT_SCOPE_ATTRIBUTE,
  chosenPairOf,
  chosenPairPath,
  inShortcutScope,
  contradictionsOf,
  chartLayout,
  fieldMarkOf,
  formatProbability,
  formatWeight,
  forwardArrow,
  isTypingTarget,
  labelLines,
  outcomeKey,
  pairKeyOf,
  pairRows,
  readableDate,
  secondOpinionItems,
  shortcutAction,
  waterfallOf,
  type KeyLike,
} from './review-model.js'

function record(id: string, fields: Record<string, unknown>): ReviewRecord {
  return {
    id,
    fields: { extra: {}, ...fields },
    provenance: { source_kind: 'register', row_number: 2 },
    sensitivity: 'sensitive',
  }
}

const comparisons: ReviewComparison[] = [
  { comparison: 'first_name', level: 'cross-script', mark: 'agree', weight: 4.5 },
  { comparison: 'father_name', level: 'null', mark: 'missing', weight: 0 },
  { comparison: 'family_name', level: 'different', mark: 'disagree', weight: -3 },
  { comparison: 'birth_date', level: 'same-year', mark: 'agree', weight: 2 },
]

function item(extra: Partial<ReviewQueueItem> = {}): ReviewQueueItem {
  return {
    left: record('b', { first_name: 'Ahmad', family_name: 'Homsi', birth_date: '1990-03-04' }),
    right: record('a', { full_name: 'أحمد الحلبي', birth_date: '1990' }),
    sensitive: false,
    status: 'undecided',
    comparisons,
    prior: -8,
    matchWeight: -4.5,
    matchProbability: 0.04,
    ...extra,
  }
}

const key = (k: string, code: string, more: Partial<KeyLike> = {}): KeyLike => ({
  key: k,
  code,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  ...more,
})

void describe('field marks', () => {
  void test('strongest levels agree, weaker agreeing levels are partial, the rest pass through', () => {
    assert.equal(fieldMarkOf({ mark: 'agree', level: 'exact' }), 'agree')
    assert.equal(fieldMarkOf({ mark: 'agree', level: 'cross-script' }), 'agree')
    assert.equal(fieldMarkOf({ mark: 'agree', level: 'same-year' }), 'partial')
    assert.equal(fieldMarkOf({ mark: 'agree', level: 'close' }), 'partial')
    assert.equal(fieldMarkOf({ mark: 'disagree', level: 'different' }), 'disagree')
    assert.equal(fieldMarkOf({ mark: 'missing', level: 'null' }), 'missing')
  })
})

void describe('field rows', () => {
  void test('values as written, compared fields marked, empty uncompared fields left out', () => {
    const rows = pairRows(item())
    assert.deepEqual(
      rows.map((r) => r.field),
      ['full_name', 'first_name', 'family_name', 'birth_date'],
    )
    const full = rows[0]
    assert.equal(full?.right, 'أحمد الحلبي')
    assert.equal(full?.comparison, undefined)
    assert.deepEqual(rows[1]?.comparison, { mark: 'agree', level: 'cross-script' })
    assert.equal(rows[3]?.left, '1990-03-04')
    assert.equal(rows[3]?.comparison?.mark, 'partial')
  })

  void test('a compared field neither record names still shows; extra columns follow', () => {
    const rows = pairRows({
      left: record('l', { full_name: 'Ahmad Homsi', extra: { Branch: '215' } }),
      right: record('r', { first_name: 'Ahmad', age: 0 }),
      comparisons: [{ comparison: 'family_name', level: 'exact', mark: 'agree' }],
    })
    assert.deepEqual(
      rows.map((r) => [r.field, r.left, r.right]),
      [
        ['full_name', 'Ahmad Homsi', undefined],
        ['first_name', undefined, 'Ahmad'],
        ['family_name', undefined, undefined],
        ['age', undefined, '0'],
        ['extra:Branch', '215', undefined],
      ],
    )
    // The family name was compared from the left record's full name.
    assert.deepEqual(rows[2]?.fromFullName, { left: true, right: false })
    assert.equal(rows[1]?.fromFullName, undefined, 'first name was not compared')
  })
})

void describe('waterfall', () => {
  void test('each weighing field starts where the previous ended; missing fields are left out', () => {
    const w = waterfallOf(item())
    assert.ok(w)
    assert.deepEqual(
      w.steps.map((s) => [s.comparison, s.from, s.to]),
      [
        ['first_name', -8, -3.5],
        ['family_name', -3.5, -6.5],
        ['birth_date', -6.5, -4.5],
      ],
    )
    assert.equal(w.matchWeight, -4.5)
  })

  void test('blind mode has no waterfall', () => {
    const blind = item()
    delete blind.prior
    delete blind.matchWeight
    delete blind.matchProbability
    assert.equal(waterfallOf(blind), undefined)
  })

  void test('bars go up for evidence for, down against, to scale; RTL mirrors the columns', () => {
    const w = waterfallOf(item())
    assert.ok(w)
    const ltr = chartLayout(w, 'ltr')
    const rtl = chartLayout(w, 'rtl')
    assert.deepEqual(
      ltr.bars.map((b) => b.kind),
      ['prior', 'up', 'down', 'up', 'total'],
    )
    // Reading order: left to right in English, right to left in Arabic.
    const xs = ltr.bars.map((b) => b.x)
    assert.deepEqual(
      xs,
      [...xs].sort((a, b) => a - b),
    )
    const rxs = rtl.bars.map((b) => b.x)
    assert.deepEqual(
      rxs,
      [...rxs].sort((a, b) => b - a),
    )
    for (const [i, bar] of ltr.bars.entries()) {
      const mirrored = rtl.bars[i]
      assert.ok(mirrored)
      assert.equal(mirrored.x, ltr.width - bar.x - bar.width, 'mirror image')
      assert.equal(mirrored.height, bar.height)
    }
    // Heights are to scale: the prior (8) is twice the family-name step (3)… give or take 8/3.
    const [prior, , family] = ltr.bars
    assert.ok(prior && family)
    assert.ok(Math.abs(prior.height / family.height - 8 / 3) < 1e-9)
    // The prior hangs below zero (even odds); the first name's bar rises from the prior's end.
    assert.ok(Math.abs(prior.y - ltr.zeroY) < 1e-9)
    const first = ltr.bars[1]
    assert.ok(first)
    assert.ok(Math.abs(first.y + first.height - (prior.y + prior.height)) < 1e-9)
    // On a phone the columns narrow to fit; never below the smallest, then the box scrolls.
    assert.equal(ltr.width, 12 * 2 + 5 * 84)
    assert.ok(chartLayout(w, 'rtl', 328).width <= 328)
    assert.equal(chartLayout(w, 'rtl', 100).width, 12 * 2 + 5 * 52)
    // Connectors run between neighbours in either direction.
    for (const c of [...ltr.connectors, ...rtl.connectors]) assert.ok(c.x1 < c.x2)
  })
})

void describe('chart labels', () => {
  void test('long labels of several words go on two lines, cut near the middle', () => {
    assert.deepEqual(labelLines('Age'), ['Age'])
    assert.deepEqual(labelLines('Birthplace'), ['Birthplace'])
    assert.deepEqual(labelLines("Mother's family"), ["Mother's", 'family'])
    assert.deepEqual(labelLines('مكان الولادة'), ['مكان', 'الولادة'])
    assert.deepEqual(labelLines('a b c d e f g h'), ['a b c d', 'e f g h'])
  })
})

void describe('keyboard shortcuts', () => {
  const body = { tagName: 'BODY' }
  void test('letters by physical key, so an Arabic layout works too', () => {
    assert.equal(shortcutAction(key('s', 'KeyS'), 'ltr', body), 'same')
    assert.equal(shortcutAction(key('س', 'KeyS'), 'rtl', body), 'same')
    assert.equal(shortcutAction(key('n', 'KeyN'), 'ltr', body), 'not_same')
    assert.equal(shortcutAction(key('u', 'KeyU'), 'ltr', body), 'unsure')
    assert.equal(shortcutAction(key('k', 'KeyK'), 'ltr', body), 'skip')
    assert.equal(shortcutAction(key('x', 'KeyX'), 'ltr', body), undefined)
  })

  void test('the forward arrow of the page direction skips', () => {
    assert.equal(shortcutAction(key('ArrowRight', 'ArrowRight'), 'ltr', body), 'skip')
    assert.equal(shortcutAction(key('ArrowRight', 'ArrowRight'), 'rtl', body), undefined)
    assert.equal(shortcutAction(key('ArrowLeft', 'ArrowLeft'), 'rtl', body), 'skip')
    assert.equal(forwardArrow('rtl'), '\u2190')
  })

  void test('never while typing, with a modifier or a held key', () => {
    assert.equal(shortcutAction(key('s', 'KeyS'), 'ltr', { tagName: 'TEXTAREA' }), undefined)
    assert.equal(
      shortcutAction(key('s', 'KeyS'), 'ltr', { tagName: 'INPUT', type: 'text' }),
      undefined,
    )
    assert.equal(
      shortcutAction(key('s', 'KeyS'), 'ltr', { tagName: 'DIV', isContentEditable: true }),
      undefined,
    )
    assert.equal(shortcutAction(key('s', 'KeyS', { ctrlKey: true }), 'ltr', body), undefined)
    assert.equal(shortcutAction(key('s', 'KeyS', { repeat: true }), 'ltr', body), undefined)
    assert.equal(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' }), false)
    assert.equal(isTypingTarget({ tagName: 'BUTTON' }), false)
  })

  void test('only on the page or inside the pair, not in the header or the tabs', () => {
    // A stand-in for an element: closest() finds the scope attribute among its ancestors.
    const element = (tagName: string, insidePair: boolean) => ({
      tagName,
      closest: (selector: string) =>
        selector === `[${SHORTCUT_SCOPE_ATTRIBUTE}]` && insidePair ? { tagName: 'SECTION' } : null,
    })
    assert.equal(shortcutAction(key('s', 'KeyS'), 'ltr', element('BUTTON', true)), 'same')
    assert.equal(shortcutAction(key('s', 'KeyS'), 'ltr', element('H2', true)), 'same')
    assert.equal(shortcutAction(key('s', 'KeyS'), 'ltr', element('BUTTON', false)), undefined)
    assert.equal(shortcutAction(key('n', 'KeyN'), 'ltr', element('A', false)), undefined)
    assert.equal(
      shortcutAction(key('ArrowRight', 'ArrowRight'), 'ltr', element('BUTTON', false)),
      undefined,
    )
    assert.equal(inShortcutScope({ tagName: 'HTML' }), true)
    assert.equal(inShortcutScope(null), true)
  })
})

void describe('queues and outcomes', () => {
  void test('the second-opinion queue holds the pairs awaiting a second reviewer', () => {
    const items = [
      item(),
      item({ status: 'awaiting_second_review', sensitive: true }),
      item({ status: 'unsure' }),
    ]
    assert.deepEqual(
      secondOpinionItems(items).map((i) => i.status),
      ['awaiting_second_review'],
    )
  })

  void test('a pair has one key whichever side is left; outcomes have messages by status', () => {
    const a = item()
    assert.equal(pairKeyOf(a), pairKeyOf({ left: a.right, right: a.left }))
    assert.equal(outcomeKey('awaiting_second_review'), 'review.outcome.awaiting_second_review')
  })
})

void describe('dates and numbers', () => {
  void test('a full or month date in words; a year alone or nonsense gives nothing', () => {
    assert.equal(readableDate('2014-07-11', 'en'), '11 July 2014')
    assert.match(readableDate('2014-07-11', 'ar') ?? '', /11 تموز 2014/)
    assert.equal(readableDate('2014-07', 'en'), 'July 2014')
    assert.equal(readableDate('2014', 'en'), undefined)
    assert.equal(readableDate('2014-02-30', 'en'), undefined)
    assert.equal(readableDate('2014-13', 'en'), undefined)
    assert.equal(readableDate('unknown', 'ar'), undefined)
  })

  void test('weights carry their sign, probabilities are percentages, Latin digits in Arabic', () => {
    assert.equal(formatWeight(4.63, 'en'), '+4.6')
    assert.equal(formatWeight(-8.85, 'en'), '-8.9')
    assert.equal(formatWeight(0, 'en'), '0.0')
    assert.equal(formatProbability(0.503, 'en'), '50%')
    assert.doesNotMatch(formatWeight(-8.85, 'ar') + formatProbability(0.5, 'ar'), /[\u0660-\u0669]/)
  })
})

void describe('a chosen pair', () => {
  test('reads two different record ids from the address, and nothing else', () => {
    assert.deepEqual(chosenPairOf(new URLSearchParams('left=a1&right=b2')), {
      left: 'a1',
      right: 'b2',
    })
    assert.equal(chosenPairOf(new URLSearchParams('left=a1')), undefined)
    assert.equal(chosenPairOf(new URLSearchParams('left=a1&right=a1')), undefined)
    assert.equal(chosenPairOf(new URLSearchParams('left=&right=b')), undefined)
    assert.equal(chosenPairOf(new URLSearchParams(`left=${'x'.repeat(201)}&right=b`)), undefined)
  })

  test('its address round-trips, escaping what needs escaping', () => {
    const path = chosenPairPath('a&b', 'c d')
    assert.equal(path, '/review?left=a%26b&right=c+d')
    assert.deepEqual(chosenPairOf(new URL(path, 'http://x').searchParams), {
      left: 'a&b',
      right: 'c d',
    })
  })
})

void describe('contradictions', () => {
  const decision = {
    decisionId: 'd1',
    left: 'a',
    right: 'b',
    leftName: 'محمد الحلبي',
    rightName: null,
    leftPerson: 'p1',
    rightPerson: null,
    verdict: 'not_same',
    reviewerName: 'Samira',
    decidedAt: '2026-11-03T10:00:00.000Z',
  }
  test('are read from a conflict problem’s details, and only from there', () => {
    const conflict = { type: 't', title: 'Conflict', status: 409, code: 'conflict' }
    assert.deepEqual(contradictionsOf({ ...conflict, details: { contradicts: [decision] } }), [
      decision,
    ])
    assert.deepEqual(contradictionsOf(conflict), [])
    assert.deepEqual(
      contradictionsOf({ ...conflict, code: 'forbidden', details: { contradicts: [decision] } }),
      [],
    )
    assert.deepEqual(
      contradictionsOf({ ...conflict, details: { contradicts: [{ nope: 1 }, 'x', null] } }),
      [],
    )
    assert.deepEqual(contradictionsOf(undefined), [])
  })
})
