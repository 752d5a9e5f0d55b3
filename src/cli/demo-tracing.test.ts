import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { openTestContext, type TestContext } from '../../test/support/test-database.js'
import { seedDemo, registerDemoSeeders, type DemoUser } from './commands/demo.command.js'
import { heldBackCount, seedDemoRecords } from './demo-records.js'
import { actAsUser } from '../services/access.service.js'
import { getDashboard } from '../services/dashboard.service.js'
import { listCases, listTasks } from '../services/case.service.js'
import { candidatesOfRecord, nextPairsForReview } from '../services/linkage.service.js'
import { verifyAuditChain } from '../services/audit.service.js'

// The demo runs on SQLite only (it deletes and recreates its file), so this suite does too.
void describe('demo tracing data', () => {
  let ctx: TestContext
  let users: DemoUser[]
  const lines: string[] = []
  before(async () => {
    ctx = await openTestContext('sqlite', new Date())
    registerDemoSeeders(seedDemoRecords)
    users = await seedDemo(ctx, { records: 900, progress: (t) => lines.push(t) })
  })
  after(async () => ctx.drop())

  const as = (role: DemoUser['role']) => {
    const u = users.find((x) => x.role === role)
    assert.ok(u, role)
    return actAsUser(ctx, u.username)
  }

  it('adds a second reviewer, since sensitive conclusions need two', () => {
    assert.equal(users.filter((u) => u.role === 'reviewer').length, 2)
  })

  it('files family reports spread over past days, each a case', async () => {
    const cases = await listCases(ctx, await as('caseworker'), {})
    assert.equal(cases.length, heldBackCount(900))
    const days = new Set(cases.map((c) => c.createdAt.slice(0, 10)))
    assert.ok(days.size >= 5, `cases on ${days.size} days`)
    const dash = await getDashboard(ctx, await as('viewer'))
    assert.equal(
      dash.series.reduce((n, d) => n + d.cases, 0),
      cases.length,
    )
  })

  it('registers named and unidentified intakes', async () => {
    const dash = await getDashboard(ctx, await as('field_officer'))
    assert.equal(dash.unidentifiedPersons, 5)
    assert.ok(dash.intakesToday >= heldBackCount(900) + 5)
  })

  it('leaves a review queue and confirms some reported persons, giving inform-family tasks', async () => {
    const queue = await nextPairsForReview(ctx, await as('reviewer'), { limit: 5 })
    assert.ok(queue.length > 0, 'review queue is empty')
    const caseworker = await as('caseworker')
    const alive = (await listCases(ctx, caseworker, {})).filter(
      (c) => c.status === 'confirmed_alive',
    )
    assert.ok(alive.length >= 1, lines.join('\n'))
    const tasks = await listTasks(ctx, caseworker, { status: 'open' })
    assert.equal(tasks.filter((t) => t.kind === 'inform_family').length, alive.length)
    // The viewer's totals to date: counts only.
    const { totals } = await getDashboard(ctx, await as('viewer'))
    assert.deepEqual(totals, {
      reports: heldBackCount(900),
      intakes: heldBackCount(900) + 5,
      confirmed: alive.length,
    })
  })

  it('lists the candidates of a record to linkage readers only', async () => {
    const [item] = await nextPairsForReview(ctx, await as('reviewer'), { limit: 1 })
    assert.ok(item)
    const found = await candidatesOfRecord(ctx, await as('reviewer'), item.left.id)
    assert.ok(found.some((c) => c.record.id === item.right.id))
    assert.ok(found.every((c, i) => i === 0 || found[i - 1]!.probability >= c.probability))
    await assert.rejects(candidatesOfRecord(ctx, await as('field_officer'), item.left.id), {
      code: 'forbidden',
    })
  })

  it('went through the services: the audit chain holds every step', async () => {
    const v = await verifyAuditChain(ctx)
    assert.equal(v.ok, true)
    assert.ok(v.entriesChecked > 100)
  })
})
