/**
 * Property: whatever bytes arrive, an import either stores every row of the file or none,
 * and never fails with anything but a DomainError (no stack trace reaches a person).
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { DIALECTS, openTestContext, type TestContext } from '../../test/support/test-database.js'
import { buildOrganisation, buildUser } from '../../test/support/factories.js'
import { importRecords } from './record.service.js'
import { countRecords } from '../db/record.repository.js'
import { DomainError } from '../core/errors.js'
import type { Actor } from '../core/access/policy.js'

const cell = fc.oneof(
  fc.constantFrom(
    'محمد',
    'الحلبي',
    'Mohammad',
    '1985',
    '2019-13-45',
    '31/12/1990',
    'M',
    'F',
    'x',
    '',
    '=1+1',
    '"q"',
    'a,b',
    '٠١٢',
  ),
  fc.string({ maxLength: 8 }),
)
const header = fc.constantFrom(
  'record_id,first_name,family_name,birth_date',
  'record_id;الاسم;الشهرة;تاريخ الولادة',
  'first_name,family_name',
  'record_id,sex,age,national_id',
)
const csvFile = fc
  .tuple(header, fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 8 }))
  .map(([h, rows]) => {
    const sep = h.includes(';') ? ';' : ','
    return [h, ...rows.map((r, i) => [`id${i % 5}`, ...r].join(sep))].join('\n')
  })

for (const dialect of DIALECTS) {
  describe(`import is all-or-nothing for any input (${dialect})`, () => {
    let ctx: TestContext
    let actor: Actor
    before(async () => {
      ctx = await openTestContext(dialect)
      const org = await buildOrganisation(ctx)
      const u = await buildUser(ctx, { organisationId: org.id, role: 'investigator' })
      actor = { userId: u.id, organisationId: org.id, role: 'investigator' }
    })
    after(async () => ctx.drop())

    it('stores all rows of a file or none, and fails only with domain errors', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            csvFile.map((t) => Buffer.from(t, 'utf8')),
            fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b)),
          ),
          async (bytes) => {
            const before = await countRecords(ctx.handle.db)
            try {
              const out = await importRecords(ctx, actor, {
                bytes,
                fileName: 'p.csv',
                format: 'csv',
                sourceKind: 'register',
              })
              const after = await countRecords(ctx.handle.db)
              assert.equal(after - before, out.alreadyImported ? 0 : out.recordCount)
            } catch (error) {
              assert.ok(error instanceof DomainError, `unexpected ${String(error)}`)
              assert.equal(await countRecords(ctx.handle.db), before)
            }
          },
        ),
        { numRuns: dialect === 'sqlite' ? 150 : 40, seed: 20241208 },
      )
    })
  })
}
