import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import { buildTestApp, signIn } from '../../test/support/http.js'
import { correctRecord, importRecords } from './record.service.js'
import { searchRecords, searchState, stopSearch, syncSearchIndex } from './search.service.js'
import type { Actor } from '../core/access/policy.js'

const CSV = [
  'record_id,source,first_name,father_name,family_name,mother_name,sex,birth_date',
  'a1,register,محمد,خالد,الحلبي,فاطمة,M,1985',
  'a2,register,سامر,علي,الحمصي,مريم,M,1990',
  'a3,register,نور,أحمد,الإدلبي,زينب,F,1995',
].join('\n')

for (const dialect of DIALECTS) {
  describe(`search service (${dialect})`, () => {
    let ctx: TestContext
    let caseworker: Actor
    let outsider: Actor
    let viewer: Actor
    let caseworkerName: string

    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      const other = await buildOrganisation(ctx)
      const c = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      const v = await buildUser(ctx, { organisationId: org.id, role: 'viewer' })
      const o = await buildUser(ctx, { organisationId: other.id, role: 'caseworker' })
      caseworker = { userId: c.id, organisationId: org.id, role: 'caseworker' }
      caseworkerName = c.username
      viewer = { userId: v.id, organisationId: org.id, role: 'viewer' }
      outsider = { userId: o.id, organisationId: other.id, role: 'caseworker' }
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from(CSV),
        fileName: 'a.csv',
        sourceKind: 'register',
      })
    })
    after(async () => ctx.drop())

    it('finds an Arabic record from a Latin query', async () => {
      const items = await searchRecords(ctx, caseworker, { q: 'Mohammad Al-Halabi' })
      assert.equal(items[0]?.record.fields.record_id, 'a1')
    })

    it('finds records imported after the index was built, without a rebuild', async () => {
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from('record_id,first_name,family_name\nb1,Rami,Al-Hourani\n'),
        fileName: 'b.csv',
        sourceKind: 'ngo-list',
      })
      const items = await searchRecords(ctx, caseworker, { q: 'رامي الحوراني' })
      assert.equal(items[0]?.record.fields.record_id, 'b1')
    })

    it('another server process on the same database sees new records within seconds', async () => {
      // A second process: its own context (own index, own import listeners), same database.
      const other = { ...ctx }
      const before = await searchRecords(other, caseworker, { q: 'Wael Al-Tadmuri' })
      assert.ok(!before.some((i) => i.record.fields.record_id === 'p1'))
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from('record_id,first_name,family_name\np1,Wael,Al-Tadmuri\n'),
        fileName: 'p.csv',
        sourceKind: 'ngo-list',
      })
      const found = (items: Awaited<ReturnType<typeof searchRecords>>) =>
        items.some((i) => i.record.fields.record_id === 'p1')
      assert.ok(found(await searchRecords(ctx, caseworker, { q: 'وائل التدمري' })), 'here at once')
      // Within the interval the other process answers from its index as it is…
      assert.ok(!found(await searchRecords(other, caseworker, { q: 'وائل التدمري' })))
      // …after it, a search reads what changed in the background; the next one sees it.
      ctx.advance(3000)
      await searchRecords(other, caseworker, { q: 'وائل التدمري' })
      await syncSearchIndex(other)
      assert.ok(found(await searchRecords(other, caseworker, { q: 'وائل التدمري' })), 'there too')
      // Read once: another catch-up adds nothing twice.
      await syncSearchIndex(other)
      const hits = (await searchRecords(other, caseworker, { q: 'وائل التدمري' })).filter(
        (i) => i.record.fields.record_id === 'p1',
      )
      assert.equal(hits.length, 1)
      await stopSearch(other)
    })

    it('a catch-up reads commits that land late in its window, many of them a page at a time', async () => {
      const other = { ...ctx } // a second process: its own index
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from('record_id,first_name,family_name\nq1,Ayham,Al-Shaar\n'),
        fileName: 'q.csv',
        sourceKind: 'ngo-list',
      })
      await syncSearchIndex(other) // it has read through the newest change
      // A third process whose clock is 10 s behind commits after that: its rows carry an
      // earlier time than the newest change the second process saw. 2,500 of them: more
      // than one page of a catch-up.
      const late = { ...ctx, clock: () => new Date(ctx.clock().getTime() - 10_000) }
      const filler = ['Basel,Haddad', 'Rima,Khoury', 'Omar,Nahhas', 'Lina,Sabbagh']
      const rows = Array.from({ length: 2500 }, (_, i) =>
        i === 0
          ? 'l0,Ghiath,Zaatari'
          : i === 2499
            ? 'l2499,Muhannad,Qassab'
            : `l${i},${filler[i % filler.length] ?? ''}`,
      )
      await importRecords(late, caseworker, {
        bytes: Buffer.from(`record_id,first_name,family_name\n${rows.join('\n')}\n`),
        fileName: 'late.csv',
        sourceKind: 'ngo-list',
      })
      ctx.advance(3000)
      await syncSearchIndex(other)
      const ids = async (q: string) =>
        (await searchRecords(other, caseworker, { q })).map((i) => i.record.fields.record_id)
      assert.ok((await ids('Ghiath Zaatari')).includes('l0'), 'first of the late rows')
      assert.ok((await ids('Muhannad Qassab')).includes('l2499'), 'last of the late rows')
      await stopSearch(other)
    })

    it('a corrected name replaces the old one in the index', async () => {
      const hit = (await searchRecords(ctx, caseworker, { q: 'سامر الحمصي' })).find(
        (i) => i.record.fields.record_id === 'a2',
      )
      assert.ok(hit)
      // A register misread: the given name was Samir, not Samer.
      ctx.advance(1000)
      await correctRecord(
        ctx,
        caseworker,
        hit.record.id,
        { first_name: 'سمير' },
        'register re-read',
      )
      ctx.advance(3000)
      await syncSearchIndex(ctx)
      const now = await searchRecords(ctx, caseworker, { q: 'سمير علي الحمصي' })
      assert.equal(now[0]?.record.id, hit.record.id)
      assert.equal(now[0]?.record.fields.first_name, 'سمير')
      // One entry per record: the old names are gone, not kept beside the new ones.
      assert.equal(now.filter((i) => i.record.id === hit.record.id).length, 1)
      const old = await searchRecords(ctx, caseworker, { q: 'سامر علي الحمصي' })
      const oldHit = old.find((i) => i.record.id === hit.record.id)
      assert.ok(
        oldHit === undefined ||
          !oldHit.matched.some((m) => m.part === 'first_name' && m.token === 'سامر'),
        'the old given name no longer matches exactly',
      )
    })

    it('a record imported after the index was built, then corrected, is found by its new name', async () => {
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from('record_id,first_name,family_name\nc1,Bassel,Al-Qudsi\n'),
        fileName: 'c.csv',
        sourceKind: 'ngo-list',
      })
      const hit = (await searchRecords(ctx, caseworker, { q: 'Bassel Al-Qudsi' })).find(
        (i) => i.record.fields.record_id === 'c1',
      )
      assert.ok(hit, 'the new record is searchable at once')
      ctx.advance(1000)
      await correctRecord(ctx, caseworker, hit.record.id, { first_name: 'Nabil' }, 'misread')
      ctx.advance(3000)
      await syncSearchIndex(ctx)
      const now = await searchRecords(ctx, caseworker, { q: 'Nabil Al-Qudsi' })
      assert.equal(now[0]?.record.id, hit.record.id)
      assert.ok(
        now[0]?.matched.some((m) => m.part === 'first_name' && m.token === 'nabil'),
        JSON.stringify(now[0]?.matched),
      )
    })

    it('applies filters', async () => {
      const women = await searchRecords(ctx, caseworker, {
        q: 'نور الادلبي',
        filters: { sex: 'M', excludeUnknown: true },
      })
      assert.ok(!women.some((i) => i.record.fields.record_id === 'a3'))
    })

    it('refuses single-letter and empty queries, and audits them', async () => {
      await assert.rejects(searchRecords(ctx, caseworker, { q: 'م' }), { code: 'query_rejected' })
      await assert.rejects(searchRecords(ctx, caseworker, { q: '   ' }), { code: 'query_rejected' })
      const rows = await ctx.handle.db
        .selectFrom('audit_entry')
        .select(['action', 'outcome', 'details'])
        .where('action', '=', 'record.search')
        .execute()
      assert.ok(rows.some((r) => r.outcome === 'failure'))
      assert.ok(
        rows.every((r) => !r.details.includes('Halabi') && !r.details.includes('الحلبي')),
        'the query text is never stored',
      )
    })

    it('shows nothing of another organisation and refuses viewers', async () => {
      const items = await searchRecords(ctx, outsider, { q: 'محمد الحلبي' })
      assert.deepEqual(items, [])
      await assert.rejects(searchRecords(ctx, viewer, { q: 'محمد الحلبي' }), { code: 'forbidden' })
    })

    it("shows a record shared with the searcher's organisation to it, and to no other", async () => {
      // Its own database: the index reads who may see a record when it is built.
      const t = await openTestContext(dialect)
      try {
        const owner = await buildOrganisation(t)
        const partner = await buildOrganisation(t)
        const third = await buildOrganisation(t)
        const actorOf = async (organisationId: string): Promise<Actor> => {
          const u = await buildUser(t, { organisationId, role: 'caseworker' })
          return { userId: u.id, organisationId, role: 'caseworker' }
        }
        const [mine, partners, thirds] = [
          await actorOf(owner.id),
          await actorOf(partner.id),
          await actorOf(third.id),
        ]
        await importRecords(t, mine, {
          bytes: Buffer.from('record_id,first_name,family_name\ns1,سامر,الحمصي\ns2,سامر,الحموي\n'),
          fileName: 'shared.csv',
          sourceKind: 'register',
        })
        // No service shares a record yet (a case shares its case file): stored here as such
        // a service would store it. Two records, two lists, one organisation in both.
        const share = async (key: string, organisations: string[]): Promise<void> => {
          await t.handle.db
            .updateTable('person_record')
            .set({ shared_with: JSON.stringify(organisations) })
            .where('record_key', '=', key)
            .execute()
        }
        await share('s1', [partner.id])
        await share('s2', [third.id, partner.id])
        const found = async (actor: Actor): Promise<string[]> =>
          (await searchRecords(t, actor, { q: 'سامر' }))
            .map((i) => i.record.fields.record_id ?? '')
            .sort()
        assert.deepEqual(await found(mine), ['s1', 's2'])
        assert.deepEqual(await found(partners), ['s1', 's2'])
        assert.deepEqual(await found(thirds), ['s2'])
      } finally {
        await stopSearch(t)
        await t.drop()
      }
    })

    it('looks further down the ranking when better hits belong to another organisation', async () => {
      const theirs = Array.from({ length: 12 }, (_, i) => `o${i},Nizar,Qabbani`).join('\n')
      await importRecords(ctx, outsider, {
        bytes: Buffer.from(`record_id,first_name,family_name\n${theirs}\n`),
        fileName: 'theirs.csv',
        sourceKind: 'register',
      })
      await importRecords(ctx, caseworker, {
        bytes: Buffer.from(
          'record_id,first_name,father_name,family_name\nmine,Nizar,Omar,Qabani\n',
        ),
        fileName: 'mine.csv',
        sourceKind: 'register',
      })
      const items = await searchRecords(ctx, caseworker, { q: 'Nizar Qabbani', limit: 3 })
      assert.deepEqual(
        items.map((i) => i.record.fields.record_id),
        ['mine'],
      )
      const theirView = await searchRecords(ctx, outsider, { q: 'Nizar Qabbani', limit: 3 })
      assert.equal(theirView.length, 3)
      assert.ok(theirView.every((i) => i.record.fields.record_id?.startsWith('o')))
    })

    it('limits searches to 60 a minute per user at the edge unless configuration raises it', async () => {
      const statuses = async (config: TestContext['config'], count: number): Promise<number[]> => {
        const app = await buildTestApp({ ...ctx, config })
        try {
          const client = await signIn(app, caseworkerName)
          const out: number[] = []
          for (let i = 0; i < count; i++) {
            const res = await client.request(
              'GET',
              `/api/records/search?q=${encodeURIComponent('سامر الحمصي')}`,
            )
            out.push(res.statusCode)
          }
          return out
        } finally {
          await app.close()
        }
      }
      const byDefault = await statuses(ctx.config, 61)
      assert.deepEqual(byDefault.slice(0, 60), Array<number>(60).fill(200))
      assert.equal(byDefault[60], 429)
      const raised = await statuses({ ...ctx.config, searchRateLimit: 100 }, 61)
      assert.deepEqual(raised, Array<number>(61).fill(200))
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`search service in search threads (${dialect})`, () => {
    let ctx: TestContext
    let threaded: TestContext
    let actor: Actor

    before(async () => {
      ctx = await openTestContext(dialect)
      // Its own context object: the search state (and its threads) belongs to the context.
      threaded = { ...ctx, config: { ...ctx.config, searchThreads: 2 } }
      const org = await buildOrganisation(ctx)
      const c = await buildUser(ctx, { organisationId: org.id, role: 'caseworker' })
      actor = { userId: c.id, organisationId: org.id, role: 'caseworker' }
      await importRecords(threaded, actor, {
        bytes: Buffer.from(CSV),
        fileName: 'a.csv',
        sourceKind: 'register',
      })
    })
    after(async () => {
      await stopSearch(threaded)
      await ctx.drop()
    })

    it('answers as the index in the server thread does', async () => {
      const inThread = { ...ctx, config: { ...ctx.config, searchThreads: 0 } }
      for (const q of ['Mohammad Al-Halabi', 'نور الادلبي', 'سامر', 'Sam Homsi']) {
        for (let i = 0; i < 3; i++) {
          // Several rounds: the searches spread over both threads.
          const there = await searchRecords(threaded, actor, { q })
          const here = await searchRecords(inThread, actor, { q })
          assert.deepEqual(
            there.map((x) => [x.record.id, x.score, x.matched]),
            here.map((x) => [x.record.id, x.score, x.matched]),
          )
        }
      }
      assert.equal(
        (await searchRecords(threaded, actor, { q: 'Mohammad Al-Halabi' }))[0]?.record.fields
          .record_id,
        'a1',
      )
      await stopSearch(inThread)
    })

    it('a search thread that died is replaced: one search fails, the next builds anew', async () => {
      const own = { ...ctx, config: { ...ctx.config, searchThreads: 1 } }
      assert.equal(
        (await searchRecords(own, actor, { q: 'سامر الحمصي' }))[0]?.record.fields.record_id,
        'a2',
      )
      // The thread goes away under the server (a crash, an out-of-memory kill).
      await (await searchState(own)).index.close()
      await assert.rejects(searchRecords(own, actor, { q: 'سامر الحمصي' }))
      const again = await searchRecords(own, actor, { q: 'سامر الحمصي' })
      assert.equal(again[0]?.record.fields.record_id, 'a2')
      await stopSearch(own)
    })

    it('finds records imported after the threads were built', async () => {
      await searchRecords(threaded, actor, { q: 'سامر' })
      await importRecords(threaded, actor, {
        bytes: Buffer.from('record_id,first_name,family_name\nt1,Rami,Al-Hourani\n'),
        fileName: 't.csv',
        sourceKind: 'ngo-list',
      })
      const searches = await Promise.all(
        [0, 1, 2, 3].map(() => searchRecords(threaded, actor, { q: 'رامي الحوراني' })),
      )
      for (const items of searches) assert.equal(items[0]?.record.fields.record_id, 't1')
    })
  })
}
